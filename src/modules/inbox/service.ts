import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { InboundMessage } from "../../channels/transport.js";
import type { Bus } from "../../lib/bus.js";
import { upsertContacts } from "../contacts/index.js";
import { receivedAttachment } from "../media/index.js";

/** How long after a campaign message a customer's message counts as a reply to it. */
const REPLY_WINDOW = "7 days";

/**
 * Is `text` an opt-out: one of the tenant's keywords, alone, ignoring case, spaces and
 * trailing punctuation ("stop", "Berhenti!", " UNSUBSCRIBE ")?
 */
export function isOptOut(text: string | undefined, keywords: string[]): boolean {
  if (!text) return false;
  const word = optOutWordOf(text);
  return keywords.some((k) => k.trim().toUpperCase() === word);
}

/** The word an opt-out keyword is compared with: `text` trimmed, without trailing punctuation, upper case. */
function optOutWordOf(text: string): string {
  return text
    .trim()
    .replace(/[.!?\s]+$/u, "")
    .toUpperCase();
}

/** The inbox's intake: inbound messages land in one conversation per channel and contact (agents' verbs: conversations.ts). */
export function createInboxService(db: Db, bus: Bus) {
  return {
    /**
     * Stores a message a customer sent: finds or creates the contact (profile name fills an
     * empty name only), de-duplicates by network message id, opens or bumps the
     * conversation (a resolved or snoozed one opens again), marks the latest campaign
     * message to that contact as replied, and opts the contact out on an opt-out word.
     * After the commit it announces `conversation.opened` (created, or `reopened`) and
     * `message.new`.
     * @returns false when the message was a duplicate delivery.
     */
    async receive(channel: { id: string; tenantId: string }, m: InboundMessage): Promise<boolean> {
      // Two round trips. The contact first (its own statement: a contact kept when the
      // next one fails is harmless, a redelivery merges into it). Then one statement stores
      // the rest, atomic like a transaction: a crash never leaves a stored message whose
      // conversation, reply mark or opt-out is missing (a redelivery would then be skipped
      // as a duplicate); on a duplicate delivery nothing but the contact is touched.
      const [contact] = await upsertContacts(
        db,
        channel.tenantId,
        [{ phone: m.from, name: m.profileName, attributes: {}, labels: [] }],
        "profile",
      );
      const contactId = contact!.id;
      const at = new Date(m.at);
      const optOutWord = m.text ? optOutWordOf(m.text) : null;
      // A received file becomes one of the shop's media rows, named by id in the message.
      const received = m.media ? receivedAttachment(m.media) : null;
      const file = received?.row ?? null;
      const r = await db.execute<{
        message_id: string | null;
        conversation_id: string | null;
        inserted: boolean | null;
        prev_status: string | null;
        campaign_ids: string[];
      }>(sql`
        WITH m AS (
          INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, media, status, created_at)
          VALUES (${channel.tenantId}, ${channel.id}, ${contactId}, 'in', ${m.messageId}, ${m.text ?? null}, ${received ? JSON.stringify(received.attachment) : null}::jsonb, 'received', ${at})
          ON CONFLICT DO NOTHING
          RETURNING id),
        received_file AS (
          INSERT INTO media (id, tenant_id, type, mime_type, filename, path, source)
          SELECT ${file?.id ?? null}::uuid, ${channel.tenantId}, ${m.media?.type ?? null}, ${m.media?.mimeType ?? null}, ${m.media?.filename ?? null}, ${file?.path ?? null}, 'received'
          WHERE ${file !== null}::boolean AND EXISTS (SELECT 1 FROM m)
          RETURNING id),
        -- A customer's message opens a resolved or snoozed (pending) conversation again. The
        -- row is locked before it is bumped, so of two messages racing to reopen it only one
        -- sees it closed.
        prev AS (
          SELECT id, status FROM conversations
          WHERE channel_id = ${channel.id} AND contact_id = ${contactId} AND EXISTS (SELECT 1 FROM m)
          FOR UPDATE),
        bumped AS (
          UPDATE conversations c SET
            unread_count = c.unread_count + 1,
            last_message_at = greatest(c.last_message_at, ${at}::timestamptz),
            last_inbound_at = greatest(c.last_inbound_at, ${at}::timestamptz),
            status = 'open',
            snoozed_until = NULL,
            resolved_at = CASE WHEN c.status = 'open' THEN c.resolved_at END
          FROM prev WHERE c.id = prev.id
          RETURNING c.id, prev.status AS prev_status),
        -- None yet: create it (a conversation created meanwhile by a racing message is bumped).
        created AS (
          INSERT INTO conversations (tenant_id, channel_id, contact_id, status, unread_count, last_message_at, last_inbound_at)
          SELECT ${channel.tenantId}, ${channel.id}, ${contactId}, 'open', 1, ${at}, ${at}
          WHERE EXISTS (SELECT 1 FROM m) AND NOT EXISTS (SELECT 1 FROM prev)
          ON CONFLICT (channel_id, contact_id) DO UPDATE SET
            unread_count = conversations.unread_count + 1,
            last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
            last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at),
            status = 'open',
            snoozed_until = NULL,
            resolved_at = CASE WHEN conversations.status = 'open' THEN conversations.resolved_at END
          RETURNING id, (xmax = 0) AS inserted),
        -- The reply goes to the latest campaign message of this channel to the contact. A
        -- recipient whose "sent" was never recorded (a crash cut it short, the network had it)
        -- counts from its campaign's start. WhatsApp stamps messages in whole seconds, so a
        -- minute of tolerance keeps a quick reply from looking older than its campaign.
        replied AS (
          UPDATE campaign_recipients SET replied_at = ${at}
          WHERE EXISTS (SELECT 1 FROM m) AND id = (
            SELECT r.id FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
            WHERE r.contact_id = ${contactId} AND c.channel_id = ${channel.id} AND r.replied_at IS NULL
              AND r.status NOT IN ('skipped', 'failed') AND c.started_at IS NOT NULL AND c.started_at <= ${at}::timestamptz + interval '1 minute'
              AND coalesce(r.sent_at, c.started_at) > ${at}::timestamptz - interval '${sql.raw(REPLY_WINDOW)}'
            ORDER BY coalesce(r.sent_at, c.started_at) DESC LIMIT 1)
          RETURNING campaign_id),
        -- An opt-out word (compared like isOptOut: the tenant's keywords trimmed, upper case).
        opted_out AS (
          UPDATE contacts SET opted_out = true, opted_out_at = ${at}, updated_at = ${new Date()}
          WHERE id = ${contactId} AND tenant_id = ${channel.tenantId} AND opted_out = false
            AND EXISTS (SELECT 1 FROM m) AND ${optOutWord}::text IS NOT NULL
            AND EXISTS (SELECT 1 FROM tenants t, unnest(t.opt_out_keywords) k WHERE t.id = ${channel.tenantId} AND upper(btrim(k)) = ${optOutWord}::text)
          RETURNING id)
        SELECT (SELECT id FROM m) AS message_id,
          coalesce((SELECT id FROM bumped), (SELECT id FROM created)) AS conversation_id,
          (SELECT inserted FROM created) AS inserted,
          (SELECT prev_status FROM bumped) AS prev_status,
          ARRAY(SELECT campaign_id FROM replied) AS campaign_ids`);
      const row = r.rows[0]!;
      if (!row.message_id) return false;
      const conversationId = row.conversation_id!;
      const opened = row.inserted
        ? { reopened: false }
        : row.prev_status !== null && row.prev_status !== "open"
          ? { reopened: true }
          : null;
      // After the commit: assignment and auto-reply read the conversation these announce.
      if (opened)
        bus.emit("conversation.opened", {
          tenantId: channel.tenantId,
          channelId: channel.id,
          contactId,
          conversationId,
          reopened: opened.reopened,
        });
      bus.emit("message.new", {
        tenantId: channel.tenantId,
        channelId: channel.id,
        contactId,
        messageId: row.message_id,
        direction: "in",
        conversationId,
      });
      // A reply moves its campaign's "replied" count.
      for (const campaignId of row.campaign_ids)
        bus.emit("campaign.progress", { tenantId: channel.tenantId, campaignId });
      return true;
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
