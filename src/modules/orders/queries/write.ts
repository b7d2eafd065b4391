/** The orders module's writes: orders, their lines, their history and the monthly numbers. */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import {
  orderCounters,
  orderEvents,
  orderLines,
  orders,
  type OrderStatus,
} from "../../../db/schema/index.js";
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
 * The next order number of the shop for `period` (`YYYY/MM`): `INV/2026/12/0001`, then
 * `…/0002`; four digits at least, more after 9,999. The counter row is upserted in the
 * caller's transaction, so numbers never repeat and an order rolled back gives its
 * number back; concurrent orders of one shop and month wait for each other here.
 */
export async function nextOrderNumber(tx: Tx, tenantId: string, period: string): Promise<string> {
  const [row] = await tx
    .insert(orderCounters)
    .values({ tenantId, period, last: 1 })
    .onConflictDoUpdate({
      target: [orderCounters.tenantId, orderCounters.period],
      set: { last: sql`${orderCounters.last} + 1` },
    })
    .returning({ last: orderCounters.last });
  return `INV/${period}/${String(row!.last).padStart(4, "0")}`;
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
