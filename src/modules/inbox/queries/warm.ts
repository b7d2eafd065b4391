/** Who has written to the shop: the campaigns' warm / cold split (issue 15, the governor). */
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";

/** Whose writing counts: the campaign's number ever, any of the shop's numbers within `days` days of `now`. */
interface WroteRule {
  tenantId: string;
  channelId: string;
  days: number;
  /** The moment counted back from (default the database's now). */
  now?: Date;
}

/**
 * An SQL condition, true when the contact whose id is `contactId` (a column or value) has
 * written to the shop by `rule`: an inbound message on `rule.channelId` at any time, or on
 * any of the tenant's numbers within the last `rule.days` days. Uses the thread index
 * (channel, contact, created_at). For other modules' statements (the campaign estimate).
 */
export function contactWrote(contactId: SQL, rule: WroteRule): SQL {
  const now = rule.now ? sql`${rule.now.toISOString()}::timestamptz` : sql`now()`;
  return sql`(EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = ${rule.channelId}
                  AND m.contact_id = ${contactId} AND m.direction = 'in')
     OR EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = ${rule.tenantId}
                  AND m.contact_id = ${contactId} AND m.direction = 'in'
                  AND m.created_at >= ${now} - make_interval(days => ${rule.days})))`;
}

/** Who wrote to a campaign's pool: per contact, the pool's number they last wrote to, and whether they wrote to the shop lately. */
interface PoolWriter {
  /** The pool's number the contact last wrote to (ever), or null when none. */
  channelId: string | null;
  /** Wrote to any of the shop's numbers within the last `days` days. */
  recent: boolean;
}

/**
 * For each contact among `contactIds`: the number of `channelIds` (a campaign's pool) they
 * last wrote to, at any time, and whether they wrote to any of the tenant's numbers within
 * `days` days of `now` (default the database's now). The campaign snapshot reads it to keep
 * a customer on the number they chat with, and to tell warm from cold per number (see
 * `contactWrote`). Uses the thread index (channel, contact, created_at).
 * @returns an entry for every contact who wrote by either rule; the others are absent
 */
export async function poolWriters(
  db: Db | Tx,
  q: { tenantId: string; channelIds: string[]; days: number; contactIds: string[]; now?: Date },
): Promise<Map<string, PoolWriter>> {
  if (q.contactIds.length === 0) return new Map();
  const now = q.now ? sql`${q.now.toISOString()}::timestamptz` : sql`now()`;
  const r = await db.execute<{ contact_id: string; channel_id: string | null; recent: boolean }>(sql`
      SELECT * FROM (
        SELECT c.id AS contact_id,
          (SELECT m.channel_id FROM messages m WHERE m.channel_id = ANY(${sql.param(q.channelIds)}::uuid[])
             AND m.contact_id = c.id AND m.direction = 'in' ORDER BY m.created_at DESC LIMIT 1) AS channel_id,
          EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = ${q.tenantId} AND m.contact_id = c.id
             AND m.direction = 'in' AND m.created_at >= ${now} - make_interval(days => ${q.days})) AS recent
        FROM unnest(${sql.param(q.contactIds)}::uuid[]) AS c(id)) w
      WHERE w.channel_id IS NOT NULL OR w.recent`);
  return new Map(r.rows.map((x) => [x.contact_id, { channelId: x.channel_id, recent: x.recent }]));
}
