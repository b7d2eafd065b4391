/** Statements of the media module (the `media` table's owner); the rules live in `service.ts` and `send.ts`. */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../../db/client.js";
import {
  campaigns,
  media,
  messages,
  type MediaAttachment,
  products,
  quickReplies,
  templates,
} from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { channelInScope } from "../outlets/index.js";

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

/**
 * The files the actor may read (issue 13): every file of the shop for an actor of every
 * outlet. For one limited to outlets, a file attached to messages is readable when one of
 * those messages is on the actor's numbers, or when a template, campaign, product or quick
 * reply also uses it (the shop's own material); a file no message holds is readable.
 * (The message checks read `messages_media_id_idx`, the shop's messages by their file's id.)
 */
function mediaOfActor(actor: Actor): SQL {
  if (!actor.outletIds) return sql`TRUE`;
  const named = (column: AnyPgColumn) => sql`${column}->>'id' = ${media.id}::text`;
  return sql`(
    NOT EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.tenantId} = ${media.tenantId} AND ${named(messages.media)})
    OR EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.tenantId} = ${media.tenantId} AND ${named(messages.media)} AND ${channelInScope(actor, messages.channelId)})
    OR EXISTS (SELECT 1 FROM ${templates} WHERE ${templates.tenantId} = ${media.tenantId} AND ${named(templates.media)})
    OR EXISTS (SELECT 1 FROM ${campaigns} WHERE ${campaigns.tenantId} = ${media.tenantId} AND ${named(campaigns.media)})
    OR EXISTS (SELECT 1 FROM ${products} WHERE ${products.tenantId} = ${media.tenantId} AND ${named(products.image)})
    OR EXISTS (SELECT 1 FROM ${quickReplies} WHERE ${quickReplies.tenantId} = ${media.tenantId} AND ${named(quickReplies.media)}))`;
}

/**
 * The shop's file `id`, if the actor may read it (see {@link mediaOfActor}).
 * @returns the row, undefined when the shop has none such or it is outside the actor's outlets
 */
export async function mediaOfTenant(db: Db, actor: Actor, id: string): Promise<MediaRow | undefined> {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.tenantId, actor.tenantId), eq(media.id, id), mediaOfActor(actor)));
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
