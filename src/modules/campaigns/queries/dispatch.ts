/**
 * The dispatcher's statements (dispatcher.ts, DESIGN.md §5): which campaigns of a channel
 * are running, claiming due recipients (FOR UPDATE SKIP LOCKED, marked `sending` in the
 * same statement), recovering recipients a crash left `sending`, pausing and completing
 * the channel's campaigns. Each runs on its own (autocommit), as the dispatcher needs.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import type { MediaAttachment, TemplateParamValues, WaTemplateRef } from "../../../db/schema/index.js";

/** A recipient claimed for sending (already `sending`, its attempt counted). */
export type ClaimedRecipient = {
  id: number;
  campaign_id: string;
  phone: string;
  text: string;
  message_id: string;
  /** Attempts including this one. */
  attempts: number;
  template_params: TemplateParamValues | null;
  /** The contact wrote to the shop before the campaign (no new chat). */
  warm: boolean;
};

/** A running campaign of the channel: its media with the stored file's path (null when the file is gone), its template. */
type RunningCampaignRow = {
  id: string;
  media: MediaAttachment | null;
  media_path: string | null;
  wa_template: WaTemplateRef | null;
};

/** The channel's `running` campaigns, each with its media file's path looked up in the campaign's own shop. */
export async function runningCampaignsOfChannel(db: Db, channelId: string): Promise<RunningCampaignRow[]> {
  // A campaign's file is looked up in the campaign's own shop only.
  const r = await db.execute<RunningCampaignRow>(sql`
      SELECT c.id, c.media, m.path AS media_path, c.wa_template FROM campaigns c
      LEFT JOIN media m ON m.tenant_id = c.tenant_id
        -- By primary key (this runs on every pass of the loop); an id that is not a uuid matches nothing.
        AND m.id = CASE WHEN c.media->>'id' ~ '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' THEN (c.media->>'id')::uuid END
      WHERE c.channel_id = ${channelId} AND c.status = 'running'`);
  return r.rows;
}

/**
 * Claims up to `limit` due `pending` recipients of the campaigns (oldest due first), skipping
 * rows another dispatcher holds (FOR UPDATE SKIP LOCKED), and marks them `sending` with one
 * more attempt, in one statement. Without `cold`, only warm recipients are claimed (the
 * governor holds new chats back). @returns the claimed recipients in id order
 */
export async function claimRecipients(
  db: Db,
  campaignIds: string[],
  limit: number,
  cold = true,
): Promise<ClaimedRecipient[]> {
  const r = await db.execute<ClaimedRecipient>(sql`
      UPDATE campaign_recipients r SET status = 'sending', attempts = r.attempts + 1, updated_at = now()
      WHERE r.id IN (
        SELECT id FROM campaign_recipients
        WHERE campaign_id = ANY(${sql.param(campaignIds)}::uuid[]) AND status = 'pending' AND next_attempt_at <= now()
          AND (warm OR ${cold})
        ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING r.id, r.campaign_id, r.phone, r.text, r.message_id, r.attempts, r.template_params, r.warm`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) })).sort((a, b) => a.id - b.id);
}

/**
 * Recipients of the channel's campaigns left `sending` (by a crash) go back to `pending`, due
 * now: for a network that drops a resent message id. @returns how many
 */
export async function requeueSendingRecipients(db: Db, channelId: string): Promise<number> {
  const r = await db.execute(sql`
          UPDATE campaign_recipients SET status = 'pending', next_attempt_at = now(), updated_at = now()
          WHERE status = 'sending' AND campaign_id IN (SELECT id FROM campaigns WHERE channel_id = ${channelId})`);
  return r.rowCount ?? 0;
}

/**
 * Recipients of the channel's campaigns left `sending` (by a crash) become unknown(unknown_outcome):
 * for a network that would deliver a resend twice. @returns how many
 */
export async function markSendingUnknown(db: Db, channelId: string): Promise<number> {
  const r = await db.execute(sql`
          UPDATE campaign_recipients SET status = 'unknown', failure_code = 'unknown_outcome',
            failure_reason = 'Kabar stopped while sending; the network cannot tell whether it arrived, so it is not sent twice', updated_at = now()
          WHERE status = 'sending' AND campaign_id IN (SELECT id FROM campaigns WHERE channel_id = ${channelId})`);
  return r.rowCount ?? 0;
}

/** Pauses every `running` campaign of the channel with `reason` (`status_reason`). @returns the paused campaigns' ids */
export async function pauseRunningCampaigns(db: Db, channelId: string, reason: string): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
      UPDATE campaigns SET status = 'paused', status_reason = ${reason}, updated_at = now()
      WHERE channel_id = ${channelId} AND status = 'running' RETURNING id`);
  return r.rows.map(({ id }) => id);
}

/** A campaign the dispatcher finished: `completed`, or `failed` with reason `all_failed`. */
type FinishedCampaignRow = {
  id: string;
  status: string;
  status_reason: string | null;
};

/**
 * Finishes the `running` campaigns among `campaignIds` that have no recipient `pending` or
 * `sending` left: `failed` (reason `all_failed`) when some failed and none was sent, else
 * `completed`; `finished_at` now. @returns the finished campaigns
 */
export async function completeFinishedCampaigns(
  db: Db,
  campaignIds: string[],
): Promise<FinishedCampaignRow[]> {
  const r = await db.execute<FinishedCampaignRow>(sql`
      UPDATE campaigns c SET finished_at = now(), updated_at = now(),
        status = CASE WHEN EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.status = 'failed')
                       AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.status IN ('sent', 'suspected_drop', 'delivered', 'read'))
                  THEN 'failed' ELSE 'completed' END,
        status_reason = CASE WHEN EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.status = 'failed')
                       AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.status IN ('sent', 'suspected_drop', 'delivered', 'read'))
                  THEN 'all_failed' END
      WHERE c.id = ANY(${sql.param(campaignIds)}::uuid[]) AND c.status = 'running'
        AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.status IN ('pending', 'sending'))
      RETURNING c.id, c.status, c.status_reason`);
  return r.rows;
}
