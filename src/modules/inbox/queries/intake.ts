/**
 * The inbox's intake statement: a customer's message stored with everything it moves, in
 * one statement (atomic like a transaction). Besides the inbox's own `messages` and
 * `conversations` it writes, for atomicity, a received file's `media` row, the replied
 * campaign recipient (`campaign_recipients.replied_at`), the contact's opt-out and, for a
 * new conversation, the contact's `contact_outlets` row (the outlets module's fragment)
 * (DESIGN.md §3.4 lists these as the inbox's known cross-table writes).
 */
import { sql } from "drizzle-orm";
import type { InboundMessage } from "../../../channels/transport.js";
import type { Db, Tx } from "../../../db/client.js";
import type { MediaAttachment } from "../../../db/schema/index.js";
import { contactOutletInsert } from "../../outlets/index.js";

/** The reply that stops repeat-order reminders (src/modules/reminders/replies.ts), not every message, after a reminder. */
const REMINDER_STOP_WORD = "STOP";

/** How long after a campaign message a customer's message counts as a reply to it. */
const REPLY_WINDOW = "7 days";

/** What the intake statement stores. */
interface InboundInsert {
  channel: { id: string; tenantId: string };
  /** The sender, already found or created (contacts module). */
  contactId: string;
  message: InboundMessage;
  /** A received file as the message's attachment, and its `media` row when it is stored here (media module's `receivedAttachment`). */
  received: { attachment: MediaAttachment; row: { id: string; path: string } | null } | null;
  /**
   * The words compared with the tenant's opt-out keywords (trimmed, upper case): the text,
   * and the id / payload of a tapped button; empty when there are none.
   */
  optOutWords: string[];
}

/** What the intake statement answers. */
type InboundInserted = {
  /** Null when the message was a duplicate delivery (nothing else was written). */
  message_id: string | null;
  conversation_id: string | null;
  /** True when the conversation was created by this message. */
  inserted: boolean | null;
  /** The conversation's status before this message bumped it (null when created). */
  prev_status: string | null;
  /** Campaigns whose recipient this message replied to. */
  campaign_ids: string[];
  /** True when this message opted its contact out. */
  opted_out: boolean;
  /** The conversation's agent after this message (null: none, or a duplicate delivery). */
  assignee_id: string | null;
};

/**
 * Stores a customer's message (de-duplicated by network id per channel), with the button,
 * location and answered message id it carries, and, only when it is new: its received
 * file, the conversation opened or bumped (a resolved or snoozed one opens again), the
 * latest campaign message to the contact marked replied, and the contact opted out when
 * one of `optOutWords` is an opt-out keyword of the tenant.
 */
export async function insertInbound(db: Db | Tx, input: InboundInsert): Promise<InboundInserted> {
  const { channel, contactId, received, optOutWords, message: m } = input;
  const at = new Date(m.at);
  const file = received?.row ?? null;
  const r = await db.execute<InboundInserted>(sql`
    WITH m AS (
      INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, media, answering_external_id, button, location, status, created_at)
      VALUES (${channel.tenantId}, ${channel.id}, ${contactId}, 'in', ${m.messageId}, ${m.text ?? null}, ${received ? JSON.stringify(received.attachment) : null}::jsonb,
        ${m.answering ?? null}, ${m.button ? JSON.stringify(m.button) : null}::jsonb, ${m.location ? JSON.stringify(m.location) : null}::jsonb, 'received', ${at})
      ON CONFLICT DO NOTHING
      RETURNING id),
    received_file AS (
      INSERT INTO media (id, tenant_id, type, mime_type, filename, path, source)
      SELECT ${file?.id ?? null}::uuid, ${channel.tenantId}, ${m.media?.type ?? null}, ${m.media?.mimeType ?? null}, ${m.media?.filename ?? null}, ${file?.path ?? null}, 'received'
      WHERE ${file !== null}::boolean AND EXISTS (SELECT 1 FROM m)
      RETURNING id),
    -- A customer's message opens a resolved or snoozed conversation again. The
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
      RETURNING c.id, prev.status AS prev_status, c.assignee_id),
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
      RETURNING id, (xmax = 0) AS inserted, assignee_id),
    -- A new conversation makes the contact a customer of its number's outlet (issue 13): once per conversation, never per message.
    customer_of AS (${contactOutletInsert({ tenantId: channel.tenantId, contactId, channelId: channel.id }, sql`EXISTS (SELECT 1 FROM created WHERE inserted)`)}
      RETURNING 1),
    -- The reply goes to the latest campaign message this channel sent (or was to send) the contact. A
    -- recipient whose "sent" was never recorded (a crash cut it short, the network had it)
    -- counts from its campaign's start. WhatsApp stamps messages in whole seconds, so a
    -- minute of tolerance keeps a quick reply from looking older than its campaign.
    replied AS (
      UPDATE campaign_recipients SET replied_at = ${at}
      WHERE EXISTS (SELECT 1 FROM m) AND id = (
        SELECT r.id FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
        WHERE r.contact_id = ${contactId} AND r.channel_id = ${channel.id} AND r.replied_at IS NULL
          AND r.status NOT IN ('skipped', 'failed') AND c.started_at IS NOT NULL AND c.started_at <= ${at}::timestamptz + interval '1 minute'
          AND coalesce(r.sent_at, c.started_at) > ${at}::timestamptz - interval '${sql.raw(REPLY_WINDOW)}'
        ORDER BY coalesce(r.sent_at, c.started_at) DESC LIMIT 1)
      RETURNING campaign_id),
    -- An opt-out word, typed or a button's label or id (compared like isOptOut: the tenant's keywords trimmed, upper case).
    -- "STOP" answering a repeat-order reminder sent in the last 14 days stops reminders only
    -- (the reminders module's reply handler; its REPLY_WINDOW_DAYS), not every message.
    opted_out AS (
      UPDATE contacts SET opted_out = true, opted_out_at = ${at}, updated_at = ${new Date()}
      WHERE id = ${contactId} AND tenant_id = ${channel.tenantId} AND opted_out = false
        AND EXISTS (SELECT 1 FROM m)
        AND NOT (${optOutWords.includes(REMINDER_STOP_WORD)}::boolean AND EXISTS (
          SELECT 1 FROM order_reminders r WHERE r.tenant_id = ${channel.tenantId} AND r.contact_id = ${contactId}
            AND r.status = 'sent' AND r.sent_at > ${at}::timestamptz - interval '14 days'))
        AND EXISTS (SELECT 1 FROM tenants t, unnest(t.opt_out_keywords) k WHERE t.id = ${channel.tenantId}
          AND upper(btrim(k)) IN (SELECT jsonb_array_elements_text(${JSON.stringify(optOutWords)}::jsonb)))
      RETURNING id)
    SELECT (SELECT id FROM m) AS message_id,
      coalesce((SELECT id FROM bumped), (SELECT id FROM created)) AS conversation_id,
      (SELECT inserted FROM created) AS inserted,
      coalesce((SELECT assignee_id FROM bumped), (SELECT assignee_id FROM created)) AS assignee_id,
      (SELECT prev_status FROM bumped) AS prev_status,
      ARRAY(SELECT campaign_id FROM replied) AS campaign_ids,
      EXISTS (SELECT 1 FROM opted_out) AS opted_out`);
  return r.rows[0]!;
}
