/**
 * The governor's statements (dispatcher.ts, governor.ts): marking the cold recipients of a
 * channel's running campaigns as held back (and why) or no longer held, and putting a
 * recipient WhatsApp refused late (a failed receipt with error 463) back to pending.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import type { HeldReason } from "../../../db/schema/index.js";
import { requeueCampaignMessages } from "../../inbox/index.js";

/** Why a cold recipient is held back (campaign_recipients.held_reason). */
export type { HeldReason };

/**
 * The channel's pending cold recipients in its running campaigns (those whose pool has it)
 * are held for `reason`, and those campaigns wait until `until` (null: not known).
 * Recipients stay `pending` (another number of the pool that may start new chats takes
 * them over as it claims).
 * @returns the ids of the campaigns whose recipients were marked
 */
export async function holdColdRecipients(
  db: Db,
  channelId: string,
  reason: HeldReason,
  until: Date | null,
): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
      WITH c AS (
        UPDATE campaigns SET held_until = ${until?.toISOString() ?? null}::timestamptz, updated_at = now()
        WHERE id IN (SELECT campaign_id FROM campaign_channels WHERE channel_id = ${channelId}) AND status = 'running'
        RETURNING id),
      r AS (
        UPDATE campaign_recipients SET held_reason = ${reason}, updated_at = now()
        WHERE campaign_id IN (SELECT id FROM c) AND channel_id = ${channelId} AND status = 'pending' AND NOT warm
          AND held_reason IS DISTINCT FROM ${reason}
        RETURNING campaign_id)
      SELECT id FROM c`);
  return r.rows.map(({ id }) => id);
}

/** No recipient of the channel is held any more, nor are its campaigns. @returns the ids of the campaigns that had some */
export async function releaseColdRecipients(db: Db, channelId: string): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
      WITH r AS (
        UPDATE campaign_recipients SET held_reason = NULL, updated_at = now()
        WHERE held_reason IS NOT NULL AND channel_id = ${channelId}
        RETURNING campaign_id)
      UPDATE campaigns SET held_until = NULL, updated_at = now()
      WHERE id IN (SELECT campaign_id FROM campaign_channels WHERE channel_id = ${channelId})
        AND (held_until IS NOT NULL OR id IN (SELECT campaign_id FROM r))
      RETURNING id`);
  return r.rows.map(({ id }) => id);
}

/**
 * Recipients of the channel's campaigns whose message WhatsApp refused after accepting it
 * (a failed receipt with error 463, by `messageIds`) go back to `pending`, held
 * (`reachout_refused`): nothing reached the customer, so they are sent once the number may
 * reach out again. Their copies in the inbox's threads go back to `pending` too, with the
 * reason (the same statement). @returns the ids of their campaigns
 */
export async function requeueRefusedRecipients(
  db: Db,
  channelId: string,
  messageIds: string[],
  reason: string,
): Promise<string[]> {
  const r = await db.execute<{ campaign_id: string }>(sql`
      WITH r AS (
        UPDATE campaign_recipients SET status = 'pending', held_reason = 'reachout_refused',
          failure_code = 'reachout_locked', failure_reason = ${reason}, sent_at = NULL,
          next_attempt_at = now(), updated_at = now()
        WHERE message_id = ANY(${sql.param(messageIds)}::text[]) AND status IN ('sent', 'delivered')
          AND channel_id = ${channelId}
        RETURNING campaign_id, message_id),
      m AS (${requeueCampaignMessages(channelId, sql.raw("r"), reason)})
      SELECT campaign_id FROM r`);
  return [...new Set(r.rows.map((x) => x.campaign_id))];
}
