import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useChannels } from "../../../api/session";
import type { CampaignEstimate } from "../../../api/types";
import { useFormat } from "../../../lib/useFormat";

/**
 * The review step's split of a campaign over several numbers, from POST /campaigns/estimate's
 * `split`: per number its name, kind, recipients, warm ones and new chats — what the
 * snapshot would give each if the campaign started now. For hybrid routing a line says which
 * rail carries whom (the Cloud API share is what Meta charges for).
 */
export function SplitTable({ split, hybrid }: { split: CampaignEstimate["split"]; hybrid: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const channels = useChannels().data ?? [];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t("pool.splitTitle")}
      </Text>
      <Table data-testid="estimate-split" withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("pool.number")}</Table.Th>
            <Table.Th ta="right">{t("pool.recipients")}</Table.Th>
            <Table.Th ta="right">{t("pool.warm")}</Table.Th>
            <Table.Th ta="right">{t("pool.newChats")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {split.map((s) => {
            const c = channels.find((x) => x.id === s.channelId);
            return (
              <Table.Tr key={s.channelId} data-testid={`split-${s.channelId}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm">{c?.name ?? "—"}</Text>
                    {c && (
                      <Badge size="xs" variant="light" color={c.kind === "cloud_api" ? "blue" : "teal"}>
                        {t(`channels.kind.${c.kind}`)}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{f.number(s.recipients)}</Table.Td>
                <Table.Td ta="right">{f.number(s.warm)}</Table.Td>
                <Table.Td ta="right">{f.number(s.newChats)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {hybrid && (
        <Text size="xs" c="dimmed" data-testid="estimate-hybrid-hint">
          {t("pool.hybridSplitHint")}
        </Text>
      )}
    </Stack>
  );
}
