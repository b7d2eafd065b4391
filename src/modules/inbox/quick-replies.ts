/**
 * Quick replies (canned responses) of a tenant: a `shortcut` and a template body, filled
 * for a conversation's contact with the campaign template renderer
 * (src/modules/templates/render.ts: {{name}}, {{phone}}, {{attribute}}, fallbacks, spintax).
 * Every agent and owner of the tenant may use and manage them.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { contacts, quickReplies } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { inboxErrors } from "./errors.js";
import { parseTemplate, renderTemplate, type RenderResult } from "../templates/index.js";
import type { QuickReplyDto } from "./schemas.js";
import { requireConversation } from "./thread.js";

type Row = typeof quickReplies.$inferSelect;
const toDto = (r: Row): QuickReplyDto => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
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

/** Quick replies CRUD and rendering. */
export function createQuickReplyService(db: Db) {
  /** @throws KabarError 404 `quick_reply_not_found` */
  async function get(actor: Actor, id: string): Promise<Row> {
    const [row] = await db
      .select()
      .from(quickReplies)
      .where(and(eq(quickReplies.tenantId, actor.tenantId), eq(quickReplies.id, id)));
    if (!row) throw inboxErrors.quickReplyNotFound();
    return row;
  }

  return {
    /** The tenant's quick replies by shortcut. */
    async list(actor: Actor): Promise<QuickReplyDto[]> {
      const rows = await db
        .select()
        .from(quickReplies)
        .where(eq(quickReplies.tenantId, actor.tenantId))
        .orderBy(asc(quickReplies.shortcut));
      return rows.map(toDto);
    },

    /** @throws KabarError 400 `invalid_template`, 409 `shortcut_taken` */
    async create(actor: Actor, input: { shortcut: string; body: string }): Promise<QuickReplyDto> {
      checkBody(input.body);
      try {
        const [row] = await db
          .insert(quickReplies)
          .values({ tenantId: actor.tenantId, ...input })
          .returning();
        return toDto(row!);
      } catch (err) {
        if (isUniqueViolation(err)) throw inboxErrors.shortcutTaken();
        throw err;
      }
    },

    /** @throws KabarError 404, 400 `invalid_template`, 409 `shortcut_taken` */
    async update(
      actor: Actor,
      id: string,
      input: { shortcut: string; body: string },
    ): Promise<QuickReplyDto> {
      await get(actor, id);
      checkBody(input.body);
      try {
        const [row] = await db
          .update(quickReplies)
          .set({ ...input, updatedAt: new Date() })
          .where(and(eq(quickReplies.tenantId, actor.tenantId), eq(quickReplies.id, id)))
          .returning();
        return toDto(row!);
      } catch (err) {
        if (isUniqueViolation(err)) throw inboxErrors.shortcutTaken();
        throw err;
      }
    },

    /** @throws KabarError 404 */
    async remove(actor: Actor, id: string): Promise<void> {
      await get(actor, id);
      await db
        .delete(quickReplies)
        .where(and(eq(quickReplies.tenantId, actor.tenantId), eq(quickReplies.id, id)));
    },

    /** Renders quick reply `id` (404 when unknown) for a conversation; see `renderFor`. */
    async render(actor: Actor, id: string, conversationId: string): Promise<RenderResult> {
      await get(actor, id);
      return this.renderFor(actor, id, conversationId);
    },

    /**
     * The quick reply's text for the contact of a conversation (spintax seeded by the
     * conversation, so a preview and the send agree).
     * @throws KabarError 404 `conversation_not_found`; 400 `unknown_quick_reply` (field `quickReplyId`)
     */
    async renderFor(actor: Actor, quickReplyId: string, conversationId: string): Promise<RenderResult> {
      const conversation = await requireConversation(db, actor, conversationId);
      const [row] = await db
        .select()
        .from(quickReplies)
        .where(and(eq(quickReplies.tenantId, actor.tenantId), eq(quickReplies.id, quickReplyId)));
      if (!row) {
        throw inboxErrors.unknownQuickReply();
      }
      const [contact] = await db
        .select({ name: contacts.name, phone: contacts.phone, attributes: contacts.attributes })
        .from(contacts)
        .where(and(eq(contacts.tenantId, actor.tenantId), eq(contacts.id, conversation.contactId)));
      return renderTemplate(
        row.body,
        {
          name: contact?.name ?? undefined,
          phone: conversation.phone,
          attributes: contact?.attributes ?? {},
        },
        conversationId,
      );
    },
  };
}

/** Quick replies (type). */
export type QuickReplyService = ReturnType<typeof createQuickReplyService>;
