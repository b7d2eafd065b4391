/** The orders module's writes: orders, their lines, their history and the monthly numbers. */
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { executeNamed } from "../../../db/named.js";
import { orderEvents, orderLines, orders, type OrderStatus, outlets } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { outletInScope } from "../../outlets/index.js";
import type { PricedLine } from "../lines.js";
import type { OrderEventInsert, OrderEventRow, OrderInsert, OrderLineRow, OrderRow } from "./types.js";

/**
 * Takes the shop's next order number for the month `placedAt` falls in, in the shop's time
 * zone (`period` `YYYY/MM`): `INV/2026/12/0001`, then `…/0002`; four digits at least, more
 * after 9,999.
 *
 * The counter row is upserted by one statement committed on its own, without waiting for
 * the disk (`synchronous_commit` off for that statement only, `set_config(…, true)`):
 * concurrent orders of one shop queue on that row for the upsert alone, inside
 * PostgreSQL — not for their whole order and its fsync (which capped a shop at one order
 * per commit), nor for a round trip to a busy Node process between the upsert and its
 * COMMIT. What that costs: a number is never used twice (the unique index on
 * `orders.number` guards it), but numbers may be skipped — by an order that fails after
 * taking one, and after a database crash, which can forget the last increments (< 1 s);
 * the next order then meets a used number and {@link repairOrderCounter} moves the
 * counter past the highest one.
 */
export async function takeOrderNumber(
  db: Db,
  tenantId: string,
  placedAt: Date,
): Promise<{ number: string; period: string }> {
  // The month in the shop's zone (IANA name, as the web app and reports use it).
  // Named prepared statements here and in insertOrder: planned once per connection, not per order.
  const { rows } = await executeNamed<{ period: string; last: number }>(
    db,
    "order_number",
    sql`
    WITH durability AS (SELECT set_config('synchronous_commit', 'off', true)),
    shop AS (
      SELECT to_char(${placedAt.toISOString()}::timestamptz AT TIME ZONE coalesce(time_zone, 'Asia/Jakarta'), 'YYYY/MM') AS period
      FROM tenants WHERE id = ${tenantId})
    INSERT INTO order_counters (tenant_id, period, last)
    SELECT ${tenantId}, shop.period, 1 FROM durability, shop
    ON CONFLICT (tenant_id, period) DO UPDATE SET last = order_counters.last + 1
    RETURNING period, last`,
  );
  const { period, last } = rows[0]!;
  return { number: `INV/${period}/${String(last).padStart(4, "0")}`, period };
}

/** Moves the counter of `period` past the highest number the shop's orders of that month use (after a crash forgot increments). */
export async function repairOrderCounter(db: Db, tenantId: string, period: string): Promise<void> {
  await db.execute(sql`
    UPDATE order_counters SET last = greatest(last, coalesce((
      SELECT max(substring(number FROM '[0-9]+$')::int) FROM orders
      WHERE tenant_id = ${tenantId} AND number LIKE ${`INV/${period}/%`}), 0))
    WHERE tenant_id = ${tenantId} AND period = ${period}`);
}

/**
 * Where a new order's outlet comes from (issue 13), as the SQL expression {@link insertOrder}
 * writes into `orders.outlet_id` (no round trip of its own): the outlet the body names
 * (`outletId`, checked by the caller), else its number's (`channelId`: the order's or its
 * conversation's), else — when `defaultNumber` — the outlet of the shop's default number
 * (the order messages' number, else its first connected one) for an actor of every outlet,
 * else the first outlet (oldest) the actor works in.
 */
export function newOrderOutlet(actor: Actor, from: { outletId?: string; channelId: string | null }): SQL {
  const tenantId = actor.tenantId;
  // Staff limited to outlets: their first outlet, whatever the shop's default number.
  const byDefault = !actor.outletIds
    ? sql`(SELECT ch.outlet_id FROM channels ch WHERE ch.tenant_id = ${tenantId} AND ch.id = coalesce(
        (SELECT s.channel_id FROM order_message_settings s WHERE s.tenant_id = ${tenantId}),
        (SELECT c1.id FROM channels c1 WHERE c1.tenant_id = ${tenantId} AND c1.status = 'connected'
         ORDER BY c1.created_at, c1.id LIMIT 1)))`
    : sql`NULL::uuid`;
  return sql`coalesce(${from.outletId ?? null}::uuid,
    (SELECT ch.outlet_id FROM channels ch WHERE ch.tenant_id = ${tenantId} AND ch.id = ${from.channelId}::uuid),
    ${byDefault},
    (SELECT "outlets"."id" FROM "outlets" WHERE "outlets"."tenant_id" = ${tenantId} AND ${outletInScope(actor, outlets.id)}
     ORDER BY "outlets"."created_at", "outlets"."id" LIMIT 1))`;
}

/** A new order as written: its row, its lines and its first history entry with who made it. */
export interface InsertedOrder {
  row: OrderRow;
  lines: OrderLineRow[];
  created: OrderEventRow;
}

/** The order's columns by field, to write and read a raw statement's row the way drizzle does. */
const ORDER_FIELDS: Record<string, (typeof orders._.columns)[keyof typeof orders._.columns]> =
  getTableColumns(orders);

/**
 * The order's columns as {@link insertOrder} returns them: named, never `*`, so that a
 * column another process's migration adds does not change the result of its prepared
 * statement ("cached plan must not change result type" until the connection closes).
 */
