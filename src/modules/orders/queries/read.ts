/** The orders module's reads: one order with its lines and history, a shop's list, a lookup by key. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { apiKeys, orderEvents, orderLines, orders, users } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { outletInScope } from "../../outlets/index.js";
import type { OrderFilters } from "../schemas.js";
import type { OrderEventRow, OrderLineRow, OrderRow } from "./types.js";

/** The actor's orders (issue 13: those of its outlets; TRUE for every outlet), a condition on `orders`. */
export function ordersInScope(actor: Actor): SQL {
  return outletInScope(actor, orders.outletId);
}

/**
 * A shop's order by id, within `scope` (a condition on `orders`, e.g. the actor's outlets:
 * `outletInScope(actor, orders.outletId)`; default every order).
 * @returns undefined when the shop has none with that id in the scope
 */
export async function orderById(
  db: Db | Tx,
  tenantId: string,
  id: string,
  scope: SQL = sql`TRUE`,
): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, id), scope));
  return row;
}

/** An order's lines in their order. */
export function linesOf(db: Db | Tx, tenantId: string, orderId: string): Promise<OrderLineRow[]> {
  return db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.position));
}

/** An order's history, oldest first, with who made each entry. */
export function historyOf(db: Db | Tx, tenantId: string, orderId: string): Promise<OrderEventRow[]> {
  return db
    .select({
      id: orderEvents.id,
      tenantId: orderEvents.tenantId,
      orderId: orderEvents.orderId,
      kind: orderEvents.kind,
      fromStatus: orderEvents.fromStatus,
      toStatus: orderEvents.toStatus,
      actorKind: orderEvents.actorKind,
      userId: orderEvents.userId,
      apiKeyId: orderEvents.apiKeyId,
      note: orderEvents.note,
      changes: orderEvents.changes,
      createdAt: orderEvents.createdAt,
      actorName: sql<string | null>`coalesce(${users.name}, ${apiKeys.name})`,
    })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.userId))
    .leftJoin(apiKeys, eq(apiKeys.id, orderEvents.apiKeyId))
    .where(and(eq(orderEvents.tenantId, tenantId), eq(orderEvents.orderId, orderId)))
    .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
}

/**
 * The lookup of {@link orderByKey} for the keys a request has (`i`: an idempotency key,
 * `e`: an external id, `ie`: both), built once per database handle as a named prepared
 * statement (every order API request runs it before taking the order).
 */
const prepareKeyLookup = (db: Db, shape: "i" | "e" | "ie") => {
  const conds: SQL[] = [];
  if (shape.includes("i")) conds.push(eq(orders.idempotencyKey, sql.placeholder("idempotencyKey")));
  if (shape.includes("e")) conds.push(eq(orders.externalId, sql.placeholder("externalId")));
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.tenantId, sql.placeholder("tenantId")), or(...conds)))
    .limit(1)
    .prepare(`orders_by_key_${shape}`);
};
const keyLookups = new WeakMap<Db, Map<string, ReturnType<typeof prepareKeyLookup>>>();

/** The shop's order made with this idempotency key or external id (either may be absent). */
export async function orderByKey(
  db: Db,
  tenantId: string,
  keys: { idempotencyKey?: string; externalId?: string },
): Promise<OrderRow | undefined> {
  const shape = `${keys.idempotencyKey ? "i" : ""}${keys.externalId ? "e" : ""}` as "i" | "e" | "ie" | "";
  if (shape === "") return undefined;
  let byShape = keyLookups.get(db);
  if (!byShape) {
    byShape = new Map();
    keyLookups.set(db, byShape);
  }
  let lookup = byShape.get(shape);
  if (!lookup) {
    lookup = prepareKeyLookup(db, shape);
    byShape.set(shape, lookup);
  }
  const [row] = await lookup.execute({ tenantId, ...keys });
  return row;
}

