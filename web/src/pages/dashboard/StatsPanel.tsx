import { Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStatsLiveRefresh, useStatsOverview } from "../../api/stats";
import type { DayCounts, StatsOverview } from "../../api/types";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";

// The chart library is large: it loads after the numbers are on screen.
const DailyChart = lazy(() => import("./DailyChart"));

const KINDS = [
  "sent",
  "delivered",
  "read",
  "failed",
  "suspectedDrops",
  "replied",
  "optOuts",
] as const satisfies ReadonlyArray<keyof DayCounts>;

/** The last 7 or 30 days (one outlet's with `outletId`): totals per kind (with today's), and a chart per day in the shop's time zone; refreshed by realtime events. */
export function StatsPanel({ outletId = null }: { outletId?: string | null }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<7 | 30>(7);
  const query = useStatsOverview(days, outletId);
  useStatsLiveRefresh();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fw={500}>{t("stats.chartTitle")}</Text>
        <SegmentedControl
          aria-label={t("stats.period")}
          size="xs"
          value={String(days)}
          onChange={(v) => setDays(v === "30" ? 30 : 7)}
          data={[
            { value: "7", label: t("stats.days7") },
            { value: "30", label: t("stats.days30") },
          ]}
          data-testid="stats-period"
        />
      </Group>
      <QueryState query={query}>{(o) => <Overview overview={o} />}</QueryState>
    </Stack>
  );
}

function Overview({ overview }: { overview: StatsOverview }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const day = new Intl.DateTimeFormat(i18n.language, { day: "numeric", month: "short", timeZone: "UTC" });
  const data = overview.days.map((d) => ({ ...d, label: day.format(new Date(`${d.date}T00:00:00Z`)) }));
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
        {KINDS.map((k) => (
          <Paper key={k} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`stats.${k}`)}
            </Text>
            <Text size="xl" fw={700} data-testid={`stat-${k}`}>
              {f.number(overview.totals[k])}
            </Text>
            <Text size="xs" c="dimmed" data-testid={`stat-${k}-today`}>
              {t("stats.today", { n: f.number(overview.today[k]) })}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md" radius="md">
        <Suspense fallback={<Skeleton h={260} data-testid="stats-chart-loading" />}>
          <DailyChart data={data} />
        </Suspense>
        <Text size="xs" c="dimmed" mt="xs">
          {t("stats.chartHint", { zone: overview.timeZone })}
        </Text>
      </Paper>
    </>
  );
}
