/**
 * What a WhatsApp message may carry: text and caption lengths, media types and sizes, and
 * the check a template or campaign message passes before it is saved.
 */
import { z } from 'zod';
import { MEDIA_TYPES, type MediaType } from '../../channels/transport.js';
import { parseTemplate } from './render.js';

const MB = 1024 * 1024;

/** Longest text message WhatsApp accepts (characters, counted as Unicode code points). */
export const MAX_TEXT_CHARS = 4096;
/** Longest media caption WhatsApp accepts (characters, counted as Unicode code points). */
export const MAX_CAPTION_CHARS = 1024;

/**
 * Accepted MIME types and maximum size in bytes per media type, after Meta's Cloud API
 * "supported media types" table (the strictest of our transports, so a template valid
 * here sends everywhere). Audio `audio/ogg` must be OPUS-encoded; video must be H.264
 * with AAC audio. Documents: any type (Meta lists txt, pdf, doc(x), xls(x), ppt(x)),
 * `mimeTypes` is then `null`. The size is checked where the file is uploaded.
 */
export const MEDIA_LIMITS: Record<MediaType, { maxBytes: number; mimeTypes: readonly string[] | null }> = {
  image: { maxBytes: 5 * MB, mimeTypes: ['image/jpeg', 'image/png'] },
  video: { maxBytes: 16 * MB, mimeTypes: ['video/mp4', 'video/3gpp'] },
  audio: { maxBytes: 16 * MB, mimeTypes: ['audio/aac', 'audio/mp4', 'audio/mpeg', 'audio/amr', 'audio/ogg'] },
  document: { maxBytes: 100 * MB, mimeTypes: null },
};

function isMediaUrl(url: string): boolean {
  if (/^https?:\/\//i.test(url)) return URL.canParse(url);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return false; // ftp:, file:, data:, …
  return !url.startsWith('/') && !url.includes('\\') && !url.split('/').includes('..');
}

/**
 * A template's media attachment (the API contract), shaped like the transport's `Media`:
 * `{ type: 'image'|'video'|'audio'|'document'; url; mimeType?; filename? }`. `url` is an
 * http(s) URL or a relative path under the data directory (no `..`, no leading `/`);
 * `mimeType`, when given, must be one `MEDIA_LIMITS` accepts for `type`.
 */
export const templateMediaSchema = z
  .object({
    type: z.enum(MEDIA_TYPES),
    url: z.string().min(1).max(2048).refine(isMediaUrl, 'Must be an http(s) URL or a relative path under the data directory'),
    mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'Must look like "type/subtype"').optional(),
    filename: z.string().min(1).max(255).optional(),
  })
  .superRefine((media, ctx) => {
    const allowed = MEDIA_LIMITS[media.type].mimeTypes;
    if (media.mimeType && allowed && !allowed.includes(media.mimeType.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: ['mimeType'],
        message: `WhatsApp does not accept ${media.mimeType} as ${media.type}; use ${allowed.join(', ')}`,
      });
    }
  });
/** A validated template media attachment. */
export type TemplateMedia = z.infer<typeof templateMediaSchema>;

/** One problem with a message, by field: `body`, `media`, or `media.<key>`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Checks a template message before it is saved or sent: a body or media is required;
 * the body parses (`parseTemplate`; errors carry their index in the message); the body
 * fits `MAX_TEXT_CHARS`, or `MAX_CAPTION_CHARS` when it is a media caption; the media
 * matches `templateMediaSchema`. Lengths are those of the template, before variables are
 * filled in. Returns `[]` when the message is valid.
 */
export function validateMessage(msg: { body?: string; media?: unknown }): FieldError[] {
  const errors: FieldError[] = [];
  const body = msg.body ?? '';
  const hasMedia = msg.media !== undefined && msg.media !== null;
  if (body.trim() === '' && !hasMedia) errors.push({ field: 'body', message: 'A message needs text or media' });
  const parsed = parseTemplate(body);
  if (!parsed.ok) {
    for (const e of parsed.errors) errors.push({ field: 'body', message: `${e.message} (at character ${e.index + 1})` });
  }
  const max = hasMedia ? MAX_CAPTION_CHARS : MAX_TEXT_CHARS;
  const length = [...body].length;
  if (length > max) {
    errors.push({ field: 'body', message: `${hasMedia ? 'Caption' : 'Text'} is ${length} characters; WhatsApp allows ${max}` });
  }
  if (hasMedia) {
    const media = templateMediaSchema.safeParse(msg.media);
    if (!media.success) {
      for (const issue of media.error.issues) {
        errors.push({ field: ['media', ...issue.path.map(String)].join('.'), message: issue.message });
      }
    }
  }
  return errors;
}
