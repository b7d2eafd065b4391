/** A conversation's thread and the contact panel beside it. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  campaignRecipients,
  campaigns,
  contacts,
  conversationNotes,
  messages,
} from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { inboxErrors } from "./errors.js";
import { findConversation } from "./list.js";
import type { ConversationDetailDto, ConversationDto, MessageDto, NoteDto } from "./schemas.js";

type MessageRow = typeof messages.$inferSelect;
type NoteRow = typeof conversationNotes.$inferSelect;

/** A stored message as the API shows it. */
export function toMessageDto(m: MessageRow): MessageDto {
  return {
    id: m.id,
    direction: m.direction,
    text: m.text,
    media: m.media ?? null,
    status: m.status,
    error: m.error,
    campaignId: m.campaignId,
    createdAt: m.createdAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    readAt: m.readAt?.toISOString() ?? null,
  };
}

/** A note as the API shows it. */
export const toNoteDto = (n: NoteRow): NoteDto => ({
  id: n.id,
  authorId: n.authorId,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
});

/** The tenant's conversation. @throws KabarError 404 `conversation_not_found` */
export async function requireConversation(db: Db, actor: Actor, id: string): Promise<ConversationDto> {
  const c = await findConversation(db, actor, id);
  if (!c) throw inboxErrors.conversationNotFound();
  return c;
}

/**
 * The latest `limit` messages of a conversation (or those before message `before`),
 * oldest first. @throws KabarError 404 `conversation_not_found`
 */
export async function threadMessages(
  db: Db,
  actor: Actor,
  conversationId: string,
  opts: { before?: string; limit: number },
): Promise<MessageDto[]> {
  const c = await requireConversation(db, actor, conversationId);
  const where = [
    eq(messages.tenantId, actor.tenantId),
    eq(messages.channelId, c.channelId),
    eq(messages.contactId, c.contactId),
  ];
  if (opts.before) {
    where.push(
      sql`(${messages.createdAt}, ${messages.id}) < (SELECT created_at, id FROM messages WHERE id = ${opts.before} AND tenant_id = ${actor.tenantId})`,
    );
  }
  const rows = await db
    .select()
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(opts.limit);
  return rows.reverse().map(toMessageDto);
}

/** The conversation with its contact, notes and campaign history. @throws KabarError 404 */
export async function conversationDetail(
  db: Db,
  actor: Actor,
  conversationId: string,
): Promise<ConversationDetailDto> {
  const conversation = await requireConversation(db, actor, conversationId);
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, conversation.contactId)));
  if (!contact) throw inboxErrors.conversationNotFound();
  const notes = await db
    .select()
    .from(conversationNotes)
    .where(
      and(
        eq(conversationNotes.tenantId, actor.tenantId),
        eq(conversationNotes.conversationId, conversationId),
      ),
    )
    .orderBy(conversationNotes.createdAt);
  const history = await db
    .select({ r: campaignRecipients, name: campaigns.name })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
    .where(and(eq(campaignRecipients.tenantId, actor.tenantId), eq(campaignRecipients.contactId, contact.id)))
    .orderBy(desc(sql`coalesce(${campaignRecipients.sentAt}, ${campaigns.createdAt})`))
    .limit(20);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    conversation,
    contact: {
      id: contact.id,
      name: contact.name,
      phone: contact.phone,
      attributes: contact.attributes,
      labels: contact.labels,
      optedOut: contact.optedOut,
    },
    notes: notes.map(toNoteDto),
    campaigns: history.map(({ r, name }) => ({
      campaignId: r.campaignId,
      name,
      status: r.status,
      sentAt: iso(r.sentAt),
      deliveredAt: iso(r.deliveredAt),
      readAt: iso(r.readAt),
      repliedAt: iso(r.repliedAt),
    })),
  };
}
