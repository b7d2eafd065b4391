/** Reads of a contact's inbox history, for other modules (the contact's detail page). */
import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { channels, conversations, messages } from "../../../db/schema/index.js";
import type { MessageRow } from "./outgoing.js";

/** A contact's conversation, one per channel, with its channel's name. */
interface ContactConversationRow {
  id: string;
  channelId: string;
  channelName: string;
  status: (typeof conversations.$inferSelect)["status"];
  unreadCount: number;
  lastMessageAt: Date;
}

/** The contact's conversations in `tenantId`, latest activity first. */
export function conversationsOfContact(
  db: Db,
  tenantId: string,
  contactId: string,
): Promise<ContactConversationRow[]> {
  return db
    .select({
      id: conversations.id,
      channelId: conversations.channelId,
      channelName: channels.name,
      status: conversations.status,
      unreadCount: conversations.unreadCount,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.contactId, contactId)))
    .orderBy(desc(conversations.lastMessageAt));
}

/** How many messages (both directions) the contact has per channel of `tenantId`. */
export function messageCountsOfContact(
  db: Db,
  tenantId: string,
  contactId: string,
): Promise<Array<{ channelId: string; n: number }>> {
  return db
    .select({ channelId: messages.channelId, n: count() })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.contactId, contactId)))
    .groupBy(messages.channelId);
}

/** The contact's latest `limit` messages in `tenantId` (any channel), newest first. */
export function latestMessagesOfContact(
  db: Db,
  tenantId: string,
  contactId: string,
  limit: number,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.contactId, contactId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}

/** Who a conversation of `tenantId` is with and on which number. @returns undefined when the shop has no such conversation */
export async function conversationParties(
  db: Db,
  tenantId: string,
  id: string,
): Promise<{ contactId: string; channelId: string } | undefined> {
  const [row] = await db
    .select({ contactId: conversations.contactId, channelId: conversations.channelId })
    .from(conversations)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
  return row;
}
