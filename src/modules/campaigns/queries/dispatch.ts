/**
 * The dispatcher's statements (dispatcher.ts, DESIGN.md §5): which campaigns of a channel
 * are running, claiming due recipients (FOR UPDATE SKIP LOCKED, marked `sending` in the
 * same statement), recovering recipients a crash left `sending`, pausing and completing
 * the channel's campaigns. Each runs on its own (autocommit), as the dispatcher needs.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import type { MediaAttachment, TemplateParamValues, WaTemplateRef } from "../../../db/schema/index.js";
import type { Restrictions } from "../../../channels/transport.js";

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
  /** Taken over from another number of the pool (one that stopped, or may not start new chats now). */
  taken: boolean;
};

/** A running campaign of the channel: its media with the stored file's path (null when the file is gone), its template. */
type RunningCampaignRow = {
  id: string;
  media: MediaAttachment | null;
  media_path: string | null;
  wa_template: WaTemplateRef | null;
  /** Numbers in the campaign's pool. */
  pool_size: number;
};

/**
 * The `running` campaigns whose pool has the channel, each with its media file's path looked
 * up in the campaign's own shop.
 */
export async function runningCampaignsOfChannel(db: Db, channelId: string): Promise<RunningCampaignRow[]> {
  // A campaign's file is looked up in the campaign's own shop only.
  const r = await db.execute<RunningCampaignRow>(sql`
      SELECT c.id, c.media, m.path AS media_path, c.wa_template,
        (SELECT count(*)::int FROM campaign_channels p WHERE p.campaign_id = c.id) AS pool_size
      FROM campaigns c
      JOIN campaign_channels cc ON cc.campaign_id = c.id AND cc.channel_id = ${channelId}
      -- A shop that switched broadcast off (src/lib/modules.ts) sends nothing until it is back on.
      -- A shop whose subscription is expired or suspended (SaaS mode, tenants.send_block) sends nothing.
      JOIN tenants t ON t.id = c.tenant_id AND NOT ('broadcast' = ANY(t.disabled_modules)) AND t.send_block IS NULL
      LEFT JOIN media m ON m.tenant_id = c.tenant_id
        -- By primary key (this runs on every pass of the loop); an id that is not a uuid matches nothing.
        AND m.id = CASE WHEN c.media->>'id' ~ '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$' THEN (c.media->>'id')::uuid END
      WHERE c.status = 'running'`);
  return r.rows;
}

/** Another number of the pools of a channel's running campaigns, as a take-over reads it. */
export type PoolPeerRow = {
  channel_id: string;
  kind: string;
  status: string;
  restrictions: Restrictions | null;
};

/** The other numbers in the pools of `campaignIds` (each once). */
export async function poolPeers(db: Db, channelId: string, campaignIds: string[]): Promise<PoolPeerRow[]> {
  const r = await db.execute<PoolPeerRow>(sql`
      SELECT DISTINCT ch.id AS channel_id, ch.kind, ch.status, ch.restrictions
      FROM campaign_channels cc JOIN channels ch ON ch.id = cc.channel_id
      WHERE cc.campaign_id = ANY(${sql.param(campaignIds)}::uuid[]) AND cc.channel_id <> ${channelId}`);
  return r.rows;
}

/**
 * Failure codes after which a pending recipient surely has nothing on the customer's phone,
 * so another number may send it: never sent yet, interrupted before sending, refused by the
 * network. (After a network error or a crash mid-send the message may have arrived: only its
 * own number, which de-duplicates by message id, may try again.)
 */
const TAKEOVER_SAFE_CODES = [
  "interrupted",
  "banned",
  "logged_out",
  "disconnected",
  "reachout_locked",
  "rate_limited",
];

/** True for a recipient row `x` another number may send (see TAKEOVER_SAFE_CODES). */
const safeToTakeOver = sql`(x.attempts = 0 OR x.failure_code = ANY(${sql.param(TAKEOVER_SAFE_CODES)}::text[]))`;

/**
 * Pending recipients of `campaignIds` on the `stopped` numbers that no other number may take
 * (a crash or a network error left it unknown whether their message arrived: only their own
 * number, which de-duplicates by message id, could have tried again) become `unknown`
 * (`unknown_outcome`): never sent twice, and the campaign can finish. @returns how many
 */
export async function abandonUnsafeRecipients(
  db: Db,
  campaignIds: string[],
  stopped: string[],
): Promise<number> {
  const r = await db.execute(sql`
      UPDATE campaign_recipients x SET status = 'unknown', failure_code = 'unknown_outcome',
        failure_reason = 'Its number stopped after a send whose outcome is unknown; another number would risk sending it twice',
        updated_at = now()
      WHERE x.campaign_id = ANY(${sql.param(campaignIds)}::uuid[]) AND x.channel_id = ANY(${sql.param(stopped)}::uuid[])
        AND x.status = 'pending' AND NOT ${safeToTakeOver}`);
  return r.rowCount ?? 0;
}

/** What a claim may take over from the pool's other numbers. */
export interface Takeover {
  /** Numbers that stopped (banned, logged out…): all their pending recipients. */
  stopped: string[];
  /** Numbers that may not start new chats now: their pending cold recipients (only when this claim may send cold). */
  coldHeld: string[];
  /** This number is a Cloud API number: it takes over only recipients with template values. */
  needsTemplate: boolean;
}

