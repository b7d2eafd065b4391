/**
 * The reports' reads (the reports module owns no table; DESIGN.md §3.4): aggregates of the
 * shop's `orders` and `order_lines`, and of `order_reminders` for the reminders' conversion. Every statement is scoped by the tenant. A range is
 * days `from`–`to` (YYYY-MM-DD, `to` included) of the shop's zone `tz`, compared on
 * `placed_at` with `AT TIME ZONE`, and a sale is an order in `SALE_STATUSES`.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { outletInScope } from "../outlets/index.js";
import type { OrderStatus } from "../../db/schema/index.js";
import type { Granularity } from "./schemas.js";

/**
 * The statuses that count as a sale: placed and not undone. `draft` is not placed yet (a
 * re-order waiting for the customer); `cancelled` and `returned` are not sales.
 */
const SALE_STATUSES: readonly OrderStatus[] = ["new", "confirmed", "paid", "packed", "shipped", "completed"];

/** A range of the shop's days in its zone, over the orders of some outlets. */
export interface DayRange {
  tenantId: string;
  /**
   * Whose outlets the figures sum (issue 13): the actor, narrowed to one outlet for a
   * report "per outlet" (`outletIds` absent: every outlet of the shop).
   */
  viewer: Actor;
  tz: string;
  /** YYYY-MM-DD, first day. */
  from: string;
  /** YYYY-MM-DD, last day, included. */
  to: string;
}

/** The shop's orders of the viewer's outlets placed in the range (alias `o`), sales only unless `allStatuses`. */
function inRange(r: DayRange, allStatuses = false): SQL {
  const sale = allStatuses
    ? sql``
    : sql` AND o.status IN (${sql.join(
        SALE_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      )})`;
  return sql`o.tenant_id = ${r.tenantId} AND ${outletInScope(r.viewer, sql`o.outlet_id`)}
    AND o.placed_at >= (${r.from}::date)::timestamp AT TIME ZONE ${r.tz}
    AND o.placed_at < (${r.to}::date + 1)::timestamp AT TIME ZONE ${r.tz}${sale}`;
}

/** Who a customer is: the contact, or the phone when the contact is gone. */
const customerKey = sql`coalesce(o.contact_id::text, o.customer_phone)`;

/** A period's sales: `period` is its first day (YYYY-MM-DD), `revenue` in rupiah. */
export interface PeriodRow {
  period: string;
  orders: number;
  revenue: number;
}

/**
 * Sales per day, week (ISO, Monday first) or month of the shop's zone, every period from
 * the one holding `from` to the one holding `to`, oldest first, periods without sales at 0.
 */
export async function salesPerPeriod(db: Db, r: DayRange, g: Granularity): Promise<PeriodRow[]> {
  const res = await db.execute<{ period: string; orders: number; revenue: string }>(sql`
    WITH agg AS (
      SELECT date_trunc(${g}, o.placed_at AT TIME ZONE ${r.tz})::date AS period,
        count(*)::int AS orders, sum(o.total)::bigint AS revenue
      FROM orders o WHERE ${inRange(r)} GROUP BY 1
    )
    SELECT to_char(p, 'YYYY-MM-DD') AS period, coalesce(agg.orders, 0)::int AS orders,
      coalesce(agg.revenue, 0)::bigint AS revenue
    FROM generate_series(date_trunc(${g}, ${r.from}::date::timestamp),
      date_trunc(${g}, ${r.to}::date::timestamp), ('1 ' || ${g})::interval) AS p
    LEFT JOIN agg ON agg.period = p::date
    ORDER BY p`);
  return res.rows.map((row) => ({
    period: row.period,
    orders: Number(row.orders),
    revenue: Number(row.revenue),
  }));
}

