import { Accordion, Divider, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useChannelHealth } from "../../api/channels";
import type { ChannelHealth } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { ChannelStatusBadge } from "./ChannelStatusBadge";
import { HealthParts, HealthScoreBadge, ReachLine } from "./HealthScore";
import { channelReasonText } from "./labels";

/**
 * How the channel is doing: its health score and why it lost points, how many new
 * customers it can reach today, WhatsApp's new-chat cap and timelock with until when (in
 * the shop's time zone), status since when, last error, and messages sent against its caps.
 */
export function HealthPanel({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const health = useChannelHealth(channelId);
  return (
    <Paper withBorder radius="md" p="md" data-testid="health-panel">
      <Title order={4} mb="sm">
        {t("channels.health.title")}
      </Title>
      <QueryState query={health}>
        {(h) => (
          <Stack gap="sm">
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {t("health.title")}
              </Text>
              <HealthScoreBadge score={h.health.score} level={h.health.level} />
            </Group>
            <HealthParts parts={h.health.parts} />
            <ReachLine reach={h.reach} />
            {h.reach.limitedBy !== "cloud_api" && <Restrictions restrictions={h.restrictions} />}
            <Divider />
            <Group gap="xs">
              <ChannelStatusBadge status={h.status} testId="health-status" />
              <Text size="sm" c="dimmed">
                {t("channels.health.since", { time: f.dateTime(h.since) })}
              </Text>
            </Group>
            <Text size="sm" data-testid="health-last-error">
              {t("channels.health.lastError")}:{" "}
              {h.lastError ? channelReasonText(t, h.lastError) : t("channels.health.none")}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Usage
                label={t("channels.health.lastHour")}
                sent={h.sent.lastHour}
                cap={h.caps.perHour}
                testId="health-hour"
              />
              <Usage
                label={t("channels.health.lastDay")}
                sent={h.sent.lastDay}
                cap={h.caps.perDay}
                testId="health-day"
              />
            </SimpleGrid>
            {/* Which Kabar process holds the connection: for whoever runs Kabar, not the shop. */}
            <Accordion variant="subtle" transitionDuration={0} data-testid="health-technical">
              <Accordion.Item value="technical">
                <Accordion.Control px={0}>
                  <Text size="xs" c="dimmed">
                    {t("channels.health.technical")}
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  <Text size="xs" c="dimmed">
                    {h.leaseHolder
                      ? t("channels.health.heldBy", { holder: h.leaseHolder })
                      : t("channels.health.notHeld")}
                  </Text>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

/** WhatsApp's new-chat cap and reach-out timelock as last told, with until when; nothing on Cloud API numbers. */
function Restrictions({ restrictions: r }: { restrictions: ChannelHealth["restrictions"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const until = (at: string | undefined) => (at ? ` ${t("health.until", { time: f.dateTime(at) })}` : "");
  if (!r)
    return (
      <Text size="xs" c="dimmed" data-testid="health-restrictions">
        {t("health.unknown")}
      </Text>
    );
  return (
    <Stack gap={2} data-testid="health-restrictions">
      {r.cap && (
        <Text size="sm" data-testid="health-cap">
          {t("health.cap.title")}: {t(`health.cap.state.${r.cap.state}`)}
          {r.cap.total !== undefined && r.cap.used !== undefined
            ? ` · ${t("health.cap.used", { used: f.number(r.cap.used), total: f.number(r.cap.total) })}`
            : ""}
          {until(r.cap.cycleEnd)}
        </Text>
      )}
      {r.timelock && (
        <Text size="sm" c="red" data-testid="health-timelock">
          {t("health.timelock")}
          {until(r.timelock.endsAt)}
        </Text>
      )}
    </Stack>
  );
}

/** Messages sent in a window against its cap (0 = no cap). */
function Usage({ label, sent, cap, testId }: { label: string; sent: number; cap: number; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = cap > 0 ? Math.min(100, Math.round((sent / cap) * 100)) : 0;
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        <Text size="sm" fw={500}>
          {cap > 0
            ? t("channels.health.ofCap", { sent: f.number(sent), cap: f.number(cap) })
            : t("channels.health.noCap", { sent: f.number(sent) })}
        </Text>
      </Group>
      {cap > 0 && (
        <Progress value={pct} color={pct >= 90 ? "red" : pct >= 70 ? "yellow" : "teal"} aria-label={label} />
      )}
    </Stack>
  );
}
