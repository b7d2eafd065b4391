import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { useTranslation } from "react-i18next";
import type { SalesReport } from "../../api/reports";
import { formatRupiah as rupiah } from "../../lib/rupiah";

/** Revenue bars per period (label: the period's first day, or its month). Loaded lazily (recharts). */
export default function RevenueChart({ report }: { report: SalesReport }) {
  const { t, i18n } = useTranslation();
  const label = new Intl.DateTimeFormat(
    i18n.language,
    report.granularity === "month"
      ? { month: "short", year: "numeric", timeZone: "UTC" }
      : { day: "numeric", month: "short", timeZone: "UTC" },
  );
  const data = report.periods.map((p) => ({
    label: label.format(new Date(`${p.period}T00:00:00Z`)),
    revenue: p.revenue,
  }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="label"
      valueFormatter={rupiah}
      series={[{ name: "revenue", label: t("reports.revenue"), color: "teal.6" }]}
      data-testid="revenue-chart"
    />
  );
}
