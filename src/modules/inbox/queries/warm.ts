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

/**
 * The contacts among `contactIds` who have written to the shop (see `contactWrote`): a
 * campaign to them opens no new chat on WhatsApp, so the new-chat cap and a reach-out
 * timelock do not hold them back.
 * @returns the ids of those contacts
 */
export async function contactsWhoWrote(
  db: Db | Tx,
  q: WroteRule & { contactIds: string[] },
): Promise<Set<string>> {
  if (q.contactIds.length === 0) return new Set();
  const r = await db.execute<{ contact_id: string }>(sql`
      SELECT c.id AS contact_id FROM unnest(${sql.param(q.contactIds)}::uuid[]) AS c(id)
      WHERE ${contactWrote(sql`c.id`, q)}`);
  return new Set(r.rows.map((x) => x.contact_id));
}