/**
 * Claims up to `limit` due `pending` recipients of channel `channelId` in the campaigns
 * (oldest due first), skipping rows another dispatcher holds (FOR UPDATE SKIP LOCKED), and
 * marks them `sending` with one more attempt, in one statement. Without `cold`, only warm
 * recipients are claimed (the governor holds new chats back). With `takeover`, the claim
 * also takes recipients of the pool's other numbers that `takeover` names (only ones that
 * surely never reached the customer, see TAKEOVER_SAFE_CODES) and makes them this number's:
 * the row lock and the `pending` → `sending` move make each recipient one number's, once.
 * @returns the claimed recipients in id order
 */
export async function claimRecipients(
  db: Db | Tx,
  channelId: string,
  campaignIds: string[],
  limit: number,
  cold = true,
  takeover: Takeover = { stopped: [], coldHeld: [], needsTemplate: false },
): Promise<ClaimedRecipient[]> {
  const safe = sql`${safeToTakeOver} ${takeover.needsTemplate ? sql`AND x.template_params IS NOT NULL` : sql``}`;
  const others =
    takeover.stopped.length + takeover.coldHeld.length === 0
      ? sql``
      : sql`OR (x.channel_id = ANY(${sql.param(takeover.stopped)}::uuid[]) AND ${safe})
            OR (${cold} AND NOT x.warm AND x.channel_id = ANY(${sql.param(takeover.coldHeld)}::uuid[]) AND ${safe})`;
  const r = await db.execute<ClaimedRecipient>(sql`
      UPDATE campaign_recipients r SET status = 'sending', attempts = r.attempts + 1, channel_id = ${channelId},
        held_reason = NULL, updated_at = now()
      FROM (
        SELECT x.id, x.channel_id AS was FROM campaign_recipients x
        WHERE x.campaign_id = ANY(${sql.param(campaignIds)}::uuid[]) AND x.status = 'pending' AND x.next_attempt_at <= now()
          AND (x.warm OR ${cold}) AND (x.channel_id = ${channelId} ${others})
        ORDER BY x.next_attempt_at, x.id LIMIT ${limit} FOR UPDATE SKIP LOCKED) s
      WHERE r.id = s.id
      RETURNING r.id, r.campaign_id, r.phone, r.text, r.message_id, r.attempts, r.template_params, r.warm,
        s.was <> ${channelId} AS taken`);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) })).sort((a, b) => a.id - b.id);
}

/**
 * Recipients of the channel's campaigns left `sending` (by a crash) go back to `pending`,
 * keeping their place (first due): for a network that drops a resent message id, so the
 * number resends them first. @returns how many
 */
export async function requeueSendingRecipients(db: Db | Tx, channelId: string): Promise<number> {
  const r = await db.execute(sql`
          UPDATE campaign_recipients SET status = 'pending', updated_at = now()
          WHERE status = 'sending' AND channel_id = ${channelId}`);
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
          WHERE status = 'sending' AND channel_id = ${channelId}`);
  return r.rowCount ?? 0;
}

/**
 * SaaS mode, no message unit left: the shop's `running` campaigns that still have `pending`
 * recipients pause with reason `quota_exhausted` (they resume when units are added, see
 * {@link resumeQuotaPaused}). Runs in the claim's transaction, under the shop's balance lock.
 * @returns the paused campaigns' ids
 */
export async function pauseForQuota(tx: Db | Tx, tenantId: string): Promise<string[]> {
  const r = await tx.execute<{ id: string }>(sql`
      UPDATE campaigns c SET status = 'paused', status_reason = 'quota_exhausted', updated_at = now()
      WHERE c.tenant_id = ${tenantId} AND c.status = 'running'
        AND EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.status = 'pending')
      RETURNING c.id`);
  return r.rows.map(({ id }) => id);
}

/**
 * The shop's campaigns paused with `quota_exhausted` run again (units were added).
 * @returns the resumed campaigns with their own number
 */
export async function resumeQuotaPaused(
  tx: Db | Tx,
  tenantId: string,
): Promise<Array<{ id: string; channel_id: string }>> {
  const r = await tx.execute<{ id: string; channel_id: string }>(sql`
      UPDATE campaigns SET status = 'running', status_reason = NULL, updated_at = now()
      WHERE tenant_id = ${tenantId} AND status = 'paused' AND status_reason = 'quota_exhausted'
      RETURNING id, channel_id`);
  return r.rows;
}

/**
 * Pauses the `running` campaigns of the channel's pools with `reason` (`status_reason`),
 * except (unless `evenWithPeers`) those with another number connected now: those go on, and
 * the other numbers take this one's recipients over as they claim. @returns the paused campaigns' ids
 */
export async function pauseRunningCampaigns(
  db: Db,
  channelId: string,
  reason: string,
  evenWithPeers = false,
): Promise<string[]> {
  const r = await db.execute<{ id: string }>(sql`
      UPDATE campaigns c SET status = 'paused', status_reason = ${reason}, updated_at = now()
      WHERE c.status = 'running'
        AND c.id IN (SELECT campaign_id FROM campaign_channels WHERE channel_id = ${channelId})
        AND (${evenWithPeers} OR NOT EXISTS (
          SELECT 1 FROM campaign_channels cc JOIN channels ch ON ch.id = cc.channel_id
          WHERE cc.campaign_id = c.id AND cc.channel_id <> ${channelId} AND ch.status = 'connected'))
      RETURNING c.id`);
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
  db: Db | Tx,
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
