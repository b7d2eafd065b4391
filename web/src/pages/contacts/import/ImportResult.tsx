import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../../api/client";
import { rejectedRowsUrl } from "../../../api/contacts";
import { keys } from "../../../api/keys";
import type { ContactImport } from "../../../api/types";
import { QueryState } from "../../../components/QueryState";
import { useFormat } from "../../../lib/useFormat";
import { importReason } from "./reasons";
import { TableHead } from "../../../components/TableHead";

/** Rejected rows shown on the page; the download has them all. */
const SHOWN_REJECTED = 20;

interface RejectedRow {
  line: number;
  reason: string;
  raw: string | null;
}

/** Step 3 of the import wizard: how many rows were kept and rejected, and why. */
export function ImportResult({ result, onAnother }: { result: ContactImport; onAnother: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rejected = result.rejected ?? 0;
  return (
    <Stack gap="md" data-testid="import-result">
      {result.status === "failed" && (
        <Alert color="red" role="alert">
          {t("contacts.import.failed")} {result.error}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Count
          label={t("contacts.import.good")}
          value={f.number(result.created + result.merged)}
          testId="import-good"
          color="teal"
        />
        <Count
          label={t("contacts.import.newAndMerged")}
          value={`${f.number(result.created)} / ${f.number(result.merged)}`}
          testId="import-created-merged"
        />
        <Count
          label={t("contacts.import.rejected")}
          value={f.number(rejected)}
          testId="import-rejected"
          color={rejected > 0 ? "red" : undefined}
        />
      </SimpleGrid>
      {rejected > 0 && <RejectedRows importId={result.id} total={rejected} />}
      <Group>
        <Button component={Link} to="/contacts" data-testid="import-done">
          {t("contacts.import.toContacts")}
        </Button>
        <Button variant="default" onClick={onAnother}>
          {t("contacts.import.another")}
        </Button>
      </Group>
    </Stack>
  );
}

function Count({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function RejectedRows({ importId, total }: { importId: string; total: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...keys.imports, importId, "errors"],
    queryFn: () => api<RejectedRow[]>("GET", `/contacts/imports/${importId}/errors`),
  });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{t("contacts.import.rejectedTitle")}</Title>
        <Anchor href={rejectedRowsUrl(importId)} download data-testid="download-rejected">
          {t("contacts.import.downloadRejected")}
        </Anchor>
      </Group>
      <QueryState query={query}>
        {(rows) => (
          <>
            <Table.ScrollContainer minWidth={500}>
              <Table striped data-testid="rejected-table" verticalSpacing={4}>
                <TableHead
                  columns={[t("contacts.import.line"), t("contacts.import.reason"), t("contacts.import.row")]}
                />
                <Table.Tbody>
                  {rows.slice(0, SHOWN_REJECTED).map((r) => (
                    <Table.Tr key={r.line}>
                      <Table.Td>{r.line}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{importReason(t, r.reason)}</Text>
                      </Table.Td>
                      <Table.Td maw={320}>
                        <Text size="xs" ff="monospace" truncate>
                          {r.raw ?? ""}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {total > SHOWN_REJECTED && (
              <Text size="sm" c="dimmed">
                {t("contacts.import.moreRejected", { n: total - SHOWN_REJECTED })}
              </Text>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
