/**
 * Statements on a campaign's pool of numbers (`campaign_channels`, issue 15 part 3): writing
 * and reading the pool, the members' kind, status and restrictions for the split, and the
 * actual split of the recipients over the numbers.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import type { Restrictions } from "../../../channels/transport.js";
import { channels } from "../../../db/schema/index.js";
import type { Actor } from "../../../lib/actor.js";
import { outletInScope } from "../../outlets/index.js";

/** One number of a pool and its weight. */
export interface PoolEntry {
  channelId: string;
  weight: number;
}

/** Replaces campaign `campaignId`'s pool with `pool` (in the caller's transaction, or on its own). */
export async function replacePool(
  db: Db | Tx,
  tenantId: string,
  campaignId: string,
  pool: PoolEntry[],
): Promise<void> {
  await db.execute(sql`DELETE FROM campaign_channels WHERE campaign_id = ${campaignId}`);
  await db.execute(sql`
      INSERT INTO campaign_channels (campaign_id, channel_id, tenant_id, weight)
      SELECT ${campaignId}::uuid, p.channel_id, ${tenantId}::uuid, p.weight
      FROM jsonb_to_recordset(${JSON.stringify(pool.map((p) => ({ channel_id: p.channelId, weight: p.weight })))}::jsonb)
        AS p(channel_id uuid, weight int)`);
}

/** The pools of `campaignIds`, each in channel id order. @returns campaign id → its pool */
export async function poolsOf(db: Db | Tx, campaignIds: string[]): Promise<Map<string, PoolEntry[]>> {
  const out = new Map<string, PoolEntry[]>(campaignIds.map((id) => [id, []]));
  if (campaignIds.length === 0) return out;
  const r = await db.execute<{ campaign_id: string; channel_id: string; weight: number }>(sql`
      SELECT campaign_id, channel_id, weight FROM campaign_channels
      WHERE campaign_id = ANY(${sql.param(campaignIds)}::uuid[]) ORDER BY campaign_id, channel_id`);
  for (const x of r.rows) out.get(x.campaign_id)?.push({ channelId: x.channel_id, weight: x.weight });
  return out;
}

/** A number of the tenant as the pool's checks and split read it. */
export type PoolChannelRow = {
  id: string;
  kind: "sandbox" | "whatsapp_web" | "cloud_api";
  status: string;
  restrictions: Restrictions | null;
};

/** The tenant's numbers among `channelIds` (unknown or other tenants' ids are absent). */
export async function poolChannels(
  db: Db | Tx,
  tenantId: string,
  channelIds: string[],
  actor?: Actor,
): Promise<PoolChannelRow[]> {
  if (channelIds.length === 0) return [];
  const r = await db.execute<PoolChannelRow>(sql`
      SELECT id, kind, status, restrictions FROM channels
      WHERE tenant_id = ${tenantId} AND id = ANY(${sql.param(channelIds)}::uuid[])
        AND ${actor ? outletInScope(actor, channels.outletId) : sql`TRUE`}`);
  return r.rows;
}

/** How many recipients of a campaign one number has, by state. */
export interface ChannelCounts {
  channelId: string;
  recipients: number;
  warm: number;
  pending: number;
  sent: number;
  failed: number;
}

/** The actual split of `campaignIds`' recipients over their numbers. @returns campaign id → counts per number (channel id order) */
export async function channelCountsFor(
  db: Db | Tx,
  campaignIds: string[],
): Promise<Map<string, ChannelCounts[]>> {
  const out = new Map<string, ChannelCounts[]>(campaignIds.map((id) => [id, []]));
  if (campaignIds.length === 0) return out;
  const r = await db.execute<{
    campaign_id: string;
    channel_id: string;
    recipients: number;
    warm: number;
    pending: number;
    sent: number;
    failed: number;
  }>(sql`
      SELECT campaign_id, channel_id, count(*)::int AS recipients, count(*) FILTER (WHERE warm)::int AS warm,
        count(*) FILTER (WHERE status IN ('pending', 'sending'))::int AS pending,
        count(*) FILTER (WHERE status IN ('sent', 'suspected_drop', 'delivered', 'read'))::int AS sent,
        count(*) FILTER (WHERE status IN ('failed', 'unknown'))::int AS failed
      FROM campaign_recipients WHERE campaign_id = ANY(${sql.param(campaignIds)}::uuid[])
      GROUP BY campaign_id, channel_id ORDER BY campaign_id, channel_id`);
  for (const x of r.rows) {
    const { campaign_id, channel_id, ...counts } = x;
    out.get(campaign_id)?.push({ channelId: channel_id, ...counts });
  }
  return out;
}
