/**
 * From a stored `MediaAttachment` to the transport's `Media`: an uploaded file becomes its
 * path under the data directory (read from the shop's own `media` row, never from a
 * request), a Meta media id its `wa-media:` form, an https link stays a link (Baileys
 * downloads it through the outbound guard; Meta fetches it for Cloud API numbers).
 */
import { randomUUID } from "node:crypto";
import { TransportError, type Media } from "../../channels/transport.js";
import { MEDIA_ID_PREFIX } from "../../channels/cloud-api/messages.js";
import type { Db } from "../../db/client.js";
import { mediaPath, type MediaAttachment } from "./queries.js";

/**
 * The transport's media for an attachment whose `media` row path (if it names one) was
 * already looked up, scoped to the attachment's shop.
 * @param storedPath the row's `path` (relative to the data directory); null when the row is gone
 * @throws TransportError `invalid_message` (not retryable) when the file was deleted
 */
export function toTransportMedia(a: MediaAttachment, storedPath: string | null): Media {
  const base = {
    type: a.type,
    ...(a.mimeType ? { mimeType: a.mimeType } : {}),
    ...(a.filename ? { filename: a.filename } : {}),
  };
  if (a.id) {
    if (!storedPath) throw new TransportError("invalid_message", "The media file no longer exists", false);
    return { ...base, url: storedPath };
  }
  if (a.waMediaId) return { ...base, url: `${MEDIA_ID_PREFIX}${a.waMediaId}` };
  if (a.url && /^https:\/\//i.test(a.url)) return { ...base, url: a.url };
  throw new TransportError(
    "invalid_message",
    "The media is neither an uploaded file nor an https link",
    false,
  );
}

/**
 * `toTransportMedia` after looking up the shop's `media` row.
 * @throws TransportError `invalid_message` (see `toTransportMedia`)
 */
export async function resolveForSend(db: Db, tenantId: string, a: MediaAttachment): Promise<Media> {
  if (!a.id) return toTransportMedia(a, null);
  return toTransportMedia(a, await mediaPath(db, tenantId, a.id));
}

/**
 * How a file a customer sent is kept: a transport that downloaded it names it by its path
 * under the data directory (`<dataDir>/media/<channel id>/…`, chosen by Kabar), which gets a
 * `media` row of the shop (`row`, with a new id) that the stored message names by id; a
 * link or a Meta media id that was not downloaded is kept as such.
 */
export function receivedAttachment(m: Media): {
  attachment: MediaAttachment;
  row: { id: string; path: string } | null;
} {
  const base = {
    type: m.type,
    ...(m.mimeType ? { mimeType: m.mimeType } : {}),
    ...(m.filename ? { filename: m.filename } : {}),
  };
  if (m.url.startsWith(MEDIA_ID_PREFIX))
    return { attachment: { ...base, waMediaId: m.url.slice(MEDIA_ID_PREFIX.length) }, row: null };
  if (/^https?:\/\//i.test(m.url)) return { attachment: { ...base, url: m.url }, row: null };
  const id = randomUUID();
  return { attachment: { ...base, id }, row: { id, path: m.url } };
}