/** Orders placed in the range per status (every status present), with Σ total. */
export async function ordersByStatus(
  db: Db,
  r: DayRange,
): Promise<Array<{ status: OrderStatus; orders: number; total: number }>> {
  const res = await db.execute<{ status: OrderStatus; orders: number; total: string }>(sql`
    SELECT o.status, count(*)::int AS orders, sum(o.total)::bigint AS total
    FROM orders o WHERE ${inRange(r, true)} GROUP BY 1`);
  return res.rows.map((row) => ({
    status: row.status,
    orders: Number(row.orders),
    total: Number(row.total),
  }));
}

/** A customer's sales in the range. */
export type CustomerRow = {
  contactId: string | null;
  name: string | null;
  phone: string;
  orders: number;
  revenue: number;
};

/** Customers by revenue (then orders), the name and phone of their latest order; `limit` null: all. */
export async function customerSales(db: Db, r: DayRange, limit: number | null): Promise<CustomerRow[]> {
  const res = await db.execute<CustomerRow & { revenue: string }>(sql`
    SELECT (array_agg(o.contact_id ORDER BY o.placed_at DESC))[1] AS "contactId",
      (array_agg(o.customer_name ORDER BY o.placed_at DESC))[1] AS name,
      (array_agg(o.customer_phone ORDER BY o.placed_at DESC))[1] AS phone,
      count(*)::int AS orders, sum(o.total)::bigint AS revenue
    FROM orders o WHERE ${inRange(r)}
    GROUP BY ${customerKey}
    ORDER BY revenue DESC, orders DESC, phone
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`);
  return res.rows.map((row) => ({ ...row, orders: Number(row.orders), revenue: Number(row.revenue) }));
}

/** A product's sales in the range, from the order lines. */
export type ProductRow = {
  productId: string | null;
  sku: string;
  name: string;
  quantity: number;
  revenue: number;
};

/**
 * Products on the range's sales, by revenue or by quantity; a product is its id, or its SKU
 * (regardless of case) when it was deleted. `limit` null: all.
 */
export async function productSales(
  db: Db,
  r: DayRange,
  by: "revenue" | "quantity",
  limit: number | null,
): Promise<ProductRow[]> {
  const order = by === "revenue" ? sql`revenue DESC, quantity DESC` : sql`quantity DESC, revenue DESC`;
  const res = await db.execute<ProductRow & { revenue: string; quantity: string }>(sql`
    SELECT (array_agg(l.product_id ORDER BY o.placed_at DESC))[1] AS "productId",
      (array_agg(l.sku ORDER BY o.placed_at DESC))[1] AS sku,
      (array_agg(l.name ORDER BY o.placed_at DESC))[1] AS name,
      sum(l.quantity)::bigint AS quantity, sum(l.line_total)::bigint AS revenue
    FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE l.tenant_id = ${r.tenantId} AND ${inRange(r)}
    GROUP BY coalesce(l.product_id::text, lower(l.sku))
    ORDER BY ${order}, name
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`);
  return res.rows.map((row) => ({ ...row, quantity: Number(row.quantity), revenue: Number(row.revenue) }));
}

/** A province's (or a city's) sales: distinct customers, orders and revenue. */
export type RegionRow = {
  province: string | null;
  city?: string;
  customers: number;
  orders: number;
  revenue: number;
};

/**
 * Sales per province (`by` "province": every one with sales, orders without one as null),
 * per city (`by` "city": with its province; cities compared regardless of case and spaces,
 * named as most orders spell them; orders without a city left out) or per place (`by`
 * "place": as "city", orders without a city kept with city ""), by revenue. `limit` null: all.
 */
export async function regionSales(
  db: Db,
  r: DayRange,
  by: "province" | "city" | "place",
  limit: number | null,
): Promise<RegionRow[]> {
  const city = by !== "province";
  const res = await db.execute<RegionRow & { revenue: string }>(sql`
    SELECT o.province${city ? sql`, coalesce(mode() WITHIN GROUP (ORDER BY trim(o.city)), '') AS city` : sql``},
      count(DISTINCT ${customerKey})::int AS customers, count(*)::int AS orders,
      sum(o.total)::bigint AS revenue
    FROM orders o WHERE ${inRange(r)}${by === "city" ? sql` AND coalesce(trim(o.city), '') <> ''` : sql``}
    GROUP BY o.province${city ? sql`, lower(coalesce(trim(o.city), ''))` : sql``}
    ORDER BY revenue DESC, customers DESC
    ${limit === null ? sql`` : sql`LIMIT ${limit}`}`);
  return res.rows.map((row) => ({
    ...row,
    customers: Number(row.customers),
    orders: Number(row.orders),
    revenue: Number(row.revenue),
  }));
}

