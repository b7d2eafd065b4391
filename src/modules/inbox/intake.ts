import type { Db } from "../../db/client.js";
import type { InboundMessage } from "../../channels/transport.js";
import type { Bus } from "../../lib/bus.js";
import { upsertContacts } from "../contacts/index.js";
import { receivedAttachment } from "../media/index.js";
import { insertInbound } from "./queries/intake.js";

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

/**
 * The inbox's intake of customers' messages: each lands in one conversation per channel and
 * contact (the agents' verbs are the conversation service, conversations.ts). Called by the
 * channel manager for every message a live transport receives.
 */
export function createIntakeService(db: Db, bus: Bus) {
  return {
    /**
     * Stores a message a customer sent: finds or creates the contact (profile name fills an
     * empty name only), de-duplicates by network message id, opens or bumps the
     * conversation (a resolved or snoozed one opens again), marks the latest campaign
     * message to that contact as replied, and opts the contact out on an opt-out word
     * (typed, or the label or id / payload of a button tapped). A button, a location and
     * the id of the answered message are stored with the message.
     * After the commit it announces `conversation.opened` (created, or `reopened`),
     * `message.new` and, when it opted the contact out, `contact.opted_out`.
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
      // A tapped button opts out like typing its label (the text) or its id / payload.
      const optOutWords = [m.text, m.button?.id].flatMap((w) => (w?.trim() ? [optOutWordOf(w)] : []));
      // A received file becomes one of the shop's media rows, named by id in the message.
      const received = m.media ? receivedAttachment(m.media) : null;
      const row = await insertInbound(db, { channel, contactId, message: m, received, optOutWords });
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
      if (row.opted_out)
        bus.emit("contact.opted_out", {
          tenantId: channel.tenantId,
          contactId,
          phone: m.from,
          via: "message",
        });
      // A reply moves its campaign's "replied" count.
      for (const campaignId of row.campaign_ids)
        bus.emit("campaign.progress", { tenantId: channel.tenantId, campaignId });
      return true;
    },
  };
}

/** The inbox's intake of customers' messages (type). */
export type IntakeService = ReturnType<typeof createIntakeService>;
