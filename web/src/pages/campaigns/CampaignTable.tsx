import { Anchor, Group, Progress, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Campaign } from "../../api/types";
import { CampaignStatusBadge } from "../../components/StatusBadge";
import { donePercent } from "../../lib/progress";
import { useFormat } from "../../lib/useFormat";

/** The campaigns as a table (also on the dashboard); a campaign with suspected drops says how many under its recipients. */
export function CampaignTable({ campaigns }: { campaigns: Campaign[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="campaigns-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("campaigns.name")}</Table.Th>
            <Table.Th>{t("campaigns.status")}</Table.Th>
            <Table.Th w={200}>{t("campaign.progress")}</Table.Th>
            <Table.Th ta="right">{t("campaigns.recipients")}</Table.Th>
            <Table.Th ta="right">{t("campaign.replied")}</Table.Th>
            <Table.Th>{t("campaigns.created")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((c) => {
            const pct = donePercent(c.counts);
            return (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${c.id}`} fw={500}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Progress
                      value={pct}
                      size="sm"
                      style={{ flex: 1 }}
                      aria-label={t("campaign.progress")}
                      color={c.status === "failed" ? "red" : "teal"}
                    />
                    <Text size="xs" w={36} ta="right">
                      {pct}%
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  {f.number(c.counts.total)}
                  {c.counts.suspected_drop > 0 && (
                    <Text size="xs" c="pink.8" data-testid="list-suspected-drop">
                      {t("campaigns.suspectedDrops", { n: f.number(c.counts.suspected_drop) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{f.number(c.counts.replied)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{f.dateTime(c.createdAt)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
