import { and, eq, sql } from "drizzle-orm";
import type { Restrictions } from "../../channels/transport.js";
import type { Db } from "../../db/client.js";
import { channels } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { outletInScope } from "../outlets/index.js";
import { COUNTED_FAILURE_CODES } from "./score.js";

/**
 * The channel `id` of tenant `tenantId` (on one of `actor`'s outlets when given), or
 * undefined (also for another tenant's channel, or one out of the actor's outlets).
 */
export async function tenantChannel(
  db: Db,
  tenantId: string,
  id: string,
  actor?: Actor,
): Promise<typeof channels.$inferSelect | undefined> {
  const scope = actor ? outletInScope(actor, channels.outletId) : sql`TRUE`;
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id), scope));
  return row;
}

/** Outbound `messages` rows of a channel created in the hour and the 24 hours before `now`. */
export async function sentCounts(
  db: Db,
  channelId: string,
  now: Date,
): Promise<{ lastHour: number; lastDay: number }> {
  const r = await db.execute<{ last_hour: number; last_day: number }>(sql`
    SELECT count(*) FILTER (WHERE created_at > ${now}::timestamptz - interval '1 hour')::int AS last_hour, count(*)::int AS last_day
    FROM messages WHERE channel_id = ${channelId} AND direction = 'out' AND created_at > ${now}::timestamptz - interval '24 hours'`);
  const row = r.rows[0];
  return { lastHour: Number(row?.last_hour ?? 0), lastDay: Number(row?.last_day ?? 0) };
}

/** What the health score and the reach are computed from, for one channel (see `score.ts`). */
export interface HealthRow {
  id: string;
  kind: "sandbox" | "whatsapp_web" | "cloud_api";
  status: string;
  restrictions: Restrictions | null;
  pacing: unknown;
  createdAt: Date;
  /** Campaign recipients of the last 7 days: sent, and failed with a counted code. */
  sent7d: number;
  failed7d: number;
  /** Distinct contacts messaged in the last 30 days, and those who opted out within 3 days after a message. */
  messaged30d: number;
  optedOut30d: number;
  /** Outbound messages in the last 24 hours (pacing's daily window). */
  sentLastDay: number;
}

/**
 * The health signals of every channel of a tenant (or only channel `channelId`; only those
 * on `actor`'s outlets when given), read at
 * `now`, in one statement: no query per channel. Failures count only with a code of
 * `COUNTED_FAILURE_CODES`; a recipient belongs to the number that sends to it (`campaign_recipients.channel_id`).
 */
export async function healthRows(
  db: Db,
  tenantId: string,
  now: Date,
  channelId?: string,
  actor?: Actor,
): Promise<HealthRow[]> {
  const scope = actor ? outletInScope(actor, channels.outletId) : sql`TRUE`;
  const codes = `{${COUNTED_FAILURE_CODES.join(",")}}`;
  const r = await db.execute<{
    id: string;
    kind: HealthRow["kind"];
    status: string;
    restrictions: Restrictions | null;
    pacing: unknown;
    created_at: string | Date;
    sent7d: number;
    failed7d: number;
    messaged30d: number;
    opted_out30d: number;
    sent_last_day: number;
  }>(sql`
    WITH ch AS (
      SELECT id, kind, status, restrictions, pacing, created_at FROM channels
      WHERE tenant_id = ${tenantId} ${channelId ? sql`AND id = ${channelId}` : sql``} AND ${scope}
    ),
    sends AS (
      SELECT r.channel_id,
        count(*) FILTER (WHERE r.status <> 'failed' AND r.sent_at > ${now}::timestamptz - interval '7 days')::int AS sent,
        count(*) FILTER (WHERE r.status = 'failed' AND r.failure_code = ANY(${codes}::text[]))::int AS failed
      FROM campaign_recipients r
      WHERE r.tenant_id = ${tenantId} AND r.channel_id IN (SELECT id FROM ch)
        AND r.updated_at > ${now}::timestamptz - interval '7 days'
      GROUP BY r.channel_id
    ),
    outs AS (
      SELECT channel_id,
        count(DISTINCT contact_id) FILTER (WHERE created_at > ${now}::timestamptz - interval '30 days')::int AS messaged,
        count(*) FILTER (WHERE created_at > ${now}::timestamptz - interval '24 hours')::int AS last_day
      FROM messages
      WHERE tenant_id = ${tenantId} AND direction = 'out' AND channel_id IN (SELECT id FROM ch)
        AND created_at > ${now}::timestamptz - interval '30 days'
      GROUP BY channel_id
    ),
    opt AS (
      SELECT m.channel_id, count(DISTINCT k.id)::int AS opted_out
      FROM contacts k JOIN messages m ON m.contact_id = k.id AND m.direction = 'out'
        AND m.created_at <= k.opted_out_at AND m.created_at > k.opted_out_at - interval '3 days'
      WHERE k.tenant_id = ${tenantId} AND k.opted_out AND k.opted_out_at > ${now}::timestamptz - interval '30 days'
        AND m.channel_id IN (SELECT id FROM ch)
      GROUP BY m.channel_id
    )
    SELECT ch.id, ch.kind, ch.status, ch.restrictions, ch.pacing, ch.created_at,
      coalesce(s.sent, 0) AS sent7d, coalesce(s.failed, 0) AS failed7d,
      coalesce(o.messaged, 0) AS messaged30d, coalesce(p.opted_out, 0) AS opted_out30d,
      coalesce(o.last_day, 0) AS sent_last_day
    FROM ch LEFT JOIN sends s ON s.channel_id = ch.id LEFT JOIN outs o ON o.channel_id = ch.id
      LEFT JOIN opt p ON p.channel_id = ch.id
    ORDER BY ch.created_at, ch.id`);
  return r.rows.map((x) => ({
    id: x.id,
    kind: x.kind,
    status: x.status,
    restrictions: x.restrictions,
    pacing: x.pacing,
    createdAt: new Date(x.created_at),
    sent7d: Number(x.sent7d),
    failed7d: Number(x.failed7d),
    messaged30d: Number(x.messaged30d),
    optedOut30d: Number(x.opted_out30d),
    sentLastDay: Number(x.sent_last_day),
  }));
}
