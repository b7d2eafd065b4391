import {
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Pagination,
  Select,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { RECIPIENTS_PAGE_SIZE, reportUrl, useRecipients } from "../../api/campaigns";
import { RECIPIENT_STATUSES, type Campaign, type Recipient, type RecipientStatus } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { RecipientStatusBadge } from "../../components/StatusBadge";
import { failureText } from "../../lib/reasons";
import { useFormat } from "../../lib/useFormat";
import { TableHead } from "../../components/TableHead";
import { formatPhone } from "../../lib/phone";

interface Props {
  campaign: Campaign;
  /** Link phones to the sandbox phone page (sandbox channels). */
  sandbox: boolean;
  status: RecipientStatus | null;
  onStatus: (s: RecipientStatus | null) => void;
  page: number;
  onPage: (p: number) => void;
}

/**
 * The per-recipient report: one page at a time, filtered by state and by part of a name or
 * number (both on the server), with failure reasons; the whole report downloads as CSV or XLSX.
 */
export function RecipientsTable({ campaign, sandbox, status, onStatus, page, onPage }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [needle] = useDebouncedValue(search.trim(), 300);
  const query = useRecipients(campaign.id, status, page, needle);
  const total = status ? campaign.counts[status] : campaign.counts.total;
  // While searching the count is unknown: a full page means there may be another one.
  const pages = needle
    ? page + ((query.data?.length ?? 0) === RECIPIENTS_PAGE_SIZE ? 1 : 0)
    : Math.max(1, Math.ceil(total / RECIPIENTS_PAGE_SIZE));
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text fw={500}>{t("recipients.title")}</Text>
        <Group gap="xs" wrap="wrap" justify="flex-end">
          <TextInput
            size="xs"
            w={200}
            aria-label={t("campaignReport.search")}
            placeholder={t("campaignReport.search")}
            title={t("campaignReport.searchHint")}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              onPage(1);
            }}
            data-testid="recipient-search"
          />
          <Select
            aria-label={t("recipients.filter")}
            size="xs"
            w={200}
            value={status ?? "all"}
            onChange={(v) => onStatus(v && v !== "all" ? (v as RecipientStatus) : null)}
            data={[
              { value: "all", label: t("recipients.all") },
              ...RECIPIENT_STATUSES.map((s) => ({
                value: s,
                label: `${t(`recipientStatus.${s}`)} (${campaign.counts[s]})`,
              })),
            ]}
            data-testid="recipient-filter"
            allowDeselect={false}
          />
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                size="xs"
                variant="default"
                disabled={campaign.counts.total === 0}
                data-testid="report-download"
              >
                {t("campaignReport.download")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                component="a"
                href={reportUrl(campaign.id, "xlsx")}
                download
                data-testid="report-xlsx"
              >
                {t("campaignReport.xlsx")}
              </Menu.Item>
              <Menu.Item component="a" href={reportUrl(campaign.id, "csv")} download data-testid="report-csv">
                {t("campaignReport.csv")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <QueryState
        query={query}
        empty={campaign.status === "draft" ? t("recipients.emptyDraft") : t("recipients.empty")}
        isEmpty={(rows) => rows.length === 0}
      >
        {(rows) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="recipients-table">
              <TableHead
                columns={[
                  t("recipients.customer"),
                  t("recipients.status"),
                  t("recipients.updated"),
                  t("recipients.reason"),
                ]}
              />
              <Table.Tbody>
                {rows.map((r) => (
                  <RecipientRow key={r.id} r={r} sandbox={sandbox} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {pages > 1 && <Pagination mt="md" total={pages} value={page} onChange={onPage} size="sm" />}
    </>
  );
}

function RecipientRow({ r, sandbox }: { r: Recipient; sandbox: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const last = r.readAt ?? r.deliveredAt ?? r.sentAt;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{r.name ?? "—"}</Text>
        {sandbox ? (
          <Anchor
            component={Link}
            to={`/sandbox/${encodeURIComponent(r.phone)}`}
            size="xs"
            data-testid="recipient-phone"
          >
            {formatPhone(r.phone)}
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed">
            {formatPhone(r.phone)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <RecipientStatusBadge status={r.status} />
          {r.repliedAt && (
            <Badge color="indigo" variant="outline" size="sm">
              {t("campaign.replied")}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="xs" style={{ whiteSpace: "nowrap" }}>
          {last ? f.dateTime(last) : "—"}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c={r.status === "failed" ? "red" : "dimmed"}>
          {failureText(t, r.failureCode, r.failureReason)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
