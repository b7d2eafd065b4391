/**
 * What a WhatsApp message may carry: text and caption lengths, media types and sizes, and
 * the check a template or campaign message passes before it is saved.
 */
import { mediaAttachmentSchema } from "../media/index.js";
import { parseTemplate } from "./render.js";

/** Longest text message WhatsApp accepts (characters, counted as Unicode code points). */
export const MAX_TEXT_CHARS = 4096;
/** Longest media caption WhatsApp accepts (characters, counted as Unicode code points). */
export const MAX_CAPTION_CHARS = 1024;

/** One problem with a message, by field: `body`, `media`, or `media.<key>`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Checks a template message before it is saved or sent: a body or media is required;
 * the body parses (`parseTemplate`; errors carry their index in the message); the body
 * fits `MAX_TEXT_CHARS`, or `MAX_CAPTION_CHARS` when it is a media caption; the media
 * matches `mediaAttachmentSchema`. Lengths are those of the template, before variables are
 * filled in. Returns `[]` when the message is valid.
 */
export function validateMessage(msg: { body?: string; media?: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  const body = msg.body ?? "";
  const hasMedia = msg.media !== undefined && msg.media !== null;
  if (body.trim() === "" && !hasMedia)
    errors.push({ field: "body", message: "A message needs text or media" });
  const parsed = parseTemplate(body);
  if (!parsed.ok) {
    for (const e of parsed.errors)
      errors.push({ field: "body", message: `${e.message} (at character ${e.index + 1})` });
  }
  const max = hasMedia ? MAX_CAPTION_CHARS : MAX_TEXT_CHARS;
  const length = [...body].length;
  if (length > max) {
    errors.push({
      field: "body",
      message: `${hasMedia ? "Caption" : "Text"} is ${length} characters; WhatsApp allows ${max}`,
    });
  }
  if (hasMedia) {
    const media = mediaAttachmentSchema.safeParse(msg.media);
    if (!media.success) {
      for (const issue of media.error.issues) {
        errors.push({ field: ["media", ...issue.path.map(String)].join("."), message: issue.message });
      }
    }
  }
  return errors;
}
