/** A conversation's thread and the contact panel beside it. */
import type { Db } from "../../db/client.js";
import type { campaignRecipients, conversationNotes, messages } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { inboxErrors } from "./errors.js";
import { notesOf } from "./queries/conversations.js";
import { findConversation } from "./queries/list.js";
import { threadPage, panelContact } from "./queries/thread.js";
import type { ConversationDetailDto, ConversationDto, MessageDto, NoteDto } from "./schemas.js";

type MessageRow = typeof messages.$inferSelect;
type NoteRow = typeof conversationNotes.$inferSelect;

/** Campaigns shown in the contact panel, latest send first. */
const PANEL_CAMPAIGNS = 20;

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
    autoReply: m.autoReply,
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
  const rows = await threadPage(db, actor.tenantId, c, opts);
  return rows.reverse().map(toMessageDto);
}

/**
 * The campaigns a contact was a recipient of, latest first, for the contact panel: the
 * campaigns module's query, passed in by the composition root (src/services.ts) so the inbox
 * does not depend on campaigns (campaigns depend on the inbox, which owns `messages`).
 */
export type PanelCampaignSource = (
  db: Db,
  tenantId: string,
  contactId: string,
  limit: number,
) => Promise<Array<{ r: typeof campaignRecipients.$inferSelect; name: string }>>;

/** The conversation with its contact, notes and campaign history. @throws KabarError 404 */
export async function conversationDetail(
  db: Db,
  latestCampaignsOfContact: PanelCampaignSource,
  actor: Actor,
  conversationId: string,
): Promise<ConversationDetailDto> {
  const conversation = await requireConversation(db, actor, conversationId);
  const contact = await panelContact(db, actor.tenantId, conversation.contactId);
  if (!contact) throw inboxErrors.conversationNotFound();
  const notes = await notesOf(db, actor.tenantId, conversationId);
  const history = await latestCampaignsOfContact(db, actor.tenantId, contact.id, PANEL_CAMPAIGNS);
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
