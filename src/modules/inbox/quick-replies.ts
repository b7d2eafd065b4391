/**
 * Quick replies (canned responses) of a tenant: a `shortcut` and a template body, filled
 * for a conversation's contact with the campaign template renderer
 * (src/modules/templates/render.ts: {{name}}, {{phone}}, {{attribute}}, fallbacks, spintax).
 * Every agent and owner of the tenant may use and manage them.
 */
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { inboxErrors } from "./errors.js";
import {
  deleteQuickReply,
  insertQuickReply,
  type MediaAttachment,
  type QuickReplyRow,
  quickRepliesOf,
  quickReplyById,
  updateQuickReply,
} from "./queries/quick-replies.js";
import { panelContact } from "./queries/thread.js";
import { parseTemplate, renderTemplate, type RenderResult } from "../templates/index.js";
import { checkAttachment } from "../media/index.js";
import type { ConversationDto, QuickReplyDto, QuickReplyInput } from "./schemas.js";
import { findConversation } from "./queries/list.js";

const toDto = (r: QuickReplyRow): QuickReplyDto => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  media: r.media ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** @throws KabarError 400 `invalid_template` (field `body`) when the body's markup is broken. */
function checkBody(body: string): void {
  const parsed = parseTemplate(body);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    throw inboxErrors.invalidQuickReply({ problem: first.message });
  }
}

const PG_UNIQUE = "23505";
const isUniqueViolation = (err: unknown): boolean =>
  typeof err === "object" &&
  err !== null &&
  ((err as { code?: string }).code === PG_UNIQUE ||
    (err as { cause?: { code?: string } }).cause?.code === PG_UNIQUE);

/** A quick reply filled for a contact: its text, the variables the contact lacks, its file. */
type RenderedQuickReply = RenderResult & { media: MediaAttachment | null };

/** Quick replies CRUD and rendering. */
export function createQuickReplyService(db: Db) {
  /** @throws KabarError 404 `quick_reply_not_found` */
  async function get(actor: Actor, id: string): Promise<QuickReplyRow> {
    const row = await quickReplyById(db, actor.tenantId, id);
    if (!row) throw inboxErrors.quickReplyNotFound();
    return row;
  }

  return {
    /** The tenant's quick replies by shortcut. */
    async list(actor: Actor): Promise<QuickReplyDto[]> {
      requirePermission(actor, "inbox.reply");
      return (await quickRepliesOf(db, actor.tenantId)).map(toDto);
    },

    /** @throws KabarError 400 `invalid_template`, `unknown_media` (field `media.id`), 409 `shortcut_taken` */
    async create(actor: Actor, input: QuickReplyInput): Promise<QuickReplyDto> {
      requirePermission(actor, "inbox.reply");
      checkBody(input.body);
      const media = await checkAttachment(db, actor.tenantId, input.media ?? null);
      try {
        return toDto(await insertQuickReply(db, actor.tenantId, { ...input, media }));
      } catch (err) {
        if (isUniqueViolation(err)) throw inboxErrors.shortcutTaken();
        throw err;
      }
    },

    /**
     * Replaces its shortcut, body and file (`media` left out or null: none).
     * @throws KabarError 404, 400 `invalid_template`, `unknown_media` (field `media.id`), 409 `shortcut_taken`
     */
    async update(actor: Actor, id: string, input: QuickReplyInput): Promise<QuickReplyDto> {
      requirePermission(actor, "inbox.reply");
      await get(actor, id);
      checkBody(input.body);
      const media = await checkAttachment(db, actor.tenantId, input.media ?? null);
      try {
        const row = await updateQuickReply(db, actor.tenantId, id, { ...input, media });
        if (!row) throw inboxErrors.quickReplyNotFound();
        return toDto(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw inboxErrors.shortcutTaken();
        throw err;
      }
    },

    /** @throws KabarError 404 */
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, "inbox.reply");
      await get(actor, id);
      await deleteQuickReply(db, actor.tenantId, id);
    },

    /**
     * Renders quick reply `id` (404 when unknown) for the body's conversation (400
     * `unknown_conversation`, field `conversationId`, when not the shop's); see `renderFor`.
     */
    async render(actor: Actor, id: string, conversationId: string): Promise<RenderedQuickReply> {
      requirePermission(actor, "inbox.reply");
      await get(actor, id);
      const conversation = await findConversation(db, actor, conversationId);
      if (!conversation) throw inboxErrors.unknownConversation({ field: "conversationId" });
      return this.renderFor(actor, id, conversation);
    },

    /**
     * The quick reply's text for the contact of a conversation the caller already found in
     * the actor's shop (spintax seeded by the conversation, so a preview and the send agree),
     * with its file.
     * @throws KabarError 400 `unknown_quick_reply` (field `quickReplyId`)
     */
    async renderFor(
      actor: Actor,
      quickReplyId: string,
      conversation: Pick<ConversationDto, "id" | "contactId" | "phone">,
    ): Promise<RenderedQuickReply> {
      const row = await quickReplyById(db, actor.tenantId, quickReplyId);
      if (!row) {
        throw inboxErrors.unknownQuickReply();
      }
      const contact = await panelContact(db, actor.tenantId, conversation.contactId);
      const rendered = renderTemplate(
        row.body,
        {
          name: contact?.name ?? undefined,
          phone: conversation.phone,
          attributes: contact?.attributes ?? {},
        },
        conversation.id,
      );
      return { ...rendered, media: row.media ?? null };
    },
  };
}

/** Quick replies (type). */
export type QuickReplyService = ReturnType<typeof createQuickReplyService>;
