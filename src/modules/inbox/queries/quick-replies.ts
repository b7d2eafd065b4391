/** Statements on `quick_replies` (owned by the inbox), always scoped to one shop. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type MediaAttachment, quickReplies } from "../../../db/schema/index.js";

export type { MediaAttachment };

/** A stored quick reply. */
export type QuickReplyRow = typeof quickReplies.$inferSelect;

/** What a quick reply says: its `/shortcut`, its template body and its file (null: none). */
interface QuickReplyInput {
  shortcut: string;
  body: string;
  media: MediaAttachment | null;
}

const scoped = (tenantId: string, id: string) =>
  and(eq(quickReplies.tenantId, tenantId), eq(quickReplies.id, id));

/** Quick reply `id` of the shop, or undefined. */
export async function quickReplyById(
  db: Db,
  tenantId: string,
  id: string,
): Promise<QuickReplyRow | undefined> {
  const [row] = await db.select().from(quickReplies).where(scoped(tenantId, id));
  return row;
}

/** The shop's quick replies, by shortcut. */
export function quickRepliesOf(db: Db, tenantId: string): Promise<QuickReplyRow[]> {
  return db
    .select()
    .from(quickReplies)
    .where(eq(quickReplies.tenantId, tenantId))
    .orderBy(asc(quickReplies.shortcut));
}

/** Stores a new quick reply. @throws the database's unique violation when the shortcut is taken */
export async function insertQuickReply(
  db: Db,
  tenantId: string,
  input: QuickReplyInput,
): Promise<QuickReplyRow> {
  const [row] = await db
    .insert(quickReplies)
    .values({ tenantId, ...input })
    .returning();
  return row!;
}

/**
 * Replaces quick reply `id`'s shortcut, body and file. @returns the row, or undefined when the shop
 * has none with that id. @throws the database's unique violation when the shortcut is taken
 */
export async function updateQuickReply(
  db: Db,
  tenantId: string,
  id: string,
  input: QuickReplyInput,
): Promise<QuickReplyRow | undefined> {
  const [row] = await db
    .update(quickReplies)
    .set({ ...input, updatedAt: new Date() })
    .where(scoped(tenantId, id))
    .returning();
  return row;
}

/** Deletes quick reply `id` of the shop (nothing when it has none). */
export async function deleteQuickReply(db: Db, tenantId: string, id: string): Promise<void> {
  await db.delete(quickReplies).where(scoped(tenantId, id));
}
