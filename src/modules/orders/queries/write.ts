/** The orders module's writes: orders, their lines, their history and the monthly numbers. */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { orderEvents, orderLines, orders, type OrderStatus } from "../../../db/schema/index.js";
import type { PricedLine } from "../lines.js";

/** A stored order. */
export type OrderRow = typeof orders.$inferSelect;
/** What a new order row is written with (id, number, timestamps come from here or defaults). */
export type OrderInsert = Omit<typeof orders.$inferInsert, "id" | "number" | "tenantId">;
/** An entry of an order's history as written. */
export type OrderEventInsert = Omit<
  typeof orderEvents.$inferInsert,
  "id" | "tenantId" | "orderId" | "createdAt"
>;

/**
 * Takes the shop's next order number for `period` (`YYYY/MM`): `INV/2026/12/0001`, then
 * `…/0002`; four digits at least, more after 9,999.
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
export async function takeOrderNumber(db: Db, tenantId: string, period: string): Promise<string> {
  const { rows } = await db.execute<{ last: number }>(sql`
    WITH durability AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO order_counters (tenant_id, period, last)
    SELECT ${tenantId}, ${period}, 1 FROM durability
    ON CONFLICT (tenant_id, period) DO UPDATE SET last = order_counters.last + 1
    RETURNING last`);
  return `INV/${period}/${String(rows[0]!.last).padStart(4, "0")}`;
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
 * Inserts an order with its lines and its first history entry, in the caller's transaction.
 * @returns the row, or null when `idempotency_key` or `external_id` is already taken in
 *   the shop (the caller reads that order instead)
 */
export async function insertOrder(
  tx: Tx,
  tenantId: string,
  number: string,
  order: OrderInsert,
  lines: readonly PricedLine[],
  created: OrderEventInsert,
): Promise<OrderRow | null> {
  const [row] = await tx
    .insert(orders)
    .values({ ...order, tenantId, number })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await tx.insert(orderLines).values(lines.map((l) => ({ ...l, tenantId, orderId: row.id })));
  await tx.insert(orderEvents).values({ ...created, tenantId, orderId: row.id });
  return row;
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
