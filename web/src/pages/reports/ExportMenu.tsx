import { Button, Menu } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type DayRange, type Granularity, reportExportUrl } from "../../api/reports";

const REPORTS = ["sales", "customers", "products", "regions"] as const;

/** Downloads of the range's reports (one outlet's with `outletId`) as CSV or Excel, worded in the shop's language. */
export function ExportMenu({
  range,
  granularity,
  outletId = null,
}: {
  range: DayRange;
  granularity: Granularity;
  outletId?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" data-testid="report-export">
          {t("reports.export.button")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {REPORTS.flatMap((r) =>
          (["csv", "xlsx"] as const).map((format) => (
            <Menu.Item
              key={`${r}-${format}`}
              component="a"
              href={reportExportUrl(r, range, granularity, format, outletId)}
              download
              data-testid={`export-${r}-${format}`}
            >
              {t(`reports.export.${format}`, { report: t(`reports.export.${r}`) })}
            </Menu.Item>
          )),
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
