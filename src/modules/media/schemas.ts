import { z } from "zod";
import { MEDIA_TYPES } from "../../channels/transport.js";
import { MEDIA_LIMITS } from "./limits.js";

function isHttpsUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  return u.protocol === "https:" && u.hostname !== "" && u.username === "" && u.password === "";
}

/**
 * The media of a template, campaign or inbox message (the API contract and what is stored,
 * `MediaAttachment`): `{ type, id? | url? | waMediaId?, mimeType?, filename? }` with exactly
 * one of
 * - `id`: a file uploaded through Kabar (`POST /templates/media`, `POST /conversations/:id/media`)
 *   by the same shop; an unknown or another shop's id is a 400 `unknown_media`;
 * - `url`: an https link, which Kabar downloads itself through its outbound guard when it
 *   sends (never a path: Kabar takes no filesystem path from any API);
 * - `waMediaId`: a file already uploaded to Meta (Cloud API numbers only).
 * `mimeType`, when given, must be one `MEDIA_LIMITS` accepts for `type`.
 */
export const mediaAttachmentSchema = z
  .object({
    type: z.enum(MEDIA_TYPES),
    id: z.uuid().optional().describe("A file uploaded through Kabar by this shop"),
    url: z
      .string()
      .min(1)
      .max(2048)
      .refine(isHttpsUrl, "Must be an https URL (upload a file and give its id instead of a path)")
      .optional(),
    waMediaId: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,128}$/, "Must be a WhatsApp Cloud API media id")
      .optional()
      .describe("Cloud API numbers: a media id already uploaded to Meta"),
    mimeType: z
      .string()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'Must look like "type/subtype"')
      .optional(),
    filename: z.string().min(1).max(255).optional(),
  })
  .superRefine((media, ctx) => {
    const sources = [media.id, media.url, media.waMediaId].filter((v) => v !== undefined).length;
    if (sources !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["id"],
        message: "Give exactly one of id (an uploaded file), url (an https link) or waMediaId",
      });
    }
    const allowed = MEDIA_LIMITS[media.type].mimeTypes;
    if (media.mimeType && allowed && !allowed.includes(media.mimeType.toLowerCase())) {
      ctx.addIssue({
        code: "custom",
        path: ["mimeType"],
        message: `WhatsApp does not accept ${media.mimeType} as ${media.type}; use ${allowed.join(", ")}`,
      });
    }
  });

/** POST /templates/media and POST /conversations/:id/media: the stored file as a `media` to send, and its size in bytes. */
export const uploadedMediaSchema = z.object({
  type: z.enum(MEDIA_TYPES),
  id: z.uuid(),
  mimeType: z.string().optional(),
  filename: z.string().optional(),
  size: z.number().int().min(0),
});
export type UploadedMedia = z.infer<typeof uploadedMediaSchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(mediaAttachmentSchema, { id: "MediaAttachment" });
z.globalRegistry.add(uploadedMediaSchema, { id: "UploadedMedia" });
