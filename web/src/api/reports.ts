/** Sales reports (owners only): GET /reports/sales, /reports/summary, /reports/today, and the export links. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** GET /reports/sales: revenue, orders and average order value per period of the shop's zone. */
export type SalesReport = Schemas["SalesReport"];
/** GET /reports/summary: orders by status, top customers and products, regions, repeat rate. */
export type SalesSummary = Schemas["SalesSummary"];
/** GET /reports/today: today's sales (the shop's day). */
type TodaySales = Schemas["TodaySales"];
export type Granularity = SalesReport["granularity"];

/** A range of the shop's days, YYYY-MM-DD, `to` included. */
export interface DayRange {
  from: string;
  to: string;
}

const rangeParams = (r: DayRange) => new URLSearchParams({ from: r.from, to: r.to });

/** Sales per day, week or month of `range`. */
export function useSalesReport(range: DayRange, granularity: Granularity) {
  return useQuery({
    queryKey: ["reports", "sales", range.from, range.to, granularity],
    queryFn: () => api<SalesReport>("GET", `/reports/sales?${rangeParams(range)}&granularity=${granularity}`),
    placeholderData: keepPreviousData,
  });
}

/** The summary of `range`. */
export function useSalesSummary(range: DayRange) {
  return useQuery({
    queryKey: ["reports", "summary", range.from, range.to],
    queryFn: () => api<SalesSummary>("GET", `/reports/summary?${rangeParams(range)}`),
    placeholderData: keepPreviousData,
  });
}

/** Today's orders and revenue; asked only when `enabled` (owners: agents are refused). */
export function useTodaySales(enabled: boolean) {
  return useQuery({
    queryKey: ["reports", "today"],
    queryFn: () => api<TodaySales>("GET", "/reports/today"),
    enabled,
    refetchOnMount: "always",
  });
}

/** The download address of one report of `range`. */
export function reportExportUrl(
  report: "sales" | "customers" | "products" | "regions",
  range: DayRange,
  granularity: Granularity,
  format: "csv" | "xlsx",
): string {
  const qs = rangeParams(range);
  qs.set("report", report);
  qs.set("granularity", granularity);
  qs.set("format", format);
  return `/api/v1/reports/export?${qs}`;
}
