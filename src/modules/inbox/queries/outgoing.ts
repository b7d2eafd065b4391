/**
 * Statements that write the shop's own messages (direction `out`) one at a time: an agent's
 * reply and the network's answer to it, and a message Kabar sent by itself (auto-reply, order message). The campaign recorder's
 * batched writes are in campaign.ts.
 */
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../../db/client.js";
import { INBOX_SEND_TOPIC, notify } from "../../../db/topics.js";
import { contacts, conversations, messages, type MediaAttachment } from "../../../db/schema/index.js";

/** Hands stored message `messageId` to the process holding `channelId` (INBOX_SEND_TOPIC). */
export async function forwardToHolder(db: Db, messageId: string, channelId: string): Promise<void> {
  await notify(db, INBOX_SEND_TOPIC, { messageId, channelId });
}

export type { MediaAttachment };

/** A stored message row. */
export type MessageRow = typeof messages.$inferSelect;

/** An agent's message as stored before it is sent. */
interface OutgoingInsert {
  tenantId: string;
  channelId: string;
  contactId: string;
  conversationId: string;
  /** Kabar's own message id (`newMessageId`); the network may replace it when it answers. */
  externalId: string;
  text: string | null;
  media: MediaAttachment | null;
  /** SaaS mode: the reply took a message unit when stored (given back if it fails). */
  unitHeld?: boolean;
}

/**
 * Stores an agent's message `pending` and, in the same transaction, moves the
 * conversation's last activity and marks it read for the shop (replying reads it).
 * @returns the stored row
 */
export async function insertOutgoing(db: Db | Tx, input: OutgoingInsert): Promise<MessageRow> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [m] = await tx
      .insert(messages)
      .values({
        tenantId: input.tenantId,
        channelId: input.channelId,
        contactId: input.contactId,
        direction: "out",
        externalId: input.externalId,
        text: input.text,
        media: input.media,
        status: "pending",
        unitHeld: input.unitHeld ?? false,
        createdAt: now,
      })
      .returning();
    // Replying reads the conversation for the shop.
    await tx
      .update(conversations)
      .set({ lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${now})`, unreadCount: 0 })
      .where(and(eq(conversations.tenantId, input.tenantId), eq(conversations.id, input.conversationId)));
    return m!;
  });
}

/** Message rows as they were before an update of the same statement (their status before). */
const before = alias(messages, "before");

/** A message row after an update, with its status before it (`was`). */
export type UpdatedMessage = MessageRow & { was: string };

/**
 * The network accepted message `id`: it takes the network's id and moves `pending` → `sent`
 * (a receipt that already moved it further is kept).
 * @returns the row as it is now with its status before (`was`), undefined when it is gone
 */
export async function markOutgoingSent(
  db: Db | Tx,
  id: string,
  networkId: string,
): Promise<UpdatedMessage | undefined> {
  const [updated] = await db
    .update(messages)
    .set({
      externalId: networkId,
      status: sql`CASE WHEN ${messages.status} = 'pending' THEN 'sent' ELSE ${messages.status} END`,
    })
    .from(before)
    .where(and(eq(messages.id, id), eq(before.id, messages.id)))
    .returning({ ...getTableColumns(messages), was: before.status });
  return updated;
}

/**
 * The network refused message `id`: `failed`, with its reason.
 * @returns the row as it is now with its status before (`was`), undefined when it is gone
 */
export async function markOutgoingFailed(
  db: Db | Tx,
  id: string,
  reason: string,
): Promise<UpdatedMessage | undefined> {
  const [updated] = await db
    .update(messages)
    .set({ status: "failed", error: reason })
    .from(before)
    .where(and(eq(messages.id, id), eq(before.id, messages.id)))
    .returning({ ...getTableColumns(messages), was: before.status });
  return updated;
}

/**
 * Clears message `id`'s `unit_held` if it is set, in the caller's transaction (the row
 * locked until it ends): the statement that decides a failed reply gives its unit back.
 * @returns whether it held a unit (false also for a second failure report: nothing twice)
 */
export async function releaseReplyUnit(tx: Db | Tx, id: string): Promise<boolean> {
  const released = await tx
    .update(messages)
    .set({ unitHeld: false })
    .where(and(eq(messages.id, id), eq(messages.unitHeld, true)))
    .returning({ id: messages.id });
  return released.length > 0;
}

/** An agent's message still `pending` (unsent), with its contact's phone; null otherwise. */
export async function pendingOutgoing(
  db: Db,
  messageId: string,
): Promise<{ m: MessageRow; phone: string } | null> {
  const [row] = await db
    .select({ m: messages, phone: contacts.phone })
    .from(messages)
    .innerJoin(contacts, eq(contacts.id, messages.contactId))
    .where(and(eq(messages.id, messageId), eq(messages.status, "pending"), eq(messages.direction, "out")));
  return row ?? null;
}

/** A message Kabar sent by itself (an auto-reply, an order message), as its outgoing message row records it. */
interface SentInsert {
  tenantId: string;
  channelId: string;
  contactId: string;
  /** The network's id of the sent message. */
  networkId: string;
  text: string | null;
  /** The reply buttons it carried (a Cloud API interactive message), if any. */
  buttons?: Array<{ id: string; title: string }>;
  sentAt: Date;
  /** Sent by an auto-reply rule (the thread marks it); false for order messages. */
  autoReply: boolean;
}

/**
 * Records a message Kabar sent by itself: its outgoing row (`sent`, de-duplicated by
 * network id like every outgoing message) and the conversation's last activity. Run it
 * inside the caller's transaction (`tx`) when the caller records more with it (its log row).
 * @returns the message row id (the existing one on a duplicate)
 */
export async function insertSentMessage(tx: Db | Tx, sent: SentInsert): Promise<string> {
  const [inserted] = await tx
    .insert(messages)
    .values({
      tenantId: sent.tenantId,
      channelId: sent.channelId,
      contactId: sent.contactId,
      direction: "out",
      externalId: sent.networkId,
      text: sent.text,
      ...(sent.buttons?.length ? { buttons: sent.buttons } : {}),
      status: "sent",
      autoReply: sent.autoReply,
      createdAt: sent.sentAt,
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  const id =
    inserted?.id ??
    (
      await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.channelId, sent.channelId), eq(messages.externalId, sent.networkId)))
    )[0]!.id;
  await tx
    .update(conversations)
    .set({ lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${sent.sentAt}::timestamptz)` })
    .where(
      and(
        eq(conversations.tenantId, sent.tenantId),
        eq(conversations.channelId, sent.channelId),
        eq(conversations.contactId, sent.contactId),
      ),
    );
  return id;
}

/** Records a sent auto-reply (see {@link insertSentMessage}). @returns the message row id */
export function insertAutoReply(tx: Db | Tx, reply: Omit<SentInsert, "autoReply">): Promise<string> {
  return insertSentMessage(tx, { ...reply, autoReply: true });
}
