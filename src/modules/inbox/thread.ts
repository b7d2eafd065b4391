/** A conversation's thread and the contact panel beside it. */
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { mediaErrors } from "../media/index.js";
import { inboxErrors } from "./errors.js";
import { type NoteRow, notesOf } from "./queries/conversations.js";
import { findConversation } from "./queries/list.js";
import type { MessageRow } from "./queries/outgoing.js";
import {
  mediaOfMessage,
  type PanelRecipientRow,
  panelContact,
  threadMessagesByExternalId,
  threadPage,
} from "./queries/thread.js";
import type { ConversationDetailDto, ConversationDto, MessageDto, NoteDto } from "./schemas.js";

/** Campaigns shown in the contact panel, latest send first. */
const PANEL_CAMPAIGNS = 20;

/**
 * A stored message as the API shows it; `answered` is the message it answers when the
 * thread holds it (see {@link threadMessages}).
 */
export function toMessageDto(m: MessageRow, answered?: MessageRow): MessageDto {
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
    answering: m.answeringExternalId
      ? {
          externalId: m.answeringExternalId,
          message: answered
            ? {
                id: answered.id,
                direction: answered.direction,
                text: answered.text,
                hasMedia: !!answered.media,
              }
            : null,
        }
      : null,
    button: m.button ?? null,
    buttons: m.buttons ?? null,
    location: m.location ?? null,
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
 * oldest first, each answer with the message it answers (found in the same thread, on
 * this page or before it). @throws KabarError 404 `conversation_not_found`
 */
export async function threadMessages(
  db: Db,
  actor: Actor,
  conversationId: string,
  opts: { before?: string; limit: number },
): Promise<MessageDto[]> {
  const c = await requireConversation(db, actor, conversationId);
  const rows = await threadPage(db, actor.tenantId, c, opts);
  const wanted = [...new Set(rows.flatMap((m) => (m.answeringExternalId ? [m.answeringExternalId] : [])))];
  const answered = new Map(
    (await threadMessagesByExternalId(db, actor.tenantId, c, wanted)).map((m) => [m.externalId, m]),
  );
  return rows
    .reverse()
    .map((m) => toMessageDto(m, m.answeringExternalId ? answered.get(m.answeringExternalId) : undefined));
}

/**
 * The file Kabar stored for a message of a conversation (sent by an agent or a campaign, or
 * received from the customer): the shop's media id, and the name the message gave it.
 * @throws KabarError 404 `conversation_not_found`; 404 `media_not_found` when the message is
 *   not in this conversation, has no media, or its media is a link or a Meta media id that
 *   Kabar holds no file of
 */
export async function messageFile(
  db: Db,
  actor: Actor,
  conversationId: string,
  messageId: string,
): Promise<{ id: string; filename?: string }> {
  const c = await requireConversation(db, actor, conversationId);
  const media = await mediaOfMessage(db, actor.tenantId, c, messageId);
  if (!media?.id) throw mediaErrors.notFound();
  return { id: media.id, ...(media.filename ? { filename: media.filename } : {}) };
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
) => Promise<Array<{ r: PanelRecipientRow; name: string }>>;

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
