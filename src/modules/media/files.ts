/**
 * Media files on disk: an upload is written under `<dataDir>/media/<folder>/<tenant id>/`
 * with a name Kabar generates (`<uuid>.<ext>`); the `media` row (service.ts) records it.
 * Nothing here takes a path from a request.
 */
import { randomUUID } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { MediaType } from "../../channels/transport.js";
import { mediaErrors } from "./errors.js";
import { MEDIA_LIMITS, mediaTypeOf } from "./limits.js";

/** File extension of each MIME type WhatsApp accepts as image, video or audio. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "audio/aac": "aac",
  "audio/mp4": "m4a",
  "audio/mpeg": "mp3",
  "audio/amr": "amr",
  "audio/ogg": "ogg",
};

/** A document's extension from its name (letters and digits, ≤ 8), else `bin`. */
function documentExtension(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  return m ? m[1]!.toLowerCase() : "bin";
}

/** A file name safe to show and to send as a document's name (no path, no control characters). */
function cleanFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must lose
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(-255);
  return clean || "lampiran";
}

/** A file written by `writeUpload`, before its `media` row exists. */
interface WrittenFile {
  /** The uuid in its name; becomes the `media` row's id. */
  id: string;
  type: MediaType;
  /** Relative to the data directory. */
  path: string;
  mimeType?: string;
  /** The uploaded file's own name (cleaned), whatever its type: shown to the shop, given to a download, sent with a document. */
  filename?: string;
  /** Bytes. */
  size: number;
}

/**
 * Writes an uploaded file under `<dataDir>/media/<folder>/<tenantId>/<uuid>.<ext>`. The
 * media type follows the MIME type (`mediaTypeOf`); the size limit is WhatsApp's for that
 * type (`MEDIA_LIMITS`: image 5 MB, video and audio 16 MB, document 100 MB). A refused or
 * failed upload leaves no file behind.
 * @param folder one path segment under `<dataDir>/media` (`templates`, `inbox`)
 * @param info.truncated tells, after the stream ended, whether the upload limit cut it short
 * @throws KabarError 413 `file_too_large` (field `file`), 400 `empty_file`
 */
export async function writeUpload(
  dataDir: string,
  folder: string,
  tenantId: string,
  file: Readable,
  info: { filename: string; mimeType: string; truncated: () => boolean },
): Promise<WrittenFile> {
  const mimeType = info.mimeType.toLowerCase();
  const type = mediaTypeOf(mimeType);
  const limit = MEDIA_LIMITS[type].maxBytes;
  const id = randomUUID();
  const ext = type === "document" ? documentExtension(info.filename) : EXTENSIONS[mimeType]!;
  const dir = join(dataDir, "media", folder, tenantId);
  // Synchronously, so the upload stream is piped before any event of it can be missed.
  mkdirSync(dir, { recursive: true });
  const rel = `media/${folder}/${tenantId}/${id}.${ext}`;
  const path = join(dataDir, rel);
  let size = 0;
  let tooLarge = false;
  file.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
  });
  try {
    await pipeline(file, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  if (tooLarge || info.truncated()) {
    await rm(path, { force: true });
    const mb = Math.round(limit / (1024 * 1024));
    throw mediaErrors.fileTooLarge({ type, mb });
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw mediaErrors.emptyFile();
  }
  return {
    id,
    type,
    path: rel,
    ...(/^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? { mimeType } : {}),
    // Every type keeps the name it was chosen by ("promo.jpg"), to show it to the shop;
    // only a document's name reaches the customer (src/channels: Baileys, Cloud API).
    filename: cleanFilename(info.filename),
    size,
  };
}
