/** Writes a shop's past orders in bulk (the demo shop's history): orders, lines, history, counters. */
import { count, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { orderCounters, orderEvents, orderLines, orders } from "../../../db/schema/index.js";
import type { OrderEventInsert, OrderInsert } from "./types.js";

/**
 * A past order to store whole: its row, lines (with their product) and history entries (with
 * their time). Without `outletId` it belongs to the shop's first outlet (oldest).
 */
export interface HistoricOrder {
  order: Omit<OrderInsert, "outletId"> & { number: string; outletId?: string };
  lines: ReadonlyArray<{
    position: number;
    productId: string | null;
    sku: string;
    name: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
  }>;
  events: ReadonlyArray<OrderEventInsert & { createdAt: Date }>;
}

/** Rows per INSERT statement (well under PostgreSQL's 65,535 parameters). */
const BATCH = 1_000;

/** How many orders the shop has. */
export async function orderCount(db: Db, tenantId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(orders).where(eq(orders.tenantId, tenantId));
  return row?.n ?? 0;
}

/**
 * Inserts past orders with their lines and history in the caller's transaction, a few
 * statements per table, and moves each month's counter (`YYYY/MM` → last number) to at
 * least the given one, so the next order of that month takes the number after.
 */
export async function insertOrderHistory(
  tx: Tx,
  tenantId: string,
  history: readonly HistoricOrder[],
  counters: ReadonlyArray<{ period: string; last: number }>,
): Promise<void> {
  // RETURNING's row order is not promised: each order's id is found by its number.
  const idOf = new Map<string, string>();
  const firstOutlet = sql<string>`(SELECT ot.id FROM outlets ot WHERE ot.tenant_id = ${tenantId} ORDER BY ot.created_at, ot.id LIMIT 1)`;
  for (let i = 0; i < history.length; i += BATCH) {
    const rows = await tx
      .insert(orders)
      .values(
        history
          .slice(i, i + BATCH)
          .map((h) => ({ ...h.order, tenantId, outletId: h.order.outletId ?? firstOutlet })),
      )
      .returning({ id: orders.id, number: orders.number });
    for (const r of rows) idOf.set(r.number, r.id);
  }
  const ids = history.map((h) => idOf.get(h.order.number)!);
  const lines = history.flatMap((h, i) => h.lines.map((l) => ({ ...l, tenantId, orderId: ids[i]! })));
  for (let i = 0; i < lines.length; i += BATCH) await tx.insert(orderLines).values(lines.slice(i, i + BATCH));
  const events = history.flatMap((h, i) => h.events.map((e) => ({ ...e, tenantId, orderId: ids[i]! })));
  for (let i = 0; i < events.length; i += BATCH)
    await tx.insert(orderEvents).values(events.slice(i, i + BATCH));
  if (counters.length === 0) return;
  await tx
    .insert(orderCounters)
    .values(counters.map((c) => ({ tenantId, period: c.period, last: c.last })))
    .onConflictDoUpdate({
      target: [orderCounters.tenantId, orderCounters.period],
      set: { last: sql`greatest(${orderCounters.last}, excluded.last)` },
    });
}