const RETURNED_COLUMNS = sql.raw(
  Object.values(ORDER_FIELDS)
    .map((c) => `"${c.name}"`)
    .join(", "),
);

/**
 * Inserts an order with its lines and its first history entry, in the caller's transaction,
 * by one statement (data-modifying CTEs: the order, then its lines and history from the
 * order's row), and answers from what it wrote, so a new order costs one round trip.
 * `outlet` is the expression of its outlet ({@link newOrderOutlet}), evaluated in that statement.
 * @returns the order, its lines and history entry, or null when `idempotency_key` or
 *   `external_id` is already taken in the shop (nothing written; the caller reads that order)
 */
export async function insertOrder(
  tx: Tx,
  tenantId: string,
  number: string,
  order: Omit<OrderInsert, "outletId">,
  outlet: SQL,
  lines: readonly PricedLine[],
  created: OrderEventInsert,
): Promise<InsertedOrder | null> {
  const eventId = randomUUID();
  const storedLines = lines.map((l) => ({ ...l, id: randomUUID(), tenantId, orderId: "" }));
  const linesJson = JSON.stringify(
    storedLines.map((l) => ({
      id: l.id,
      product_id: l.productId,
      position: l.position,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      line_total: l.lineTotal,
    })),
  );
  const values: Record<string, unknown> = { ...order, tenantId, number };
  const fields = Object.keys(values).filter(
    (k) => values[k] !== undefined && k in ORDER_FIELDS && k !== "outletId",
  );
  const { rows } = await executeNamed<Record<string, unknown>>(
    tx,
    "order_insert",
    sql`
    WITH o AS (
      INSERT INTO orders (${sql.join(
        fields.map((k) => sql.identifier(ORDER_FIELDS[k]!.name)),
        sql`, `,
      )}, outlet_id)
      VALUES (${sql.join(
        fields.map((k) => sql.param(values[k], ORDER_FIELDS[k])),
        sql`, `,
      )}, ${outlet})
      ON CONFLICT DO NOTHING
      RETURNING ${RETURNED_COLUMNS}),
    l AS (
      INSERT INTO order_lines (id, tenant_id, order_id, product_id, position, sku, name, quantity, unit_price, line_total)
      SELECT x.id, o.tenant_id, o.id, x.product_id, x.position, x.sku, x.name, x.quantity, x.unit_price, x.line_total
      FROM o CROSS JOIN jsonb_to_recordset(${linesJson}::jsonb) AS x(
        id uuid, product_id uuid, position integer, sku text, name text, quantity integer, unit_price integer, line_total integer)),
    e AS (
      INSERT INTO order_events (id, tenant_id, order_id, kind, from_status, to_status, actor_kind, user_id, api_key_id, note, changes)
      SELECT ${eventId}::uuid, o.tenant_id, o.id, ${created.kind}, ${created.fromStatus ?? null}, ${created.toStatus ?? null},
             ${created.actorKind}, ${created.userId ?? null}::uuid, ${created.apiKeyId ?? null}::uuid, ${created.note ?? null},
             ${created.changes ? JSON.stringify(created.changes) : null}::jsonb
      FROM o)
    SELECT o.*, coalesce(
      (SELECT name FROM users WHERE id = ${created.userId ?? null}::uuid),
      (SELECT name FROM api_keys WHERE id = ${created.apiKeyId ?? null}::uuid)) AS "__actor_name"
    FROM o`,
  );
  const raw = rows[0];
  if (!raw) return null;
  const row = Object.fromEntries(
    Object.entries(ORDER_FIELDS).map(([field, column]) => {
      const v = raw[column.name];
      return [field, v === null || v === undefined ? null : column.mapFromDriverValue(v)];
    }),
  ) as OrderRow;
  return {
    row,
    lines: storedLines.map((l) => ({ ...l, orderId: row.id })),
    created: {
      id: eventId,
      tenantId,
      orderId: row.id,
      kind: created.kind,
      fromStatus: created.fromStatus ?? null,
      toStatus: created.toStatus ?? null,
      actorKind: created.actorKind,
      userId: created.userId ?? null,
      apiKeyId: created.apiKeyId ?? null,
      note: created.note ?? null,
      changes: created.changes ?? null,
      // The history's default `now()`: the transaction's start, as the order's `created_at`.
      createdAt: row.createdAt,
      actorName: (raw.__actor_name as string | null) ?? null,
    },
  };
}

/** Adds an entry to an order's history. */
export async function insertOrderEvent(
  db: Db | Tx,
  tenantId: string,
  orderId: string,
  event: OrderEventInsert,
): Promise<void> {
  await db.insert(orderEvents).values({ ...event, tenantId, orderId });
}

/**
 * Writes an order's fields (and `updated_at`) if it is still in `status`, in the caller's
 * transaction. @returns the new row, or undefined when the order moved meanwhile (or is gone)
 */
export async function updateOrderIfStatus(
  db: Db | Tx,
  tenantId: string,
  id: string,
  status: OrderStatus,
  patch: Partial<OrderInsert>,
): Promise<OrderRow | undefined> {
  const [row] = await db
    .update(orders)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, id), eq(orders.status, status)))
    .returning();
  return row;
}

/** Replaces an order's lines. */
export async function replaceOrderLines(
  tx: Tx,
  tenantId: string,
  orderId: string,
  lines: readonly PricedLine[],
): Promise<void> {
  await tx.delete(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId)));
  await tx.insert(orderLines).values(lines.map((l) => ({ ...l, tenantId, orderId })));
}
