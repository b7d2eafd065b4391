/** The reports API contract: sales per period, the summary, today's figures, the exports. */
import { z } from "zod";
import { ORDER_STATUSES } from "../../db/schema/index.js";

/** How sales are grouped: calendar days, weeks (Monday first) or months of the shop's zone. */
export const GRANULARITIES = ["day", "week", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * One outlet's figures (issue 13); absent: the caller's outlets combined (every outlet for
 * someone of every outlet). Unknown or outside the caller's outlets: 404 `outlet_not_found`.
 */
export const outletQuery = z.object({
  outletId: z
    .uuid()
    .optional()
    .describe("Only this outlet's figures; default every outlet the caller works in, combined"),
});
export type OutletQuery = z.infer<typeof outletQuery>;

/** A range of the shop's days; both ends optional (default: the last 30 days, today included). */
export const rangeQuery = z.object({
  from: z.iso.date().optional().describe("First day (YYYY-MM-DD, the shop's time zone); default 29 days ago"),
  to: z.iso.date().optional().describe("Last day, included; default today"),
  ...outletQuery.shape,
});
export type RangeQuery = z.infer<typeof rangeQuery>;

export const salesQuery = rangeQuery.extend({
  granularity: z.enum(GRANULARITIES).default("day"),
});
export type SalesQuery = z.infer<typeof salesQuery>;

/** The four reports a shop may download. */
export const REPORT_KINDS = ["sales", "customers", "products", "regions"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const exportReportQuery = salesQuery.extend({
  report: z.enum(REPORT_KINDS).default("sales"),
  format: z.enum(["csv", "xlsx"]).default("csv"),
});
export type ExportReportQuery = z.infer<typeof exportReportQuery>;

/** An order's status; `.options` lists them in the flow's order. */
export const orderStatusSchema = z.enum(ORDER_STATUSES);

const n = z.number().int();
const rupiah = z.number().int().describe("Whole rupiah");

/** Sales of one period or a whole range. */
const salesFigures = z.object({
  orders: n.describe("Orders placed that count as sales (not draft, cancelled or returned)"),
  revenue: rupiah.describe("Σ total of those orders"),
  averageOrderValue: rupiah.describe("revenue ÷ orders, rounded; 0 without orders"),
});

const rangeEcho = {
  timeZone: z.string().describe("The shop's IANA time zone; days are its calendar days"),
  from: z.string().describe("YYYY-MM-DD"),
  to: z.string().describe("YYYY-MM-DD, included"),
};

export const salesReportSchema = z.object({
  ...rangeEcho,
  granularity: z.enum(GRANULARITIES),
  periods: z
    .array(salesFigures.extend({ period: z.string().describe("The period's first day, YYYY-MM-DD") }))
    .describe(
      "Oldest first, empty periods at zero; a week starts on Monday, so the first may start before `from`",
    ),
  totals: salesFigures,
});
export type SalesReport = z.infer<typeof salesReportSchema>;

const customerRow = z.object({
  contactId: z.string().nullable().describe("The contact, null when it was deleted"),
  name: z.string().nullable().describe("The name on the customer's latest order"),
  phone: z.string(),
  orders: n,
  revenue: rupiah,
});
const productRow = z.object({
  productId: z.string().nullable().describe("The product, null when it was deleted"),
  sku: z.string(),
  name: z.string().describe("The name on the latest line"),
  quantity: n,
  revenue: rupiah.describe("Σ line totals (before the order's discount and shipping)"),
});
const regionRow = z.object({
  province: z.string().nullable().describe("Province code; null when the orders had none"),
  provinceName: z.string().nullable(),
  customers: n,
  orders: n,
  revenue: rupiah,
});

export const summarySchema = z.object({
  ...rangeEcho,
  totals: salesFigures.extend({ customers: n.describe("Customers with at least one sale") }),
  byStatus: z
    .array(z.object({ status: orderStatusSchema, orders: n, total: rupiah }))
    .describe("Every status, placed in the range, all orders (drafts, cancelled and returned too)"),
  topCustomers: z.array(customerRow).describe("Top 10 by revenue"),
  topProducts: z.array(productRow).describe("Top 10 by revenue"),
  topProductsByQuantity: z.array(productRow).describe("Top 10 by quantity"),
  provinces: z.array(regionRow).describe("Every province with sales, by revenue"),
  cities: z.array(regionRow.extend({ city: z.string() })).describe("Top 20 cities by revenue"),
  repeat: z.object({
    customers: n.describe("Customers with ≥ 1 sale in the range"),
    repeatCustomers: n.describe("Customers with ≥ 2 sales in the range"),
    rate: z.number().describe("repeatCustomers ÷ customers, 0–1; 0 without customers"),
  }),
  reminders: z
    .object({
      sent: n.describe("Repeat-order reminder messages sent in the range (one per customer and daily run)"),
      converted: n.describe("Of those, the ones whose customer placed a sale within 14 days after"),
      rate: z.number().describe("converted ÷ sent, 0–1; 0 without reminders"),
      revenue: rupiah.describe("The sales those customers placed within 14 days after a reminder"),
    })
    .describe("Reminder conversion: reminders sent → orders within 14 days"),
});
export type Summary = z.infer<typeof summarySchema>;

export const todaySchema = salesFigures.extend({
  date: z.string().describe("Today in the shop's time zone, YYYY-MM-DD"),
  timeZone: z.string(),
});
export type TodaySales = z.infer<typeof todaySchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(salesReportSchema, { id: "SalesReport" });
z.globalRegistry.add(summarySchema, { id: "SalesSummary" });
z.globalRegistry.add(todaySchema, { id: "TodaySales" });