/** Customers with ≥ 1 and with ≥ 2 sales in the range. */
export async function repeatCounts(
  db: Db,
  r: DayRange,
): Promise<{ customers: number; repeatCustomers: number }> {
  const res = await db.execute<{ customers: number; repeat: number }>(sql`
    SELECT count(*)::int AS customers, count(*) FILTER (WHERE n >= 2)::int AS repeat
    FROM (SELECT count(*) AS n FROM orders o WHERE ${inRange(r)} GROUP BY ${customerKey}) c`);
  const row = res.rows[0];
  return { customers: Number(row?.customers ?? 0), repeatCustomers: Number(row?.repeat ?? 0) };
}

/** How many days after a reminder an order counts as its conversion. */
const REMINDER_CONVERSION_DAYS = 14;

/**
 * The repeat-order reminders sent in the range and what they brought: `sent` counts the
 * reminder messages (one per customer and daily run, whatever the products in it),
 * `converted` those whose customer placed a sale within {@link REMINDER_CONVERSION_DAYS}
 * days after it, `revenue` the rupiah of those sales (each order once, however many
 * reminders preceded it). A reminder's day is its `sent_at` in the shop's zone. Per outlet:
 * the reminders of the outlet's orders and the outlet's sales.
 */
export async function reminderConversion(
  db: Db,
  r: DayRange,
): Promise<{ sent: number; converted: number; revenue: number }> {
  const sale = sql.join(
    SALE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const res = await db.execute<{ sent: number; converted: number; revenue: string }>(sql`
    WITH m AS (
      SELECT r.contact_id, coalesce(r.run_id::text, r.id::text) AS run, min(r.sent_at) AS sent_at
      FROM order_reminders r
      WHERE r.tenant_id = ${r.tenantId} AND r.status = 'sent'
        AND EXISTS (SELECT 1 FROM orders ro WHERE ro.id = r.order_id AND ${outletInScope(r.viewer, sql`ro.outlet_id`)})
        AND r.sent_at >= (${r.from}::date)::timestamp AT TIME ZONE ${r.tz}
        AND r.sent_at < (${r.to}::date + 1)::timestamp AT TIME ZONE ${r.tz}
      GROUP BY r.contact_id, 2),
    won AS (
      SELECT o.id, o.total, o.contact_id, o.placed_at FROM orders o
      WHERE o.tenant_id = ${r.tenantId} AND ${outletInScope(r.viewer, sql`o.outlet_id`)} AND o.status IN (${sale})
        AND EXISTS (SELECT 1 FROM m WHERE m.contact_id = o.contact_id AND o.placed_at >= m.sent_at
                    AND o.placed_at < m.sent_at + make_interval(days => ${REMINDER_CONVERSION_DAYS})))
    SELECT (SELECT count(*) FROM m)::int AS sent,
      (SELECT count(*) FROM m WHERE EXISTS (SELECT 1 FROM won WHERE won.contact_id = m.contact_id
         AND won.placed_at >= m.sent_at AND won.placed_at < m.sent_at + make_interval(days => ${REMINDER_CONVERSION_DAYS})))::int AS converted,
      (SELECT coalesce(sum(total), 0) FROM won)::bigint AS revenue`);
  const row = res.rows[0];
  return {
    sent: Number(row?.sent ?? 0),
    converted: Number(row?.converted ?? 0),
    revenue: Number(row?.revenue ?? 0),
  };
}
