/**
 * The campaign recorder's writes to `messages`, as statement parts. The recorder writes a
 * batch of send outcomes or receipts in ONE statement (recipients and messages together,
 * one round trip per batch: DESIGN.md §5), so the inbox, which owns `messages`, hands it
 * the parts of that statement that touch messages, as SQL fragments to place in its `WITH`
 * list (`name AS (${fragment})`). Every fragment is batched: it works on a whole relation
 * of the recorder's statement, never on one row. The campaign dispatcher's read of the
 * channel's recent sends (its pacing memory) is here too.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";

/** When the channel sent each of its outgoing messages of the last 24 hours, as epoch ms, oldest first. */
export async function recentSendTimes(db: Db, channelId: string): Promise<number[]> {
  const r = await db.execute<{ at: number }>(sql`
      SELECT (extract(epoch FROM created_at) * 1000)::float8 AS at FROM messages
      WHERE channel_id = ${channelId} AND direction = 'out' AND created_at > now() - interval '24 hours'
      ORDER BY created_at`);
  return r.rows.map(({ at }) => Number(at));
}

/**
 * When the tenant's channel sent each of its outgoing messages of the 24 hours before `now`
 * (epoch ms), as epoch ms, oldest first (the campaign composer's estimate).
 */
export async function recentSendTimesOfTenant(
  db: Db,
  tenantId: string,
  channelId: string,
  now: number,
): Promise<number[]> {
  const recent = await db.execute<{ at: number }>(sql`
        SELECT (extract(epoch FROM created_at) * 1000)::float8 AS at FROM messages
        WHERE tenant_id = ${tenantId} AND channel_id = ${channelId} AND direction = 'out'
          AND created_at > to_timestamp(${now / 1000}) - interval '24 hours'
        ORDER BY created_at`);
  return recent.rows.map((r) => Number(r.at));
}

/**
 * `INSERT INTO messages`: one outgoing campaign message per row of `source`, with its
 * campaign's media. A message already stored (same channel and network id) is left as it
 * is, unless it is a campaign copy put back to `pending` ({@link requeueCampaignMessages}:
 * WhatsApp refused it after accepting it): then it is that same message sent again, and
 * takes the new status, times and no error (one row per message, never two). A source
 * naming one network id twice gives one row, the most advanced status (PostgreSQL refuses
 * to update one row twice in one statement).
 * @param source a relation (CTE name or parenthesised `SELECT`, given as `sql.raw` or a
 *   fragment) with the columns tenant_id, contact_id, external_id, text, status,
 *   campaign_id, created_at, delivered_at, read_at
 */
export function insertCampaignMessages(channelId: string, source: SQL): SQL {
  return sql`
        INSERT INTO messages AS m (tenant_id, channel_id, contact_id, direction, external_id, text, media, status, campaign_id, created_at, delivered_at, read_at)
        SELECT DISTINCT ON (s.external_id) s.tenant_id, ${channelId}::uuid, s.contact_id, 'out', s.external_id, s.text, c.media, s.status,
               s.campaign_id, s.created_at, s.delivered_at, s.read_at
        FROM ${source} s JOIN campaigns c ON c.id = s.campaign_id
        ORDER BY s.external_id, CASE s.status WHEN 'read' THEN 4 WHEN 'delivered' THEN 3 WHEN 'sent' THEN 2 ELSE 0 END DESC
        ON CONFLICT (channel_id, external_id) DO UPDATE SET
          status = excluded.status, error = NULL, created_at = excluded.created_at,
          delivered_at = excluded.delivered_at, read_at = excluded.read_at
        WHERE m.status = 'pending' AND m.direction = 'out' AND m.campaign_id = excluded.campaign_id`;
}

/**
 * `UPDATE messages`: the channel's outgoing campaign copies that WhatsApp refused after
 * accepting them (error 463 in a failed receipt) while their recipients go back to pending
 * to be sent later: `pending` again, with `reason` as their error, so the thread does not
 * show "sent" for a message that never reached the customer. Sending it again makes the
 * same row `sent` ({@link insertCampaignMessages}).
 * @param refused a relation with the columns campaign_id and message_id (network id)
 */
export function requeueCampaignMessages(channelId: string, refused: SQL, reason: string): SQL {
  return sql`
        UPDATE messages m SET status = 'pending', error = ${reason}
        FROM ${refused} v WHERE m.channel_id = ${channelId}::uuid AND m.external_id = v.message_id
          AND m.campaign_id = v.campaign_id AND m.direction = 'out' AND m.status IN ('sent', 'delivered')`;
}

/**
 * What {@link applyReceipts} and {@link applyFailedReceipts} return: each message row they
 * touched, as it is now, with its status before (`was`). An agent's message (no
 * `campaign_id`) whose status changed is a `message.status` event.
 */
const RECEIPT_RETURNING = sql.raw(
  "RETURNING m.id, m.tenant_id, m.channel_id, m.contact_id, m.campaign_id, m.status, m.error, old.status AS was",
);

/**
 * `UPDATE messages`: receipts move the channel's outgoing messages forward only
 * (pending → sent → delivered → read), stamping `delivered_at` and `read_at` once.
 * @param receipts a relation with the columns message_id (network id), status, rank
 *   (sent 2, delivered 3, read 4) and at
 * @returns (as a CTE) the rows touched: id, tenant_id, channel_id, contact_id,
 *   campaign_id, status, error, and `was` (the status before)
 */
export function applyReceipts(channelId: string, receipts: SQL): SQL {
  return sql`
        UPDATE messages m SET
          status = CASE WHEN v.rank > (CASE m.status WHEN 'pending' THEN 0 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 ELSE 9 END) THEN v.status ELSE m.status END,
          delivered_at = CASE WHEN v.rank >= 3 THEN coalesce(m.delivered_at, v.at) ELSE m.delivered_at END,
          read_at = CASE WHEN v.rank >= 4 THEN coalesce(m.read_at, v.at) ELSE m.read_at END
        FROM ${receipts} v, messages old WHERE m.channel_id = ${channelId}::uuid AND m.external_id = v.message_id AND m.direction = 'out'
          AND old.id = m.id
        ${RECEIPT_RETURNING}`;
}

/**
 * `UPDATE messages`: the network refused the channel's outgoing messages after accepting
 * them: those still `pending` or `sent` become `failed` with the reason.
 * @param receipts a relation with the columns message_id (network id) and reason
 * @returns (as a CTE) the rows touched, like {@link applyReceipts}
 */
export function applyFailedReceipts(channelId: string, receipts: SQL): SQL {
  return sql`
        UPDATE messages m SET status = 'failed', error = v.reason
        FROM ${receipts} v, messages old WHERE m.channel_id = ${channelId}::uuid AND m.external_id = v.message_id AND m.direction = 'out'
          AND m.status IN ('pending', 'sent') AND old.id = m.id
        ${RECEIPT_RETURNING}`;
}
