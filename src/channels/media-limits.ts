/**
 * What WhatsApp accepts as media, per media type: MIME types and sizes.
 */
import type { MediaType } from "./transport.js";

const MB = 1024 * 1024;

/**
 * Accepted MIME types and maximum size in bytes per media type, after Meta's Cloud API
 * "supported media types" table (the strictest of our transports, so a template valid
 * here sends everywhere). Audio `audio/ogg` must be OPUS-encoded; video must be H.264
 * with AAC audio. Documents: any type (Meta lists txt, pdf, doc(x), xls(x), ppt(x)),
 * `mimeTypes` is then `null`. The size is checked where a file is uploaded, and where a
 * transport downloads a link.
 */
export const MEDIA_LIMITS: Record<MediaType, { maxBytes: number; mimeTypes: readonly string[] | null }> = {
  image: { maxBytes: 5 * MB, mimeTypes: ["image/jpeg", "image/png"] },
  video: { maxBytes: 16 * MB, mimeTypes: ["video/mp4", "video/3gpp"] },
  audio: { maxBytes: 16 * MB, mimeTypes: ["audio/aac", "audio/mp4", "audio/mpeg", "audio/amr", "audio/ogg"] },
  document: { maxBytes: 100 * MB, mimeTypes: null },
};
