import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client";
import { type DayRange, type Granularity, useSalesReport, useSalesSummary } from "../../api/reports";
import { useTenant } from "../../api/session";
import { OutletPicker } from "../../components/OutletPicker";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useFormat } from "../../lib/useFormat";
import { ExportMenu } from "./ExportMenu";
import { formatRupiah as rupiah } from "../../lib/rupiah";
import { type Preset, presetRange } from "./range";
import { RangeBar } from "./RangeBar";
import { SummaryPanels } from "./SummaryPanels";

// The chart library is large: it loads after the numbers are on screen.
const RevenueChart = lazy(() => import("./RevenueChart"));

/** Whether the shop has any order at all (GET /orders, one row): the page is empty until it does. */
function useHasOrders() {
  return useQuery({
    queryKey: ["orders", "any"],
    queryFn: async () => (await api<{ total: number }>("GET", "/orders?pageSize=1")).total > 0,
  });
}

/**
 * The sales reports (owners): a range of the shop's days (presets or dates) and a grouping;
 * revenue, orders, average order value and repeat rate; revenue per period as a chart;
 * orders by status, top customers and products, provinces and cities; downloads. A shop
 * without orders sees a way to make its first.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const zone = useTenant().data?.timeZone ?? "Asia/Jakarta";
  const [preset, setPreset] = useState<Preset>("30");
  const [custom, setCustom] = useState<DayRange | undefined>();
  const [granularity, setGranularity] = useState<Granularity>("day");
  const [outletId, setOutletId] = useState<string | null>(null);
  const range = preset === "custom" && custom ? custom : presetRange(preset, zone, Date.now());
  const hasOrders = useHasOrders();
  return (
    <Stack gap="lg">
      <PageHeader title={t("reports.title")}>
        {hasOrders.data && <ExportMenu range={range} granularity={granularity} outletId={outletId} />}
      </PageHeader>
      <QueryState
        query={hasOrders}
        isEmpty={(any) => !any}
        empty={
          <Stack align="center" gap="sm" data-testid="reports-empty">
            <Text>{t("reports.empty")}</Text>
            <Button component={Link} to="/orders/new">
              {t("reports.emptyAction")}
            </Button>
          </Stack>
        }
      >
        {() => (
          <>
            <RangeBar
              preset={preset}
              range={range}
              granularity={granularity}
              onPreset={(p) => {
                if (p === "custom") setCustom(range);
                setPreset(p);
              }}
              onRange={setCustom}
              onGranularity={setGranularity}
            />
            <Group>
              <OutletPicker all value={outletId} onChange={setOutletId} testId="report-outlet" />
            </Group>
            <Report range={range} granularity={granularity} outletId={outletId} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** The figures, the chart and the panels of one range, one outlet's or the user's outlets combined. */
function Report({
  range,
  granularity,
  outletId,
}: {
  range: DayRange;
  granularity: Granularity;
  outletId: string | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const sales = useSalesReport(range, granularity, outletId);
  const summary = useSalesSummary(range, outletId);
  return (
    <>
      <QueryState query={summary}>
        {(s) => (
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t("reports.revenue")} value={rupiah(s.totals.revenue)} testId="report-revenue" />
            <Figure label={t("reports.orders")} value={f.number(s.totals.orders)} testId="report-orders" />
            <Figure
              label={t("reports.averageOrderValue")}
              value={rupiah(s.totals.averageOrderValue)}
              testId="report-aov"
            />
            <Figure
              label={t("reports.customers")}
              value={f.number(s.totals.customers)}
              testId="report-customers"
            />
          </SimpleGrid>
        )}
      </QueryState>
      <Paper withBorder p="md" radius="md">
        <Text fw={500} mb="sm">
          {t("reports.chartTitle")}
        </Text>
        <QueryState query={sales}>
          {(r) => (
            <>
              <Suspense fallback={<Skeleton h={260} data-testid="revenue-chart-loading" />}>
                <RevenueChart report={r} />
              </Suspense>
              <Text size="xs" c="dimmed" mt="xs">
                {t("reports.chartHint", { zone: r.timeZone })}
              </Text>
            </>
          )}
        </QueryState>
      </Paper>
      <QueryState query={summary}>{(s) => <SummaryPanels summary={s} />}</QueryState>
    </>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}
