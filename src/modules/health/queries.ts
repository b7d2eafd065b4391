import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { channels } from "../../db/schema/index.js";

/** The channel `id` of tenant `tenantId`, or undefined (also for another tenant's channel). */
export async function tenantChannel(
  db: Db,
  tenantId: string,
  id: string,
): Promise<typeof channels.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id)));
  return row;
}

/** Outbound `messages` rows of a channel created in the last hour and the last 24 hours. */
export async function sentCounts(db: Db, channelId: string): Promise<{ lastHour: number; lastDay: number }> {
  const r = await db.execute<{ last_hour: number; last_day: number }>(sql`
    SELECT count(*) FILTER (WHERE created_at > now() - interval '1 hour')::int AS last_hour, count(*)::int AS last_day
    FROM messages WHERE channel_id = ${channelId} AND direction = 'out' AND created_at > now() - interval '24 hours'`);
  const row = r.rows[0];
  return { lastHour: Number(row?.last_hour ?? 0), lastDay: Number(row?.last_day ?? 0) };
}
