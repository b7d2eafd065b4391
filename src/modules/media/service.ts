/**
 * The shop's media files: uploads become `media` rows, messages name them by id, and every
 * lookup is scoped by tenant, so one shop can never reach another's file (or any other file
 * under the data directory) whatever it sends.
 */
import { stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { Readable } from "node:stream";
import type { Db, Tx } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import type { Permission } from "../../lib/permissions.js";
import type { KabarError } from "../../lib/errors.js";
import { mediaErrors } from "./errors.js";
import { writeUpload } from "./files.js";
import { mediaTypeOf } from "./limits.js";
import { insertMedia, mediaInfo, mediaOfTenant, type MediaAttachment } from "./queries.js";
import type { UploadedMedia } from "./schemas.js";

/** A stored file to serve: its absolute path, and the MIME type to serve it as (null: a download). */
interface MediaFile {
  path: string;
  mimeType: string | null;
  filename: string | null;
}

/**
 * A stored file to download, as a message's media route serves it: its absolute path (never
 * sent to a client), media type, MIME type (null when unknown) and the name to give the
 * browser (the original name, else `<type>-<first 8 hex of its id>.<extension>`).
 */
interface MediaDownload {
  path: string;
  type: MediaAttachment["type"];
  mimeType: string | null;
  filename: string;
}

/** 404 `media_not_found`: the same answer for an unknown id and another shop's. */
export function mediaNotFound(): KabarError {
  return mediaErrors.notFound();
}

/**
 * Checks a message's media before it is saved, for the tenant: an `id` must name one of
 * the tenant's `media` rows; the answer carries that row's type and MIME type (and its file
 * name as uploaded, e.g. "promo.jpg", unless one was given). `url` and `waMediaId` are kept as given (the schema checked
 * them). Null and undefined pass through.
 * @throws KabarError 400 `unknown_media` (field `<field>.id`), also for another shop's id
 */
export async function checkAttachment<T extends MediaAttachment | null | undefined>(
  db: Db | Tx,
  tenantId: string,
  attachment: T,
  field = "media",
): Promise<T> {
  if (!attachment?.id) return attachment;
  const row = await mediaInfo(db, tenantId, attachment.id);
  if (!row) throw mediaErrors.unknownMedia({ field: `${field}.id` });
  const filename = attachment.filename ?? row.filename ?? undefined;
  return {
    type: row.type,
    id: attachment.id,
    ...(row.mimeType ? { mimeType: row.mimeType } : {}),
    ...(filename ? { filename } : {}),
  } as T;
}

/** Where an upload belongs (a folder under `<dataDir>/media`), which decides who may upload what. */
type UploadFolder = "templates" | "inbox" | "products";

/** The permission an upload to each folder needs. */
const UPLOAD_PERMISSION: Record<UploadFolder, Permission> = {
  templates: "templates.create",
  inbox: "inbox.reply",
  products: "products.create",
};

/**
 * Media uploads and downloads of the signed-in user's shop.
 * @param dataDir KABAR_DATA_DIR; without it (a process that keeps no files, the CLI)
 *   uploads and downloads answer 503 `media_unavailable`.
 */
export function createMediaService(db: Db, dataDir?: string) {
  return {
    /**
     * Stores an uploaded file for the actor's shop under a name Kabar generates and records
     * it (see `writeUpload` for types and size limits).
     * @param folder `templates` (owner only), `products` (owner only, JPEG/PNG only) or
     *   `inbox` (any user; the inbox checks the conversation first)
     * @throws KabarError 403 (an agent uploading for templates or products), 400
     *   `image_required` (not a JPEG/PNG for a product; nothing stored), 413 `file_too_large`,
     *   400 `empty_file`, 503 `media_unavailable`
     */
    async upload(
      actor: Actor,
      folder: UploadFolder,
      file: Readable,
      info: { filename: string; mimeType: string; truncated: () => boolean },
    ): Promise<UploadedMedia> {
      requirePermission(actor, UPLOAD_PERMISSION[folder]);
      if (folder === "products" && mediaTypeOf(info.mimeType.toLowerCase()) !== "image") {
        file.resume();
        throw mediaErrors.imageRequired();
      }
      if (!dataDir) throw mediaErrors.unavailable();
      const w = await writeUpload(dataDir, folder, actor.tenantId, file, info);
      await insertMedia(db, {
        id: w.id,
        tenantId: actor.tenantId,
        type: w.type,
        mimeType: w.mimeType ?? null,
        // The original name, for every type: shown to the shop, the name a download gets.
        filename: w.filename ?? null,
        size: w.size,
        path: w.path,
        source: "upload",
      });
      return {
        type: w.type,
        id: w.id,
        ...(w.mimeType ? { mimeType: w.mimeType } : {}),
        ...(w.filename ? { filename: w.filename } : {}),
        size: w.size,
      };
    },
    /**
     * One of the shop's files, to serve: image, video and audio inline with their MIME type,
     * anything else as a download.
     * For an actor limited to outlets, a file only messages of other outlets' numbers hold
     * answers like an unknown one (queries.ts `mediaOfActor`).
     * @throws KabarError 404 `media_not_found` (unknown, another shop's, another outlet's, or gone from disk), 503 `media_unavailable`
     */
    async open(actor: Actor, id: string): Promise<MediaFile> {
      if (!dataDir) throw mediaErrors.unavailable();
      const row = await mediaOfTenant(db, actor, id);
      if (!row) throw mediaNotFound();
      const inline = row.type !== "document" && row.mimeType !== null;
      return {
        path: join(dataDir, row.path),
        mimeType: inline ? row.mimeType : null,
        filename: row.filename,
      };
    },
    /**
     * One of the shop's files, to download under its name: `name` (the name a message gave
     * it) first, then the name it was uploaded or received with, else one made of its type
     * and id.
     * @throws KabarError 404 `media_not_found` (unknown, another shop's, or gone from disk), 503 `media_unavailable`
     */
    async download(actor: Actor, id: string, name?: string): Promise<MediaDownload> {
      if (!dataDir) throw mediaErrors.unavailable();
      const row = await mediaOfTenant(db, actor, id);
      if (!row) throw mediaNotFound();
      const path = join(dataDir, row.path);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) throw mediaNotFound();
      return {
        path,
        type: row.type,
        mimeType: row.mimeType,
        filename: name ?? row.filename ?? `${row.type}-${row.id.slice(0, 8)}${extname(row.path)}`,
      };
    },
  };
}
