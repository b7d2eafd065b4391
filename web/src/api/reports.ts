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

/** The range's query, with `outletId` when the figures are one outlet's (null: the user's outlets combined). */
const rangeParams = (r: DayRange, outletId: string | null = null) =>
  new URLSearchParams({ from: r.from, to: r.to, ...(outletId ? { outletId } : {}) });

/** Sales per day, week or month of `range` (one outlet's with `outletId`). */
export function useSalesReport(range: DayRange, granularity: Granularity, outletId: string | null = null) {
  return useQuery({
    queryKey: ["reports", "sales", range.from, range.to, granularity, outletId],
    queryFn: () =>
      api<SalesReport>("GET", `/reports/sales?${rangeParams(range, outletId)}&granularity=${granularity}`),
    placeholderData: keepPreviousData,
  });
}

/** The summary of `range` (one outlet's with `outletId`). */
export function useSalesSummary(range: DayRange, outletId: string | null = null) {
  return useQuery({
    queryKey: ["reports", "summary", range.from, range.to, outletId],
    queryFn: () => api<SalesSummary>("GET", `/reports/summary?${rangeParams(range, outletId)}`),
    placeholderData: keepPreviousData,
  });
}

/** Today's orders and revenue (one outlet's with `outletId`); asked only when `enabled` (owners: agents are refused). */
export function useTodaySales(enabled: boolean, outletId: string | null = null) {
  return useQuery({
    queryKey: ["reports", "today", outletId],
    queryFn: () => api<TodaySales>("GET", `/reports/today${outletId ? `?outletId=${outletId}` : ""}`),
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
  outletId: string | null = null,
): string {
  const qs = rangeParams(range, outletId);
  qs.set("report", report);
  qs.set("granularity", granularity);
  qs.set("format", format);
  return `/api/v1/reports/export?${qs}`;
}
