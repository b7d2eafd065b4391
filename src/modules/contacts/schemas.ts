import { z } from "zod";
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES } from "../../db/schema/campaigns.js";
import { RFM_SEGMENTS } from "../../db/schema/segments.js";
import { MAX_ATTRIBUTE_VALUE_LENGTH, MAX_LABEL_LENGTH, MAX_LABELS, MAX_NAME_LENGTH } from "./limits.js";

/** A label: 1–50 characters, trimmed. */
const labelSchema = z.string().trim().min(1).max(MAX_LABEL_LENGTH);
/** A custom attribute key: a snake_case identifier, so templates can use it as `{{kota}}`. */
const attributeKeySchema = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,49}$/, "attribute keys are letters, digits and _ (max 50)");
/** Custom attributes: key → text. */
const attributesSchema = z.record(attributeKeySchema, z.string().max(MAX_ATTRIBUTE_VALUE_LENGTH));

export const contactSchema = z.object({
  id: z.uuid(),
  phone: z.string().describe("E.164, e.g. +6281234567890"),
  name: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  labels: z.array(z.string()),
  optedOut: z.boolean(),
  optedOutAt: z.iso.datetime().nullable(),
  homeOutletId: z
    .uuid()
    .nullable()
    .describe(
      "The contact's home outlet (GET /outlets): the first number that talked to them, an import or by hand",
    ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ContactDto = z.infer<typeof contactSchema>;

export const createContactBody = z.object({
  phone: z.string().min(1).max(40).describe("Any common Indonesian or international format; stored as E.164"),
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
  attributes: attributesSchema.optional(),
  labels: z.array(labelSchema).max(MAX_LABELS).optional(),
  optedOut: z.boolean().optional(),
  homeOutletId: z
    .uuid()
    .optional()
    .describe(
      "The home outlet (GET /outlets); default: none, or the caller's first outlet when they are limited to outlets",
    ),
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = createContactBody.partial().extend({
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH).nullable().optional(),
  homeOutletId: z.uuid().nullable().optional().describe("The home outlet (GET /outlets); null: none"),
});
export type UpdateContactInput = z.infer<typeof updateContactBody>;

/** The filters shared by the contact list and the export. */
export const contactFilters = z.object({
  search: z.string().trim().max(100).optional().describe("Matches name or phone"),
  label: z.string().trim().max(50).optional(),
  optedOut: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  attribute: attributeKeySchema.optional().describe("Only contacts that have this attribute (non-empty)"),
  attributeValue: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("With `attribute`: its value equals this (any case)"),
  segment: z.enum(RFM_SEGMENTS).optional().describe("Only customers in this RFM segment"),
});
export type ContactFilters = z.infer<typeof contactFilters>;

export const listContactsQuery = contactFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

export const exportContactsQuery = contactFilters.extend({
  format: z.enum(["csv", "xlsx"]).default("csv"),
});

/** A header of the uploaded file (as it appears there). */
const headerName = z.string().min(1).max(200);

/**
 * The import wizard's column mapping (see ColumnMapping in import/types.ts): each value
 * is a header of the file; `phone`, `name` and `labels` may list several columns.
 */
export const columnMappingSchema = z.object({
  phone: z.union([headerName, z.array(headerName).max(20)]).optional(),
  name: z.union([headerName, z.array(headerName).max(5)]).optional(),
  labels: z.union([headerName, z.array(headerName).max(20)]).optional(),
  attributes: z.record(attributeKeySchema, headerName).optional(),
});

export const importFormatSchema = z.enum(["csv", "google", "outlook", "xlsx", "vcard"]);

export const importPreviewSchema = z.object({
  format: importFormatSchema,
  line: z.number().int().describe("Line of the header row"),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())).describe("The first data rows, raw cells"),
  suggested: columnMappingSchema.describe("What the automatic detection would use"),
  problem: z
    .string()
    .nullable()
    .describe("Why the automatic detection cannot import this file (e.g. no phone column)"),
});
export type ImportPreviewDto = z.infer<typeof importPreviewSchema>;

/** The wizard's question: how would the import read these preview rows under this mapping? */
export const previewRowsInputSchema = z.object({
  format: importFormatSchema,
  line: z.number().int().min(1).describe("Line of the header row, as the preview gave it"),
  headers: z.array(z.string().max(1000)).max(500),
  rows: z
    .array(z.array(z.string().max(10_000)).max(500))
    .max(20)
    .describe("The preview's raw rows"),
  mapping: columnMappingSchema
    .optional()
    .describe("The mapping the import will be sent; absent: the automatic detection"),
});
export type PreviewRowsInput = z.infer<typeof previewRowsInputSchema>;

/** One preview row as the import reads it: the contact it becomes, or why it is rejected. */
const previewRowSchema = z.object({
  line: z.number().int(),
  ok: z.boolean(),
  phone: z.string().nullable().describe("E.164, when accepted"),
  otherPhones: z.array(z.string()).describe("The contact's other numbers, E.164"),
  name: z.string().nullable(),
  labels: z.array(z.string()),
  attributes: z.record(z.string(), z.string()).describe("Without other_phones"),
  reason: z.string().nullable().describe("Why the row is rejected, when it is"),
});
export const previewRowsSchema = z.object({
  problem: z.string().nullable().describe("Why the header row cannot be imported under this mapping"),
  rows: z.array(previewRowSchema),
});
export type PreviewRowsDto = z.infer<typeof previewRowsSchema>;

export const attributeCountSchema = z.object({ key: z.string(), count: z.number().int() });

export const contactHistorySchema = z.object({
  conversations: z.array(
    z.object({
      id: z.uuid(),
      channelId: z.uuid(),
      channelName: z.string(),
      status: z.enum(["open", "snoozed", "resolved"]),
      unreadCount: z.number().int(),
      lastMessageAt: z.iso.datetime(),
      messageCount: z.number().int(),
    }),
  ),
  messages: z
    .array(
      z.object({
        id: z.uuid(),
        channelId: z.uuid(),
        direction: z.enum(["in", "out"]),
        text: z.string().nullable(),
        hasMedia: z.boolean(),
        status: z.string(),
        campaignId: z.uuid().nullable(),
        createdAt: z.iso.datetime(),
      }),
    )
    .describe("The latest messages with the contact on any channel, newest first"),
  campaigns: z
    .array(
      z.object({
        campaignId: z.uuid(),
        name: z.string(),
        campaignStatus: z.enum(CAMPAIGN_STATUSES),
        status: z.enum(RECIPIENT_STATUSES).describe("The contact's recipient status"),
        failureCode: z.string().nullable(),
        sentAt: z.iso.datetime().nullable(),
        deliveredAt: z.iso.datetime().nullable(),
        readAt: z.iso.datetime().nullable(),
        repliedAt: z.iso.datetime().nullable(),
        startedAt: z.iso.datetime().nullable(),
      }),
    )
    .describe("Campaigns the contact was a recipient of, newest first"),
});
export type ContactHistoryDto = z.infer<typeof contactHistorySchema>;

export const contactPage = z.object({
  items: z.array(contactSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** POST /contacts/bulk-delete: the contacts to delete. */
export const bulkDeleteBody = z.object({ contactIds: z.array(z.uuid()).min(1).max(5000) });

export const bulkLabelBody = z.object({
  contactIds: z.array(z.uuid()).min(1).max(5000),
  add: z.array(labelSchema).max(20).default([]),
  remove: z.array(labelSchema).max(20).default([]),
});

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(contactSchema, { id: "Contact" });
z.globalRegistry.add(contactPage, { id: "ContactPage" });
z.globalRegistry.add(columnMappingSchema, { id: "ColumnMapping" });
z.globalRegistry.add(importPreviewSchema, { id: "ImportPreview" });
z.globalRegistry.add(previewRowsInputSchema, { id: "ReadPreviewRows" });
z.globalRegistry.add(previewRowsSchema, { id: "PreviewRows" });
z.globalRegistry.add(contactHistorySchema, { id: "ContactHistory" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(createContactBody, { id: "CreateContact" });
z.globalRegistry.add(updateContactBody, { id: "UpdateContact" });
z.globalRegistry.add(bulkLabelBody, { id: "BulkLabelContacts" });
z.globalRegistry.add(bulkDeleteBody, { id: "BulkDeleteContacts" });