/** `%text%` for ILIKE with the user's `%`, `_` and `\` taken literally. */
const likePattern = (text: string): string => `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/**
 * The WHERE clause of the order list and export: the shop and `scope` (the actor's
 * outlets, narrowed to the `outletId` filter by the caller), then search (number, customer
 * name, phone as typed or as digits without the leading 0), statuses, payment method,
 * the days `from`–`to` of `timeZone` (by `placed_at`), a product on a line, a contact.
 */
function orderWhere(tenantId: string, scope: SQL, f: OrderFilters, timeZone: string): SQL {
  const where: SQL[] = [eq(orders.tenantId, tenantId), scope];
  if (f.search) {
    const digits = f.search.replace(/\D/g, "").replace(/^0/, "");
    const conds = [
      ilike(orders.number, likePattern(f.search)),
      ilike(orders.customerName, likePattern(f.search)),
      ilike(orders.customerPhone, likePattern(f.search)),
    ];
    if (digits.length >= 3) conds.push(ilike(orders.customerPhone, `%${digits}%`));
    where.push(or(...conds)!);
  }
  if (f.status && f.status.length > 0) where.push(inArray(orders.status, f.status));
  if (f.paymentMethod) where.push(eq(orders.paymentMethod, f.paymentMethod));
  if (f.from) where.push(sql`${orders.placedAt} >= (${f.from}::date)::timestamp AT TIME ZONE ${timeZone}`);
  if (f.to) where.push(sql`${orders.placedAt} < (${f.to}::date + 1)::timestamp AT TIME ZONE ${timeZone}`);
  if (f.contactId) where.push(eq(orders.contactId, f.contactId));
  if (f.productId) {
    where.push(
      sql`EXISTS (SELECT 1 FROM order_lines ol WHERE ol.order_id = "orders"."id" AND ol.product_id = ${f.productId})`,
    );
  }
  return and(...where)!;
}

/** An order of a list with the number of items on it (Σ quantities). */
export type OrderListRow = OrderRow & { itemCount: number };

/** One page of the shop's orders in `scope` (a condition on `orders`), newest first, and how many match. */
export async function listOrders(
  db: Db,
  tenantId: string,
  scope: SQL,
  f: OrderFilters,
  timeZone: string,
  page: { limit: number; offset: number },
): Promise<{ rows: OrderListRow[]; total: number }> {
  const where = orderWhere(tenantId, scope, f, timeZone);
  // Column references spelled out: drizzle writes a bare "id" for `orders.id` in a select list.
  const itemCount = sql<number>`(SELECT coalesce(sum(ol.quantity), 0)::int FROM order_lines ol WHERE ol.order_id = "orders"."id")`;
  const [rows, [count]] = await Promise.all([
    db
      .select({ order: orders, itemCount })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.placedAt), desc(orders.number))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(orders).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r.order, itemCount: r.itemCount })), total: count?.n ?? 0 };
}

/**
 * The export's pages: up to `limit` matching orders (in `scope`, a condition on `orders`) after `after` (the last order of the
 * previous page) in the list's order, newest first — a keyset page, so a shop's 100,000th
 * order costs what its first does.
 */
export async function exportPage(
  db: Db,
  tenantId: string,
  scope: SQL,
  f: OrderFilters,
  timeZone: string,
  after: Pick<OrderRow, "placedAt" | "number"> | null,
  limit: number,
): Promise<OrderListRow[]> {
  const where = orderWhere(tenantId, scope, f, timeZone);
  const itemCount = sql<number>`(SELECT coalesce(sum(ol.quantity), 0)::int FROM order_lines ol WHERE ol.order_id = "orders"."id")`;
  const rows = await db
    .select({ order: orders, itemCount })
    .from(orders)
    .where(
      after
        ? and(
            where,
            sql`("orders"."placed_at", "orders"."number") < (${after.placedAt.toISOString()}::timestamptz, ${after.number})`,
          )
        : where,
    )
    .orderBy(desc(orders.placedAt), desc(orders.number))
    .limit(limit);
  return rows.map((r) => ({ ...r.order, itemCount: r.itemCount }));
}

/** The lines of several orders (for the export), grouped by order id. */
export async function linesOfOrders(
  db: Db,
  tenantId: string,
  orderIds: readonly string[],
): Promise<Map<string, OrderLineRow[]>> {
  const out = new Map<string, OrderLineRow[]>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), inArray(orderLines.orderId, [...orderIds])))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position));
  for (const r of rows) {
    const list = out.get(r.orderId) ?? [];
    list.push(r);
    out.set(r.orderId, list);
  }
  return out;
}
