import { z } from "zod";
import { mediaAttachmentSchema } from "../media/index.js";

export const templateBody = z.object({
  name: z.string().trim().min(1).max(200),
  body: z
    .string()
    .max(4096)
    .describe("Text with {{name}}, {{phone}}, {{attribute}}, {{1}} and {Halo|Hai} spintax"),
  media: mediaAttachmentSchema.nullable().optional(),
});
export type TemplateInput = z.infer<typeof templateBody>;

export const templateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  body: z.string(),
  media: mediaAttachmentSchema.nullable(),
  variables: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TemplateDto = z.infer<typeof templateSchema>;

export const previewBody = z.object({
  templateId: z.uuid().optional(),
  body: z.string().max(4096).optional(),
  contactId: z.uuid().optional().describe("Render for this contact; without it, for a sample contact"),
  columns: z.array(z.string()).optional().describe("Values for positional {{1}}, {{2}}…"),
  seed: z.string().max(100).optional().describe("Spintax seed; the same seed gives the same variation"),
});

export const previewSchema = z.object({
  text: z.string(),
  missing: z.array(z.string()),
  media: mediaAttachmentSchema.nullable(),
});

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(templateSchema, { id: "Template" });
z.globalRegistry.add(previewSchema, { id: "TemplatePreview" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(templateBody, { id: "SaveTemplate" });
z.globalRegistry.add(previewBody, { id: "PreviewTemplate" });
