/**
 * The media type a file is sent as (WhatsApp's limits per type: channels/media-limits.ts).
 */
import { MEDIA_LIMITS } from "../../channels/media-limits.js";
import type { MediaType } from "../../channels/transport.js";

export { MEDIA_LIMITS };

/**
 * The media type a file is sent as, from its MIME type: the image, video and audio types
 * WhatsApp accepts (`MEDIA_LIMITS`) keep their kind; anything else goes as a document.
 */
export function mediaTypeOf(mimeType: string): MediaType {
  const mime = mimeType.toLowerCase();
  for (const type of ["image", "video", "audio"] as const) {
    if (MEDIA_LIMITS[type].mimeTypes?.includes(mime)) return type;
  }
  return "document";
}
