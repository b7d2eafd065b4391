/**
 * The 24-hour customer-service window. Meta: "When a WhatsApp user messages you, a
 * 24-hour timer called a customer service window starts (or refreshes). When the window
 * is open you can send any type of message; when it is closed you can only send template
 * messages." (Cloud API, "Send messages" → Customer service windows,
 * https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows).
 * Sent anyway, a free-form message fails with error 131047.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { TransportError, type E164 } from "../transport.js";

/** Length of the customer-service window, ms. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the window is open at `now`: the customer's last message (`lastInboundAt`,
 * epoch ms, null when they never wrote) is less than 24 hours old.
 */
export function isWindowOpen(lastInboundAt: number | null, now: number): boolean {
  return lastInboundAt !== null && now - lastInboundAt < SERVICE_WINDOW_MS;
}

/**
 * The last message the customer `phone` sent to this channel (the `messages` table,
 * direction 'in'): its network id (wamid) and epoch ms; null when they never wrote.
 */
export async function lastInbound(
  db: Db,
  channel: { id: string; tenantId: string },
  phone: E164,
): Promise<{ messageId: string; at: number } | null> {
  const r = await db.execute<{ external_id: string; at: number }>(sql`
    SELECT m.external_id, (extract(epoch FROM m.created_at) * 1000)::float8 AS at FROM messages m
    WHERE m.channel_id = ${channel.id} AND m.direction = 'in'
      AND m.contact_id = (SELECT id FROM contacts WHERE tenant_id = ${channel.tenantId} AND phone = ${phone})
    ORDER BY m.created_at DESC LIMIT 1`);
  const row = r.rows[0];
  return row ? { messageId: row.external_id, at: Number(row.at) } : null;
}

/**
 * Refuses a free-form message to a customer whose window is closed.
 * @throws TransportError `outside_window` (not retryable) saying a template is needed
 */
export async function assertWindowOpen(
  db: Db,
  channel: { id: string; tenantId: string },
  phone: E164,
  now = Date.now(),
): Promise<void> {
  const last = (await lastInbound(db, channel, phone))?.at ?? null;
  if (isWindowOpen(last, now)) return;
  const since =
    last === null ? "has never written to this number" : `last wrote ${new Date(last).toISOString()}`;
  throw new TransportError(
    "outside_window",
    `Outside the 24-hour customer-service window: the customer ${since}. Only an approved WhatsApp template can be sent now.`,
    false,
  );
}
