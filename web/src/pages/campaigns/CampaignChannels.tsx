import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useChannels } from "../../api/session";
import type { Campaign } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

/**
 * "Per nomor": a campaign over several numbers, per number of its pool its weight and the
 * actual split (`byChannel`: recipients, sent, pending, failed) — after any hand-over, so a
 * number that stopped (banned, logged out, out of new chats) shows the recipients it kept and
 * the others show those they took over. Before the start the split is empty: the weights only.
 */
export function CampaignChannels({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const f = useFormat();
  const channels = useChannels().data ?? [];
  const started = campaign.byChannel.length > 0;
  // Every pool number, even one left with no recipients, then any other number the split names.
  const ids = [
    ...campaign.pool.map((p) => p.channelId),
    ...campaign.byChannel
      .map((b) => b.channelId)
      .filter((id) => !campaign.pool.some((p) => p.channelId === id)),
  ];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={500}>{t("pool.byChannel")}</Text>
        {campaign.routing === "hybrid" && (
          <Badge variant="light" data-testid="campaign-hybrid">
            {t("pool.hybridBadge")}
          </Badge>
        )}
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table data-testid="campaign-by-channel" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("pool.number")}</Table.Th>
              <Table.Th ta="right">{t("pool.weight")}</Table.Th>
              <Table.Th ta="right">{t("pool.recipients")}</Table.Th>
              <Table.Th ta="right">{t("recipientStatus.sent")}</Table.Th>
              <Table.Th ta="right">{t("recipientStatus.pending")}</Table.Th>
              <Table.Th ta="right">{t("recipientStatus.failed")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ids.map((id) => {
              const c = channels.find((x) => x.id === id);
              const b = campaign.byChannel.find((x) => x.channelId === id);
              const n = (v: number | undefined) => (started ? f.number(v ?? 0) : "—");
              return (
                <Table.Tr key={id} data-testid={`by-channel-${id}`}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm">{c?.name ?? "—"}</Text>
                      {c && c.status !== "connected" && (
                        <Badge size="xs" variant="dot" color="red">
                          {t(`channelStatus.${c.status}`)}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    {campaign.pool.find((p) => p.channelId === id)?.weight ?? "—"}
                  </Table.Td>
                  <Table.Td ta="right">{n(b?.recipients)}</Table.Td>
                  <Table.Td ta="right">{n(b?.sent)}</Table.Td>
                  <Table.Td ta="right">{n(b?.pending)}</Table.Td>
                  <Table.Td ta="right">{n(b?.failed)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t(started ? "pool.byChannelHint" : "pool.byChannelBefore")}
      </Text>
    </Stack>
  );
}
