import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { useTranslation } from "react-i18next";
import type { DayCounts } from "../../api/types";
import { useFormat } from "../../lib/useFormat";

const SERIES = ["sent", "delivered", "read", "failed", "replied"] as const satisfies ReadonlyArray<
  keyof DayCounts
>;
const COLORS: Record<(typeof SERIES)[number], string> = {
  sent: "blue.4",
  delivered: "teal.5",
  read: "green.7",
  failed: "red.6",
  replied: "indigo.6",
};

/** Bars per day (label = the day in the shop's zone) of sent, delivered, read, failed and replied. Loaded lazily (recharts). */
export default function DailyChart({ data }: { data: Array<DayCounts & { label: string }> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="label"
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      valueFormatter={(v) => f.number(v)}
      series={SERIES.map((k) => ({ name: k, label: t(`stats.${k}`), color: COLORS[k] }))}
      data-testid="stats-chart"
    />
  );
}
