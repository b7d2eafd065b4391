import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contacts, conversations, messages, tenants } from '../../db/schema/index.js';
import type { InboundMessage } from '../../channels/transport.js';
import type { Actor } from '../../lib/actor.js';
import type { Bus } from '../../lib/bus.js';
import { notFound } from '../../lib/errors.js';
import { upsertContacts } from '../contacts/upsert.js';

/** How long after a campaign message a customer's message counts as a reply to it. */
const REPLY_WINDOW = '7 days';

/**
 * Is `text` an opt-out: one of the tenant's keywords, alone, ignoring case, spaces and
 * trailing punctuation ("stop", "Berhenti!", " UNSUBSCRIBE ")?
 */
export function isOptOut(text: string | undefined, keywords: string[]): boolean {
  if (!text) return false;
  const word = text.trim().replace(/[.!?\s]+$/u, '').toUpperCase();
  return keywords.some((k) => k.trim().toUpperCase() === word);
}

/** The inbox: inbound messages land in one conversation per channel and contact. */
export function createInboxService(db: Db, bus: Bus) {
  return {
    /**
     * Stores a message a customer sent: finds or creates the contact (profile name fills an
     * empty name only), de-duplicates by network message id, opens or bumps the
     * conversation, marks the latest campaign message to that contact as replied, and opts
     * the contact out on an opt-out word.
     * @returns false when the message was a duplicate delivery.
     */
    async receive(channel: { id: string; tenantId: string }, m: InboundMessage): Promise<boolean> {
      // One transaction: a crash never leaves a stored message whose conversation, reply
      // mark or opt-out is missing (a redelivery would then be skipped as a duplicate).
      const stored = await db.transaction(async (tx) => {
        const [contact] = await upsertContacts(tx, channel.tenantId, [{ phone: m.from, name: m.profileName, attributes: {}, labels: [] }], 'profile');
        const contactId = contact!.id;
        const at = new Date(m.at);
        const [msg] = await tx
          .insert(messages)
          .values({
            tenantId: channel.tenantId,
            channelId: channel.id,
            contactId,
            direction: 'in',
            externalId: m.messageId,
            text: m.text ?? null,
            media: m.media ?? null,
            status: 'received',
            createdAt: at,
          })
          .onConflictDoNothing()
          .returning({ id: messages.id });
        if (!msg) return null;
        await tx.execute(sql`
          INSERT INTO conversations (tenant_id, channel_id, contact_id, status, unread_count, last_message_at, last_inbound_at)
          VALUES (${channel.tenantId}, ${channel.id}, ${contactId}, 'open', 1, ${at}, ${at})
          ON CONFLICT (channel_id, contact_id) DO UPDATE SET
            unread_count = conversations.unread_count + 1,
            last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
            last_inbound_at = excluded.last_inbound_at,
            status = CASE WHEN conversations.status = 'resolved' THEN 'open' ELSE conversations.status END`);
        // The reply goes to the latest campaign message of this channel to the contact. A
        // recipient whose "sent" was never recorded (a crash cut it short, the network had it)
        // counts from its campaign's start. WhatsApp stamps messages in whole seconds, so a
        // minute of tolerance keeps a quick reply from looking older than its campaign.
        const replied = await tx.execute<{ campaign_id: string }>(sql`
          UPDATE campaign_recipients SET replied_at = ${at}
          WHERE id = (
            SELECT r.id FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id
            WHERE r.contact_id = ${contactId} AND c.channel_id = ${channel.id} AND r.replied_at IS NULL
              AND r.status NOT IN ('skipped', 'failed') AND c.started_at IS NOT NULL AND c.started_at <= ${at}::timestamptz + interval '1 minute'
              AND coalesce(r.sent_at, c.started_at) > ${at}::timestamptz - interval '${sql.raw(REPLY_WINDOW)}'
            ORDER BY coalesce(r.sent_at, c.started_at) DESC LIMIT 1)
          RETURNING campaign_id`);
        const [tenant] = await tx.select({ keywords: tenants.optOutKeywords }).from(tenants).where(eq(tenants.id, channel.tenantId));
        if (isOptOut(m.text, tenant?.keywords ?? [])) {
          await tx
            .update(contacts)
            .set({ optedOut: true, optedOutAt: at, updatedAt: new Date() })
            .where(and(eq(contacts.id, contactId), eq(contacts.optedOut, false)));
        }
        return { contactId, messageId: msg.id, campaignIds: replied.rows.map((r) => r.campaign_id) };
      });
      if (!stored) return false;
      bus.emit('message.new', { tenantId: channel.tenantId, channelId: channel.id, contactId: stored.contactId, messageId: stored.messageId, direction: 'in' });
      // A reply moves its campaign's "replied" count.
      for (const campaignId of stored.campaignIds) bus.emit('campaign.progress', { tenantId: channel.tenantId, campaignId });
      return true;
    },

    /** The tenant's conversations, latest first, with contact name and phone. */
    async listConversations(actor: Actor, limit = 50) {
      const rows = await db
        .select({ c: conversations, name: contacts.name, phone: contacts.phone })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(conversations.tenantId, actor.tenantId))
        .orderBy(desc(conversations.lastMessageAt))
        .limit(limit);
      return rows.map(({ c, name, phone }) => ({
        id: c.id,
        channelId: c.channelId,
        contactId: c.contactId,
        name,
        phone,
        status: c.status,
        unreadCount: c.unreadCount,
        lastMessageAt: c.lastMessageAt.toISOString(),
      }));
    },

    /** Messages of one conversation, oldest first. @throws KabarError 404 */
    async thread(actor: Actor, conversationId: string) {
      const [c] = await db.select().from(conversations).where(and(eq(conversations.tenantId, actor.tenantId), eq(conversations.id, conversationId)));
      if (!c) throw notFound('conversation');
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.tenantId, actor.tenantId), eq(messages.channelId, c.channelId), eq(messages.contactId, c.contactId)))
        .orderBy(asc(messages.createdAt))
        .limit(500);
      return rows.map((m) => ({
        id: m.id,
        direction: m.direction,
        text: m.text,
        media: m.media ?? null,
        status: m.status,
        campaignId: m.campaignId,
        createdAt: m.createdAt.toISOString(),
      }));
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
