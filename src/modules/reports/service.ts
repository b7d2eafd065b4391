/**
 * Sales reports of a shop, read from its orders (the reports module owns no table; its
 * statements are in queries.ts): revenue, orders and average order value per day, week or
 * month; orders by status; top customers and products; customers and revenue per province
 * and city; the repeat-purchase rate; today's figures for the dashboard; CSV/XLSX exports.
 *
 * What counts as a sale (`SALE_STATUSES`): an order placed and not undone, i.e. `new`,
 * `confirmed`, `paid`, `packed`, `shipped` or `completed`. A `draft` is not placed yet; a
 * `cancelled` or `returned` order is not a sale. Revenue is Σ `orders.total` (after
 * discount, with shipping); product revenue is Σ line totals. An order belongs to the day
 * (week, month) of its `placed_at` in the shop's time zone (`tenants.time_zone`).
 *
 * Owners only; the routes do not take API keys (were one let in, it would need
 * `orders:read`). Per outlet (issue 13): every report takes an optional `outletId`; without
 * it the figures combine the outlets the actor works in (a limited actor never sees another
 * outlet's).
 */
import type { Readable } from "node:stream";
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission, requireScope } from "../../lib/actor.js";
import { provinceName } from "../../lib/regions/provinces.js";
import { tenantCampaignSettings } from "../tenants/index.js";
import { narrowToOutlet } from "../outlets/index.js";
import { reportFile, type ReportRows } from "./export.js";
import {
  customerSales,
  type DayRange,
  ordersByStatus,
  productSales,
  regionSales,
  reminderConversion,
  repeatCounts,
  salesPerPeriod,
} from "./queries.js";
import { resolveRange } from "./range.js";
import {
  type ExportReportQuery,
  orderStatusSchema,
  type OutletQuery,
  type RangeQuery,
  type SalesQuery,
  type SalesReport,
  type Summary,
  type TodaySales,
} from "./schemas.js";

const TOP_CUSTOMERS = 10;
const TOP_PRODUCTS = 10;
const TOP_CITIES = 20;

const figures = (orders: number, revenue: number) => ({
  orders,
  revenue,
  averageOrderValue: orders === 0 ? 0 : Math.round(revenue / orders),
});

const withName = <T extends { province: string | null }>(r: T) => ({
  ...r,
  provinceName: r.province ? provinceName(r.province) : null,
});

/** Sales reports (see the file header). `now` (epoch ms) decides what "today" is. */
export function createReportService(db: Db) {
  /**
   * The owner's shop: its zone and language, and the range asked for over the actor's
   * outlets (one of them with `outletId`). @throws 403, 400 (range.ts), 404 `outlet_not_found`
   */
  async function scope(actor: Actor, q: RangeQuery, now: number) {
    requirePermission(actor, "reports.read");
    requireScope(actor, "orders:read");
    const [shop, viewer] = await Promise.all([
      tenantCampaignSettings(db, actor.tenantId),
      narrowToOutlet(db, actor, q.outletId),
    ]);
    const tz = shop?.timeZone ?? "Asia/Jakarta";
    const range: DayRange = { tenantId: actor.tenantId, viewer, tz, ...resolveRange(q, tz, now) };
    return { range, language: shop?.locale ?? "id" };
  }

  return {
    /** Sales per period of the range, empty periods at zero, and the range's totals. */
    async sales(actor: Actor, q: SalesQuery, now = Date.now()): Promise<SalesReport> {
      const { range } = await scope(actor, q, now);
      const rows = await salesPerPeriod(db, range, q.granularity);
      const periods = rows.map((r) => ({ period: r.period, ...figures(r.orders, r.revenue) }));
      const orders = rows.reduce((s, r) => s + r.orders, 0);
      const revenue = rows.reduce((s, r) => s + r.revenue, 0);
      return {
        timeZone: range.tz,
        from: range.from,
        to: range.to,
        granularity: q.granularity,
        periods,
        totals: figures(orders, revenue),
      };
    },

    /** Orders by status, top customers and products, provinces and cities, repeat rate, reminder conversion. */
    async summary(actor: Actor, q: RangeQuery, now = Date.now()): Promise<Summary> {
      const { range } = await scope(actor, q, now);
      const [statuses, customers, byRevenue, byQuantity, provinces, cities, repeat, reminders] =
        await Promise.all([
          ordersByStatus(db, range),
          customerSales(db, range, TOP_CUSTOMERS),
          productSales(db, range, "revenue", TOP_PRODUCTS),
          productSales(db, range, "quantity", TOP_PRODUCTS),
          regionSales(db, range, "province", null),
          regionSales(db, range, "city", TOP_CITIES),
          repeatCounts(db, range),
          reminderConversion(db, range),
        ]);
      const count = new Map(statuses.map((s) => [s.status, s]));
      const orders = provinces.reduce((s, r) => s + r.orders, 0);
      const revenue = provinces.reduce((s, r) => s + r.revenue, 0);
      return {
        timeZone: range.tz,
        from: range.from,
        to: range.to,
        totals: { ...figures(orders, revenue), customers: repeat.customers },
        byStatus: orderStatusSchema.options.map((status) => ({
          status,
          orders: count.get(status)?.orders ?? 0,
          total: count.get(status)?.total ?? 0,
        })),
        topCustomers: customers,
        topProducts: byRevenue,
        topProductsByQuantity: byQuantity,
        provinces: provinces.map(withName),
        cities: cities.map((c) => ({ ...withName(c), city: c.city ?? "" })),
        repeat: { ...repeat, rate: repeat.customers === 0 ? 0 : repeat.repeatCustomers / repeat.customers },
        reminders: { ...reminders, rate: reminders.sent === 0 ? 0 : reminders.converted / reminders.sent },
      };
    },

    /** Today's sales in the shop's zone, for the dashboard (one outlet's with `q.outletId`). */
    async today(actor: Actor, q: OutletQuery = {}, now = Date.now()): Promise<TodaySales> {
      const { range } = await scope(actor, { outletId: q.outletId }, now);
      // `to` defaults to today in the shop's zone.
      const [row] = await salesPerPeriod(db, { ...range, from: range.to }, "day");
      return { date: range.to, timeZone: range.tz, ...figures(row?.orders ?? 0, row?.revenue ?? 0) };
    },

    /** One report of the range as a CSV or XLSX download in the shop's language. */
    async exportFile(
      actor: Actor,
      q: ExportReportQuery,
      now = Date.now(),
    ): Promise<{ file: Readable; from: string; to: string }> {
      const { range, language } = await scope(actor, q, now);
      const rows: ReportRows =
        q.report === "sales"
          ? { report: "sales", rows: await salesPerPeriod(db, range, q.granularity) }
          : q.report === "customers"
            ? { report: "customers", rows: await customerSales(db, range, null) }
            : q.report === "products"
              ? { report: "products", rows: await productSales(db, range, "revenue", null) }
              : { report: "regions", rows: await regionSales(db, range, "place", null) };
      return { file: reportFile(rows, language, q.format), from: range.from, to: range.to };
    },
  };
}
