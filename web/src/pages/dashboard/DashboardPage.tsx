import { Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCampaigns } from "../../api/campaigns";
import { useContacts } from "../../api/contacts";
import { useChannelHealth, useChannelsHealth } from "../../api/channels";
import { useChannels } from "../../api/session";
import type { Channel, ChannelHealthSummary } from "../../api/types";
import { OutletPicker } from "../../components/OutletPicker";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { CampaignStatusBadge } from "../../components/StatusBadge";
import { donePercent } from "../../lib/progress";
import { useFormat } from "../../lib/useFormat";
import { CampaignTable } from "../campaigns/CampaignTable";
import { HealthScoreBadge } from "../channels/HealthScore";
import { StatsPanel } from "./StatsPanel";
import { TodaySales } from "./TodaySales";
import { formatPhone } from "../../lib/phone";

/** The shop at a glance (with two outlets or more: all the user's outlets or one): today's sales, message figures of the last 7 / 30 days, running and scheduled campaigns, number health, latest campaigns. */
export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const contacts = useContacts("", 1);
  const campaigns = useCampaigns();
  const [outletId, setOutletId] = useState<string | null>(null);
  return (
    <Stack gap="lg">
      <PageHeader title={t("nav.dashboard")}>
        <OutletPicker all value={outletId} onChange={setOutletId} testId="dashboard-outlet" />
      </PageHeader>
      <TodaySales outletId={outletId} />
      <StatsPanel outletId={outletId} />
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("dashboard.contacts")}
          </Text>
          <Anchor component={Link} to="/contacts" size="xl" fw={700} c="dark" data-testid="stat-contacts">
            {contacts.data ? f.number(contacts.data.total) : "…"}
          </Anchor>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md">
            {t("dashboard.campaigns")}
          </Text>
          <Anchor component={Link} to="/campaigns" size="xl" fw={700} c="dark" data-testid="stat-campaigns">
            {campaigns.data ? f.number(campaigns.data.length) : "…"}
          </Anchor>
        </Paper>
        <ActiveCampaigns />
        <ChannelHealth />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Text fw={500} mb="sm">
          {t("dashboard.latest")}
        </Text>
        <QueryState query={campaigns} empty={t("campaigns.empty")} isEmpty={(list) => list.length === 0}>
          {(list) => <CampaignTable campaigns={list.slice(0, 5)} />}
        </QueryState>
      </Paper>
    </Stack>
  );
}

/** Campaigns running now (with live progress) and those scheduled, soonest first. */
function ActiveCampaigns() {
  const { t } = useTranslation();
  const f = useFormat();
  const campaigns = useCampaigns();
  return (
    <Paper withBorder p="md" radius="md" data-testid="active-campaigns">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="xs">
        {t("stats.active")}
      </Text>
      <QueryState
        query={campaigns}
        empty={
          <Text size="sm" c="dimmed">
            {t("stats.noActive")}
          </Text>
        }
        isEmpty={(list) =>
          !list.some((c) => c.status === "running" || c.status === "scheduled" || c.status === "paused")
        }
      >
        {(list) => (
          <Stack gap="sm">
            {list
              .filter((c) => c.status === "running" || c.status === "paused" || c.status === "scheduled")
              .sort((a, b) => (a.scheduledAt ?? "").localeCompare(b.scheduledAt ?? ""))
              .slice(0, 6)
              .map((c) => (
                <div key={c.id}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/campaigns/${c.id}`} size="sm" truncate>
                      {c.name}
                    </Anchor>
                    <CampaignStatusBadge status={c.status} />
                  </Group>
                  {c.status === "scheduled" && c.scheduledAt ? (
                    <Text size="xs" c="dimmed">
                      {t("stats.scheduledAt", { at: f.dateTime(c.scheduledAt) })}
                    </Text>
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={donePercent(c.counts)} size="sm" style={{ flex: 1 }} />
                      <Text size="xs" c="dimmed">
                        {t("stats.progress", {
                          done: f.number(c.counts.total - c.counts.pending - c.counts.sending),
                          total: f.number(c.counts.total),
                        })}
                      </Text>
                    </Group>
                  )}
                </div>
              ))}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

/** Each WhatsApp number's connection status and since when, and each connected one's health score (updated by realtime `channel.status`). */
function ChannelHealth() {
  const { t } = useTranslation();
  const channels = useChannels();
  const scores = useChannelsHealth().data;
  return (
    <Paper withBorder p="md" radius="md" data-testid="channel-health">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb="xs">
        {t("stats.health")}
      </Text>
      <QueryState
        query={channels}
        empty={
          <Text size="sm" c="dimmed">
            {t("stats.noChannels")}
          </Text>
        }
        isEmpty={(list) => list.length === 0}
      >
        {(list) => (
          <Stack gap={6}>
            {list.map((c) => (
              <ChannelRow
                key={c.id}
                channel={c}
                score={c.status === "connected" ? scores?.find((x) => x.channelId === c.id) : undefined}
              />
            ))}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

/** One number: its status, since when, its score when connected, and today's sends against its daily cap (GET /channels/:id/health). */
function ChannelRow({ channel: c, score }: { channel: Channel; score: ChannelHealthSummary | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const health = useChannelHealth(c.id);
  const h = health.data;
  return (
    <div data-testid="channel-health-row">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Anchor component={Link} to={`/channels/${c.id}`} size="sm" truncate>
          {c.name}
        </Anchor>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          {score && (
            <HealthScoreBadge score={score.score} level={score.level} testId="dashboard-health-score" />
          )}
          <Badge
            variant="dot"
            size="sm"
            style={{ flexShrink: 0 }}
            color={
              c.status === "connected"
                ? "teal"
                : c.status === "connecting" || c.status === "qr"
                  ? "yellow"
                  : "red"
            }
          >
            {t(`channelStatus.${c.status}`)}
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {c.phone ? formatPhone(c.phone) : ""}{" "}
        {c.statusSince ? t("stats.since", { at: f.dateTime(c.statusSince) }) : ""}
      </Text>
      {h && (
        <Text size="xs" c="dimmed">
          {h.caps.perDay
            ? t("stats.sentLastDay", { n: f.number(h.sent.lastDay), cap: f.number(h.caps.perDay) })
            : t("stats.sentLastDayNoCap", { n: f.number(h.sent.lastDay) })}
        </Text>
      )}
    </div>
  );
}
