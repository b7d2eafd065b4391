/**
 * What an agent does to a conversation besides writing: resolve, reopen, snooze, label,
 * mark read, and internal notes. Each change is announced on the bus
 * (`conversation.updated`, `conversation.note`, and `conversation.opened` on a reopen).
 */
import type { Db } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import type { Bus, BusEvents } from "../../lib/bus.js";
import { inboxErrors } from "./errors.js";
import {
  type ConversationGuard,
  type ConversationSet,
  insertNote,
  notesOf,
  openDueSnoozed,
  updateConversation,
} from "./queries/conversations.js";
import type { ConversationDto, NoteDto } from "./schemas.js";
import { requireConversation, toNoteDto } from "./thread.js";

type Changes = BusEvents["conversation.updated"]["changes"];

/** The conversation-state verbs of the inbox. */
export function createConversationState(db: Db, bus: Bus) {
  /**
   * Applies `set` to the tenant's conversation when `when` holds (else nothing changes),
   * announces `changes`, and answers the conversation as it is now.
   * @returns the conversation, and whether it changed
   */
  async function change(
    actor: Actor,
    id: string,
    set: ConversationSet,
    changes: Changes,
    when?: ConversationGuard,
  ): Promise<{ conversation: ConversationDto; changed: boolean }> {
    await requireConversation(db, actor, id);
    const changed = await updateConversation(db, actor.tenantId, id, set, when);
    if (changed) bus.emit("conversation.updated", { tenantId: actor.tenantId, conversationId: id, changes });
    return { conversation: await requireConversation(db, actor, id), changed };
  }

  return {
    /**
     * Marks a conversation done (a new customer message opens it again) and announces
     * `conversation.resolved`: its agent has room for another (assignment). Already
     * resolved: nothing happens. @throws KabarError 404
     */
    async resolve(actor: Actor, id: string): Promise<ConversationDto> {
      requirePermission(actor, "inbox.reply");
      const at = new Date();
      const set = { status: "resolved", resolvedAt: at, snoozedUntil: null } as const;
      const { conversation, changed } = await change(
        actor,
        id,
        set,
        { status: "resolved", resolvedAt: at.toISOString(), snoozedUntil: null },
        { statusNot: "resolved" },
      );
      if (changed)
        bus.emit("conversation.resolved", {
          tenantId: actor.tenantId,
          conversationId: id,
          assigneeId: conversation.assigneeId,
        });
      return conversation;
    },

    /**
     * Opens a resolved or snoozed conversation again and announces `conversation.opened`
     * (`reopened: true`) so assignment can route it. Already open: nothing happens.
     * @throws KabarError 404
     */
    async reopen(actor: Actor, id: string): Promise<ConversationDto> {
      requirePermission(actor, "inbox.reply");
      const set = { status: "open", resolvedAt: null, snoozedUntil: null } as const;
      const { conversation, changed } = await change(
        actor,
        id,
        set,
        { status: "open", resolvedAt: null, snoozedUntil: null },
        { statusNot: "open" },
      );
      if (changed) {
        bus.emit("conversation.opened", {
          tenantId: actor.tenantId,
          channelId: conversation.channelId,
          contactId: conversation.contactId,
          conversationId: id,
          reopened: true,
        });
      }
      return conversation;
    },

    /**
     * Snoozes a conversation until `until`: it is `snoozed` until then and opens by itself
     * after (see `sweepSnoozed`), or earlier when the customer writes.
     * @throws KabarError 400 `snooze_in_past` (field `until`), 404
     */
    async snooze(actor: Actor, id: string, until: Date): Promise<ConversationDto> {
      requirePermission(actor, "inbox.reply");
      if (until.getTime() <= Date.now()) {
        throw inboxErrors.snoozeInPast();
      }
      const set = { status: "snoozed", snoozedUntil: until, resolvedAt: null } as const;
      return (
        await change(actor, id, set, {
          status: "snoozed",
          snoozedUntil: until.toISOString(),
          resolvedAt: null,
        })
      ).conversation;
    },

    /** Replaces the conversation's labels (trimmed, de-duplicated, in order). @throws KabarError 404 */
    async setLabels(actor: Actor, id: string, labels: string[]): Promise<ConversationDto> {
      requirePermission(actor, "inbox.reply");
      const unique = [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
      return (await change(actor, id, { labels: unique }, { labels: unique })).conversation;
    },

    /** Marks every message of the conversation read for the shop (unread count 0). @throws KabarError 404 */
    async markRead(actor: Actor, id: string): Promise<ConversationDto> {
      requirePermission(actor, "inbox.reply");
      return (await change(actor, id, { unreadCount: 0 }, { unreadCount: 0 }, { unreadCountNot: 0 }))
        .conversation;
    },

    /** The conversation's internal notes, oldest first. @throws KabarError 404 */
    async notes(actor: Actor, id: string): Promise<NoteDto[]> {
      requirePermission(actor, "inbox.notes");
      await requireConversation(db, actor, id);
      return (await notesOf(db, actor.tenantId, id)).map(toNoteDto);
    },

    /** Adds an internal note (never sent to the customer) and announces it. @throws KabarError 404 */
    async addNote(actor: Actor, id: string, body: string): Promise<NoteDto> {
      requirePermission(actor, "inbox.notes");
      await requireConversation(db, actor, id);
      const row = await insertNote(db, {
        tenantId: actor.tenantId,
        conversationId: id,
        authorId: actor.userId,
        body,
      });
      const note = toNoteDto(row);
      bus.emit("conversation.note", { tenantId: actor.tenantId, conversationId: id, note });
      return note;
    },
  };
}

/**
 * Opens every snoozed conversation whose time has come (up to `batch` per call, safe to run
 * in several processes at once: each row is taken by one), announcing `conversation.updated`
 * and `conversation.opened` (`reopened: true`) for each.
 * @returns how many were opened
 */
export async function sweepSnoozed(db: Db, bus: Bus, batch = 500): Promise<number> {
  const opened = await openDueSnoozed(db, batch);
  for (const row of opened) {
    bus.emit("conversation.updated", {
      tenantId: row.tenant_id,
      conversationId: row.id,
      changes: { status: "open", snoozedUntil: null },
    });
    bus.emit("conversation.opened", {
      tenantId: row.tenant_id,
      channelId: row.channel_id,
      contactId: row.contact_id,
      conversationId: row.id,
      reopened: true,
    });
  }
  return opened.length;
}

/**
 * Runs `sweepSnoozed` every `intervalMs` (default 15 s) until the returned stop function
 * is called; failures go to `onError` and the next tick tries again.
 */
export function startSnoozeSweep(
  db: Db,
  bus: Bus,
  onError: (err: unknown) => void,
  intervalMs = 15_000,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepSnoozed(db, bus).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
