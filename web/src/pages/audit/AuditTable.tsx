import { Badge, Code, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../api/audit";
import { TableHead } from "../../components/TableHead";
import { useFormat } from "../../lib/useFormat";
import { actionWords, roleWords, targetWords } from "./words";

/** A value of a change as text: `—` for none, JSON for lists and objects. */
const shown = (v: unknown): string =>
  v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v);

/**
 * The entries: time in the shop's zone, the person (name and role as they were; a key's
 * name for a machine client), the action in words, the target, and each changed field
 * before → after (secrets arrive redacted).
 */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" data-testid="audit-table">
        <TableHead
          columns={[
            t("audit.column.at"),
            t("audit.column.person"),
            t("audit.column.action"),
            t("audit.column.target"),
            t("audit.column.changes"),
          ]}
        />
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-testid="audit-row">
              <Table.Td data-testid="audit-at">
                <Text size="sm">{format.dateTime(e.at)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`audit.source.${e.source}`)}
                  {e.ip ? ` · ${e.ip}` : ""}
                </Text>
              </Table.Td>
              <Table.Td data-testid="audit-person">
                <Text size="sm">
                  {e.actor.name ?? (e.actor.apiKeyId ? t("audit.apiKey") : t("audit.kabar"))}
                </Text>
                <Badge variant="light" size="sm" tt="none">
                  {roleWords(t, e.actor.role)}
                </Badge>
                {e.actor.outlet && (
                  <Text size="xs" c="dimmed" data-testid="audit-outlet">
                    {e.actor.outlet}
                  </Text>
                )}
              </Table.Td>
              <Table.Td data-testid="audit-action">
                <Text size="sm">{actionWords(t, e.action)}</Text>
              </Table.Td>
              <Table.Td data-testid="audit-target">
                <Text size="sm">{targetWords(t, e.target.type)}</Text>
                <Text size="xs" c="dimmed">
                  {e.target.name ?? e.target.id ?? ""}
                </Text>
              </Table.Td>
              <Table.Td data-testid="audit-changes">
                <Stack gap={2}>
                  {Object.entries(e.changes ?? {}).map(([field, [before, after]]) => (
                    <Text size="xs" key={field} data-testid="audit-change">
                      <Code>{field}</Code> {shown(before)} → {shown(after)}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
