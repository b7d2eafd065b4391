/**
 * Statements of the segments module (the owner of `contact_rfm` and `rfm_settings`). It
 * reads the orders module's `orders` table for the figures (one statement, below) and
 * gives other modules SQL fragments that select a segment's contacts: the contact list's
 * filter and the campaign audience (DESIGN.md §3.4).
 */
import { and, count, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { contactRfm, contacts, rfmSettings, type RfmSegment } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { contactInScope } from "../outlets/index.js";

/** A customer's figures and scores as computed from the orders (before the segment is named). */
interface ScoredCustomer {
  contactId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  ordersEver: number;
  r: number;
  f: number;
  m: number;
  lastOrderAt: Date;
}

/**
 * Every customer of the shop with an order (not draft, cancelled or returned), with their
 * figures as of `now` and their three scores (`1 + floor(5 × percent_rank)`, capped at 5;
 * rules.ts says why). One statement; the database ranks.
 */
export async function scoredCustomers(db: Db, tenantId: string, now: Date): Promise<ScoredCustomer[]> {
  const at = now.toISOString();
  const rows = await db.execute<{
    contact_id: string;
    recency_days: number;
    frequency: number;
    monetary: string;
    orders_ever: number;
    r: number;
    f: number;
    m: number;
    last_order_at: string;
  }>(sql`
    WITH figures AS (
      SELECT o.contact_id,
             max(o.placed_at) AS last_order_at,
             count(*)::int AS orders_ever,
             (count(*) FILTER (WHERE o.placed_at > ${at}::timestamptz - interval '365 days'))::int AS frequency,
             coalesce(sum(o.total) FILTER (WHERE o.placed_at > ${at}::timestamptz - interval '365 days'), 0) AS monetary
      FROM orders o
      WHERE o.tenant_id = ${tenantId} AND o.contact_id IS NOT NULL
        AND o.status NOT IN ('draft', 'cancelled', 'returned') AND o.placed_at <= ${at}::timestamptz
      GROUP BY o.contact_id
    )
    SELECT contact_id, orders_ever, frequency, monetary, last_order_at,
           greatest(0, floor(extract(epoch FROM (${at}::timestamptz - last_order_at)) / 86400))::int AS recency_days,
           least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY last_order_at)))::int AS r,
           least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY frequency)))::int AS f,
           least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY monetary)))::int AS m
    FROM figures`);
  return rows.rows.map((r) => ({
    contactId: r.contact_id,
    recencyDays: r.recency_days,
    frequency: r.frequency,
    monetary: Number(r.monetary),
    ordersEver: r.orders_ever,
    r: r.r,
    f: r.f,
    m: r.m,
    lastOrderAt: new Date(r.last_order_at),
  }));
}

/** Writes customers' figures and segments (computed at `computedAt`), in one statement per call. */
export async function upsertRfm(
  tx: Tx,
  tenantId: string,
  rows: ReadonlyArray<ScoredCustomer & { segment: RfmSegment }>,
  computedAt: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(contactRfm)
    .values(
      rows.map((r) => ({
        contactId: r.contactId,
        tenantId,
        recencyDays: r.recencyDays,
        frequency: r.frequency,
        monetary: r.monetary,
        ordersEver: r.ordersEver,
        rScore: r.r,
        fScore: r.f,
        mScore: r.m,
        segment: r.segment,
        lastOrderAt: r.lastOrderAt,
        computedAt,
      })),
    )
    .onConflictDoUpdate({
      target: contactRfm.contactId,
      set: {
        recencyDays: sql`excluded.recency_days`,
        frequency: sql`excluded.frequency`,
        monetary: sql`excluded.monetary`,
        ordersEver: sql`excluded.orders_ever`,
        rScore: sql`excluded.r_score`,
        fScore: sql`excluded.f_score`,
        mScore: sql`excluded.m_score`,
        segment: sql`excluded.segment`,
        lastOrderAt: sql`excluded.last_order_at`,
        computedAt: sql`excluded.computed_at`,
      },
    });
}

/** Removes the rows of customers who no longer have an order (all cancelled, say), and stamps the shop's computation. */
export async function finishRefresh(tx: Tx, tenantId: string, computedAt: Date): Promise<void> {
  await tx
    .delete(contactRfm)
    .where(and(eq(contactRfm.tenantId, tenantId), lt(contactRfm.computedAt, computedAt)));
  await tx
    .insert(rfmSettings)
    .values({ tenantId, computedAt })
    .onConflictDoUpdate({ target: rfmSettings.tenantId, set: { computedAt } });
}

/** The shop's thresholds as stored (only what it changed) and when its segments were computed. */
export async function rfmSettingsOf(
  db: Db,
  tenantId: string,
): Promise<{ thresholds: Record<string, number>; computedAt: Date | null }> {
  const [row] = await db
    .select({ thresholds: rfmSettings.thresholds, computedAt: rfmSettings.computedAt })
    .from(rfmSettings)
    .where(eq(rfmSettings.tenantId, tenantId));
  return row ?? { thresholds: {}, computedAt: null };
}

/** Stores the shop's thresholds (only those that differ from the defaults are kept by the caller). */
export async function saveThresholds(
  db: Db,
  tenantId: string,
  thresholds: Record<string, number>,
): Promise<void> {
  await db
    .insert(rfmSettings)
    .values({ tenantId, thresholds })
    .onConflictDoUpdate({ target: rfmSettings.tenantId, set: { thresholds, updatedAt: new Date() } });
}

/**
 * How many of the actor's shop's customers are in each segment: for an actor limited to
 * outlets (issue 13), only the contacts of its outlets (home or customer-of).
 */
export async function segmentCounts(db: Db, actor: Actor): Promise<Map<RfmSegment, number>> {
  const tenantId = actor.tenantId;
  const rows = await db
    .select({ segment: contactRfm.segment, n: count() })
    .from(contactRfm)
    .where(
      and(
        eq(contactRfm.tenantId, tenantId),
        actor.outletIds &&
          sql`${contactRfm.contactId} IN (SELECT ${contacts.id} FROM ${contacts} WHERE ${contacts.tenantId} = ${tenantId} AND ${contactInScope(actor, contacts.id, contacts.homeOutletId)})`,
      ),
    )
    .groupBy(contactRfm.segment);
  return new Map(rows.map((r) => [r.segment, r.n]));
}

/**
 * A contact's row, or undefined when they have no order (or the actor's shop has no such
 * contact, or it is not one of the outlets of an actor limited to outlets).
 */
export async function rfmOfContact(
  db: Db,
  actor: Actor,
  contactId: string,
): Promise<typeof contactRfm.$inferSelect | undefined> {
  const tenantId = actor.tenantId;
  const [row] = await db
    .select()
    .from(contactRfm)
    .where(
      and(
        eq(contactRfm.tenantId, tenantId),
        eq(contactRfm.contactId, contactId),
        actor.outletIds &&
          sql`${contactRfm.contactId} IN (SELECT ${contacts.id} FROM ${contacts} WHERE ${contacts.tenantId} = ${tenantId} AND ${contactInScope(actor, contacts.id, contacts.homeOutletId)})`,
      ),
    );
  return row;
}

/** The shops that have orders (the nightly refresh's list). */
export async function tenantsWithOrders(db: Db): Promise<string[]> {
  const rows = await db.execute<{ tenant_id: string }>(sql`SELECT DISTINCT tenant_id FROM orders`);
  return rows.rows.map((r) => r.tenant_id);
}

/**
 * The condition "contact `contactId` (an SQL expression, e.g. `contacts.id` or `c.id`) is in
 * `segment`", for the contact list's filter and a campaign's audience.
 */
export function inSegment(contactId: SQL, segment: RfmSegment): SQL {
  return sql`EXISTS (SELECT 1 FROM contact_rfm rfm WHERE rfm.contact_id = ${contactId} AND rfm.segment = ${segment})`;
}
