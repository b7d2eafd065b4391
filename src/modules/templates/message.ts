/**
 * What a WhatsApp message may carry: text and caption lengths, media types and sizes, and
 * the check a template or campaign message passes before it is saved.
 */
import type { Bilingual } from "../../lib/errors.js";
import { mediaAttachmentSchema } from "../media/index.js";
import { parseTemplate, type TemplateError } from "./render.js";

/** Longest text message WhatsApp accepts (characters, counted as Unicode code points). */
export const MAX_TEXT_CHARS = 4096;
/** Longest media caption WhatsApp accepts (characters, counted as Unicode code points). */
export const MAX_CAPTION_CHARS = 1024;

/** One problem with a message, by field (`body`, `media`, or `media.<key>`), in both languages. */
interface FieldError {
  field: string;
  message: Bilingual;
}

/** A template syntax error in words, by its code (render.ts gives the English one). */
function syntaxProblem(e: TemplateError): Bilingual {
  const at = e.index + 1;
  const id: Record<TemplateError["code"], string> = {
    unclosed_variable: '"{{" tidak ditutup dengan "}}"',
    unopened_variable: '"}}" tidak punya pasangan "{{"',
    empty_variable: "Nama variabel kosong",
    invalid_variable: "Nama variabel tidak valid (huruf, angka dan _ saja)",
    unclosed_spintax: 'Variasi kata "{" tidak ditutup dengan "}"',
  };
  return { id: `${id[e.code]} (di karakter ke-${at})`, en: `${e.message} (at character ${at})` };
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
    errors.push({
      field: "body",
      message: { id: "Pesan perlu teks atau lampiran", en: "A message needs text or media" },
    });
  const parsed = parseTemplate(body);
  if (!parsed.ok) {
    for (const e of parsed.errors) errors.push({ field: "body", message: syntaxProblem(e) });
  }
  const max = hasMedia ? MAX_CAPTION_CHARS : MAX_TEXT_CHARS;
  const length = [...body].length;
  if (length > max) {
    errors.push({
      field: "body",
      message: {
        id: `${hasMedia ? "Keterangan" : "Teks"} ${length} karakter; WhatsApp mengizinkan ${max}`,
        en: `${hasMedia ? "Caption" : "Text"} is ${length} characters; WhatsApp allows ${max}`,
      },
    });
  }
  if (hasMedia) {
    const media = mediaAttachmentSchema.safeParse(msg.media);
    if (!media.success) {
      for (const issue of media.error.issues) {
        // The schema's own words (English): a media problem is a program's, not a person's typing.
        const field = ["media", ...issue.path.map(String)].join(".");
        errors.push({ field, message: { id: issue.message, en: issue.message } });
      }
    }
  }
  return errors;
}
