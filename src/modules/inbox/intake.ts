import type { Db } from "../../db/client.js";
import type { EventHook, RecordedEvent } from "../../db/event-hooks.js";
import { rawExecutor } from "../../db/transaction.js";
import type { InboundMessage } from "../../channels/transport.js";
import type { Bus } from "../../lib/bus.js";
import { setHomeOutletIfNone, upsertContacts } from "../contacts/index.js";
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
 * @param events called inside the intake's transaction with the message (`message.new`)
 *   and the opt-out it caused (`contact.opted_out`), when the message is new: outgoing
 *   webhooks, passed in by the composition root. Without it the intake is one statement.
 */
export function createIntakeService(db: Db, bus: Bus, events?: EventHook) {
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
      /** The stored message (`message.new`) and the opt-out it caused (`contact.opted_out`). */
      const recordedEvents = (r: Awaited<ReturnType<typeof insertInbound>>): RecordedEvent[] => [
        {
          name: "message.new",
          payload: {
            tenantId: channel.tenantId,
            channelId: channel.id,
            contactId,
            messageId: r.message_id!,
            direction: "in",
            conversationId: r.conversation_id!,
            assigneeId: r.assignee_id,
          },
        },
        ...(r.opted_out
          ? [
              {
                name: "contact.opted_out" as const,
                payload: { tenantId: channel.tenantId, contactId, phone: m.from, via: "message" as const },
              },
            ]
          : []),
      ];
      // Two round trips (three more with an event hook: BEGIN, the hook's one statement,
      // COMMIT). The contact first (its own statement: a contact kept when the
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
      const input = { channel, contactId, message: m, received, optOutWords };
      // With an event hook: the statement and the hook's rows (webhook deliveries and their
      // jobs) in one transaction, so they exist exactly when the message does.
      const row = !events
        ? await insertInbound(db, input)
        : await db.transaction(async (tx) => {
            const r = await insertInbound(tx, input);
            if (r.message_id) await events(tx, rawExecutor(tx), recordedEvents(r));
            return r;
          });
      if (!row.message_id) return false;
      const conversationId = row.conversation_id!;
      // The number that first talked to the contact gives them a home outlet (issue 13): only
      // when the conversation is new (the statement above made them its outlet's customer).
      if (row.inserted)
        await setHomeOutletIfNone(db, { tenantId: channel.tenantId, contactId, channelId: channel.id });
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
          assigneeId: row.assignee_id,
        });
      for (const e of recordedEvents(row)) bus.emit(e.name, e.payload);
      // A reply moves its campaign's "replied" count.
      for (const campaignId of row.campaign_ids)
        bus.emit("campaign.progress", { tenantId: channel.tenantId, campaignId });
      return true;
    },
  };
}

/** The inbox's intake of customers' messages (type). */
export type IntakeService = ReturnType<typeof createIntakeService>;
