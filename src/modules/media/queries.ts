/** Statements of the media module (the `media` table's owner); the rules live in `service.ts` and `send.ts`. */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { media, type MediaAttachment } from "../../db/schema/index.js";

/** A stored file's row. */
type MediaRow = typeof media.$inferSelect;

/** A new file's row, as an upload records it. */
type MediaInsert = typeof media.$inferInsert;

/** A message's media as stored with it (`{ type, id | url | waMediaId, mimeType?, filename? }`). */
export type { MediaAttachment };

/** Records a stored file. */
export async function insertMedia(db: Db, values: MediaInsert): Promise<void> {
  await db.insert(media).values(values);
}

/** The shop's file `id`. @returns the row, undefined when the shop has none such */
export async function mediaOfTenant(db: Db, tenantId: string, id: string): Promise<MediaRow | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.tenantId, tenantId), eq(media.id, id)));
  return row;
}

/**
 * The type, MIME type and file name of the shop's file `id` (read on `db` or in the caller's
 * transaction). @returns undefined when the shop has none such
 */
export async function mediaInfo(
  db: Db | Tx,
  tenantId: string,
  id: string,
): Promise<Pick<MediaRow, "type" | "mimeType" | "filename"> | undefined> {
  const [row] = await db
    .select({ type: media.type, mimeType: media.mimeType, filename: media.filename })
    .from(media)
    .where(and(eq(media.tenantId, tenantId), eq(media.id, id)));
  return row;
}

/** The path (relative to the data directory) of the shop's file `id`, null when the shop has none such. */
export async function mediaPath(db: Db, tenantId: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ path: media.path })
    .from(media)
    .where(and(eq(media.tenantId, tenantId), eq(media.id, id)));
  return row?.path ?? null;
}
