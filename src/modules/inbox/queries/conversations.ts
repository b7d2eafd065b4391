/** Statements that change a conversation (agents' state changes, notes, the snooze sweep). */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { conversationNotes, conversations } from "../../../db/schema/index.js";

/** Columns of a conversation an agent's verb sets. */
export type ConversationSet = Partial<typeof conversations.$inferInsert>;

/** A stored note row. */
type NoteRow = typeof conversationNotes.$inferSelect;

/**
 * Applies `set` to the tenant's conversation when `when` holds too (else nothing changes).
 * @returns whether it changed
 */
export async function updateConversation(
  db: Db,
  tenantId: string,
  id: string,
  set: ConversationSet,
  when?: SQL,
): Promise<boolean> {
  const updated = await db
    .update(conversations)
    .set(set)
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id), when))
    .returning({ id: conversations.id });
  return updated.length > 0;
}

/** The notes of the tenant's conversation, oldest first. */
export function notesOf(db: Db, tenantId: string, conversationId: string): Promise<NoteRow[]> {
  return db
    .select()
    .from(conversationNotes)
    .where(
      and(eq(conversationNotes.tenantId, tenantId), eq(conversationNotes.conversationId, conversationId)),
    )
    .orderBy(conversationNotes.createdAt);
}

/** Stores an internal note. @returns the stored row */
export async function insertNote(
  db: Db,
  note: { tenantId: string; conversationId: string; authorId: string | null; body: string },
): Promise<NoteRow> {
  const [row] = await db.insert(conversationNotes).values(note).returning();
  return row!;
}

/**
 * Opens up to `batch` snoozed conversations whose time has come, of every tenant; each row
 * is taken by one caller (`FOR UPDATE SKIP LOCKED`).
 * @returns the opened conversations
 */
export async function openDueSnoozed(
  db: Db,
  batch: number,
): Promise<Array<{ id: string; tenant_id: string; channel_id: string; contact_id: string }>> {
  const r = await db.execute<{ id: string; tenant_id: string; channel_id: string; contact_id: string }>(sql`
    UPDATE conversations c SET status = 'open', snoozed_until = NULL
    WHERE c.id IN (
      SELECT id FROM conversations WHERE snoozed_until IS NOT NULL AND snoozed_until <= now() AND status = 'snoozed'
      ORDER BY snoozed_until LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING c.id, c.tenant_id, c.channel_id, c.contact_id`);
  return r.rows;
}
