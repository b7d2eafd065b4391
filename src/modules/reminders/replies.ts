/**
 * Customers' replies to a reminder (one sent to them in the last 14 days): "PESAN LAGI"
 * makes a draft order with the same lines (source `reminder`) and tells CS with an internal
 * note on the conversation; "NANTI" plans the reminders again 7 days on; "STOP" stops
 * reminders to them (reminder consent, `reminder_opt_outs`) and keeps their campaigns: the
 * inbox's intake, which opts a contact out on the shop's keywords (STOP by default), leaves
 * a STOP alone when a reminder was sent to the contact in the last 14 days.
 *
 * On a Cloud API number the reminder is a WhatsApp template, whose QUICK_REPLY buttons
 * "PESAN LAGI" / "NANTI" / "STOP" arrive as a tapped button: its label (the message's
 * text) or its payload counts like the typed word.
 *
 * Run by the `inbound-reaction` job (src/modules/reactions) the inbox's intake queues with
 * each customer's message, one message at a time per customer. A retry does nothing twice:
 * STOP is one row per customer, NANTI sets the same date again, and PESAN LAGI's draft is
 * taken with the idempotency key `reminder-reply:<message id>` (a retry gets the same draft
 * back and leaves the note it wrote alone).
 */
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { createOrderService } from "../orders/index.js";
import { shopDate } from "./due.js";
import { insertOptOut, lastSentReminders, postponeReminders, replyOf } from "./queries.js";
import { tenantTimeZone } from "../tenants/index.js";

/** How long after a reminder a reply still answers it. */
const REPLY_WINDOW_DAYS = 14;
/** How far "NANTI" postpones. */
const POSTPONE_DAYS = 7;

/** What a reply asks for. */
type ReminderReply = "reorder" | "later" | "stop";

/** The reply a text is, compared in upper case without punctuation ("pesan lagi!" = "PESAN LAGI"); null: none. */
export function replyKind(text: string | null): ReminderReply | null {
  const words = (text ?? "")
    .toUpperCase()
    .replace(/[^A-Z]+/g, " ")
    .trim();
  if (words === "PESAN LAGI") return "reorder";
  if (words === "NANTI") return "later";
  if (words === "STOP") return "stop";
  return null;
}

/** What the reply handler needs from other modules (given by the composition root). */
interface ReplyDeps {
  db: Db;
  orders: Pick<ReturnType<typeof createOrderService>, "create">;
  /** Adds an internal note to a conversation (the inbox's conversation service). */
  addNote(actor: Actor, conversationId: string, body: string): Promise<unknown>;
}

/** A customer's incoming message. */
interface Incoming {
  tenantId: string;
  channelId: string;
  contactId: string;
  messageId: string;
  conversationId?: string;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Acts on one incoming message if it answers a reminder (see the file header).
 * @returns what it did, or null when the message is not a reminder reply
 */
export async function handleReminderReply(d: ReplyDeps, e: Incoming): Promise<ReminderReply | null> {
  const reply = await replyOf(d.db, e.tenantId, e.messageId);
  // A tapped button (a template's quick reply) answers by its label, or else by its payload.
  const kind = replyKind(reply?.text ?? null) ?? replyKind(reply?.buttonId ?? null);
  if (!reply || !kind) return null;
  const since = new Date(reply.at.getTime() - REPLY_WINDOW_DAYS * 86_400_000);
  const sent = await lastSentReminders(d.db, e.tenantId, e.contactId, since);
  if (sent.length === 0) return null;
  const kabar: Actor = { tenantId: e.tenantId, userId: null, role: "owner" };
  if (kind === "stop") {
    await insertOptOut(d.db, e.tenantId, e.contactId, "reply");
  } else if (kind === "later") {
    const zone = (await tenantTimeZone(d.db, e.tenantId)) ?? "Asia/Jakarta";
    const dueOn = addDays(shopDate(reply.at, zone), POSTPONE_DAYS);
    await postponeReminders(
      d.db,
      e.tenantId,
      sent.map((s) => s.id),
      dueOn,
    );
  } else {
    const first = sent[0]!;
    const { order, replayed } = await d.orders.create(
      kabar,
      {
        // The customer and the number they wrote to (not the conversation: that would make it an inbox order).
        customer: { contactId: e.contactId },
        channelId: e.channelId,
        lines: sent.map((s) => ({ sku: s.sku, quantity: s.quantity })),
        paymentMethod: first.paymentMethod as "transfer",
        discount: 0,
        shippingCost: 0,
      },
      // A retried job gets this message's draft back instead of a second one.
      { draft: true, source: "reminder", idempotencyKey: `reminder-reply:${e.messageId}` },
    );
    if (e.conversationId && !replayed) {
      const lines = order.lines.map((l) => `${l.name} ×${l.quantity}`).join(", ");
      await d.addNote(
        kabar,
        e.conversationId,
        `Pelanggan membalas PESAN LAGI pada pengingat: draf pesanan ${order.number} dibuat (${lines}). Periksa, lalu konfirmasi ke pelanggan.`,
      );
    }
  }
  return kind;
}
