/** Who has written to the shop: the campaigns' warm / cold split (issue 15, the governor). */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";

/**
 * The contacts among `contactIds` who have written to the shop: an inbound message on
 * `channelId` at any time, or on any of the tenant's numbers within the last `days` days
 * (counted back from `now`, default the database's now). A campaign to them opens no new
 * chat on WhatsApp, so the new-chat cap and a reach-out timelock do not hold them back.
 * Uses the thread index (channel, contact, created_at) per contact.
 * @returns the ids of those contacts
 */
export async function contactsWhoWrote(
  db: Db | Tx,
  q: { tenantId: string; channelId: string; contactIds: string[]; days: number; now?: Date },
): Promise<Set<string>> {
  if (q.contactIds.length === 0) return new Set();
  const now = q.now ? sql`${q.now.toISOString()}::timestamptz` : sql`now()`;
  const r = await db.execute<{ contact_id: string }>(sql`
      SELECT c.id AS contact_id FROM unnest(${sql.param(q.contactIds)}::uuid[]) AS c(id)
      WHERE EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = ${q.channelId}
                      AND m.contact_id = c.id AND m.direction = 'in')
         OR EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = ${q.tenantId}
                      AND m.contact_id = c.id AND m.direction = 'in'
                      AND m.created_at >= ${now} - make_interval(days => ${q.days}))`);
  return new Set(r.rows.map((x) => x.contact_id));
}
