import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { exportUrl, type ContactFilters } from "../../api/contacts";

/** Downloads of the contacts matching the current filters, as CSV or Excel (owners only). */
export function ExportMenu({ filters }: { filters: ContactFilters }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" data-testid="export-menu">
          {t("contacts.export.button")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={exportUrl(filters, "csv")} download data-testid="export-csv">
          {t("contacts.export.csv")}
        </Menu.Item>
        <Menu.Item component="a" href={exportUrl(filters, "xlsx")} download data-testid="export-xlsx">
          {t("contacts.export.xlsx")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
