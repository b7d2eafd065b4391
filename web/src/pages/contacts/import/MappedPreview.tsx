import { Badge, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PreviewRow } from "../../../api/types";
import { TableHead } from "../../../components/TableHead";
import { formatPhone } from "../../../lib/phone";
import { importReason } from "./reasons";

/**
 * The first rows of the file as the contacts the import makes of them (read by the
 * server), other numbers under the phone; a row the import would reject shows why.
 */
export function MappedPreview({ rows, extraLabels }: { rows: PreviewRow[]; extraLabels: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped data-testid="mapping-preview" verticalSpacing={4}>
        <TableHead
          columns={[t("contacts.phone"), t("contacts.name"), t("contacts.labels"), t("contacts.attributes")]}
        />
        <Table.Tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are read-only and never reordered
            <Table.Tr key={i} data-testid="preview-row">
              <Table.Td>
                <Text size="sm" ff="monospace" c={r.phone ? undefined : "red"} data-testid="preview-phone">
                  {r.phone ? formatPhone(r.phone) : t("contacts.import.notImported")}
                </Text>
                {r.reason && (
                  <Text size="xs" c="red" data-testid="preview-reason">
                    {importReason(t, r.reason)}
                  </Text>
                )}
                {r.otherPhones.length > 0 && (
                  <Text size="xs" c="dimmed" data-testid="preview-other-phones">
                    {t("contacts.import.otherPhones", { numbers: r.otherPhones.map(formatPhone).join(", ") })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td data-testid="preview-name">
                <Text size="sm">{r.name || "—"}</Text>
              </Table.Td>
              <Table.Td data-testid="preview-labels">
                <Group gap={4}>
                  {[...new Set([...r.labels, ...extraLabels])].map((l) => (
                    <Badge key={l} variant="outline" size="sm" tt="none">
                      {l}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td data-testid="preview-attributes">
                <Text size="xs">
                  {Object.entries(r.attributes)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(" · ") || "—"}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
