/** Statements of the webhooks module on `webhook_events`, the de-duplication of Cloud API deliveries. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";

/**
 * Claims the item `key` of a delivery for the channel (INSERT … ON CONFLICT DO NOTHING).
 * @returns true when this call claimed it, false when an earlier delivery had
 */
export async function claimWebhookEvent(db: Db, channelId: string, key: string): Promise<boolean> {
  const claimed = await db.execute(sql`
    INSERT INTO webhook_events (channel_id, event_key) VALUES (${channelId}, ${key}) ON CONFLICT DO NOTHING RETURNING 1`);
  return !!claimed.rowCount;
}

/** Releases the claim on item `key` of the channel, so a later delivery processes it again. */
export async function releaseWebhookEvent(db: Db, channelId: string, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM webhook_events WHERE channel_id = ${channelId} AND event_key = ${key}`);
}
