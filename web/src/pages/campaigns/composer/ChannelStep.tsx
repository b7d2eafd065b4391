import { Alert, Badge, Group, List, Paper, Select, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { useChannelsHealth } from "../../../api/channels";
import { useChannels } from "../../../api/session";
import type { Channel, PacingPolicy } from "../../../api/types";
import { useFormat } from "../../../lib/useFormat";
import { ReachLine } from "../../channels/HealthScore";
import { presetLabel } from "../../channels/labels";
import type { StepProps } from "./AudienceStep";
import { channelLabel, PoolPicker } from "./PoolPicker";

/**
 * Step 2: the sending number, how many new customers it can reach today, a summary of the
 * pacing policy that will set the speed, and more numbers to send it with (PoolPicker).
 */
export function ChannelStep({ draft, update, error }: StepProps) {
  const { t } = useTranslation();
  const channels = useChannels();
  const channel = channels.data?.find((c) => c.id === draft.channelId);
  const reach = useChannelsHealth().data?.find((h) => h.channelId === draft.channelId)?.reach;
  return (
    <Stack>
      <Select
        label={t("newCampaign.channel")}
        required
        value={draft.channelId}
        onChange={(channelId) => update({ channelId, waTemplate: null, waParams: {} })}
        data={(channels.data ?? []).map((c) => ({
          value: c.id,
          label: channelLabel(c),
        }))}
        error={error("channelId") ?? (channels.isError ? errorMessage(channels.error) : undefined)}
        allowDeselect={false}
        data-testid="channel-input"
      />
      {channel && reach && <ReachLine reach={reach} testId="composer-reach" />}
      {channel && <PacingSummary channel={channel} />}
      {channel && (channels.data?.length ?? 0) > 1 && (
        <PoolPicker draft={draft} update={update} error={error} />
      )}
    </Stack>
  );
}

function PacingSummary({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p: PacingPolicy | undefined = channel.pacing;
  return (
    <Paper withBorder p="md" radius="md" data-testid="pacing-summary">
      <Group gap="xs" mb="xs">
        <Text fw={500}>{t("composer.pacing", { preset: presetLabel(t, channel.pacingPreset) })}</Text>
        <Badge variant="dot" color={channel.status === "connected" ? "teal" : "red"}>
          {t(`channelStatus.${channel.status}`)}
        </Badge>
      </Group>
      {p && (
        <List size="sm" spacing={2}>
          <List.Item>
            {p.maxDelayMs > 0
              ? t("composer.pacingDelay", {
                  min: f.number(p.minDelayMs / 1000),
                  max: f.number(p.maxDelayMs / 1000),
                })
              : t("composer.pacingNoDelay")}
          </List.Item>
          <List.Item>
            {p.perHour && p.perDay
              ? t("composer.pacingCaps", { hour: f.number(p.perHour), day: f.number(p.perDay) })
              : p.perHour
                ? t("composer.pacingCapHour", { hour: f.number(p.perHour) })
                : p.perDay
                  ? t("composer.pacingCapDay", { day: f.number(p.perDay) })
                  : t("composer.pacingNoCaps")}
          </List.Item>
          {p.warmup.enabled && (
            <List.Item>{t("composer.pacingWarmup", { n: f.number(p.warmup.firstDay) })}</List.Item>
          )}
          {p.quietHours.enabled && (
            <List.Item>
              {t("composer.pacingQuiet", { start: p.quietHours.start, end: p.quietHours.end })}
            </List.Item>
          )}
        </List>
      )}
      <Alert variant="light" color="gray" mt="sm" p="xs">
        <Text size="xs">{t("composer.pacingChange")}</Text>
      </Alert>
    </Paper>
  );
}
