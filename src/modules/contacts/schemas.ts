import { z } from 'zod';

/** A label: 1–50 characters, trimmed. */
export const labelSchema = z.string().trim().min(1).max(50);
/** Custom attribute keys are snake_case identifiers so templates can use them as {{key}}. */
export const attributesSchema = z.record(
  z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,49}$/, 'attribute keys are letters, digits and _ (max 50)'),
  z.string().max(1000),
);

export const contactSchema = z.object({
  id: z.uuid(),
  phone: z.string().describe('E.164, e.g. +6281234567890'),
  name: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  labels: z.array(z.string()),
  optedOut: z.boolean(),
  optedOutAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ContactDto = z.infer<typeof contactSchema>;

export const createContactBody = z.object({
  phone: z.string().min(1).max(40).describe('Any common Indonesian or international format; stored as E.164'),
  name: z.string().trim().min(1).max(200).optional(),
  attributes: attributesSchema.optional(),
  labels: z.array(labelSchema).max(50).optional(),
  optedOut: z.boolean().optional(),
});
export type CreateContactInput = z.infer<typeof createContactBody>;

export const updateContactBody = createContactBody.partial().extend({
  name: z.string().trim().min(1).max(200).nullable().optional(),
});
export type UpdateContactInput = z.infer<typeof updateContactBody>;

export const listContactsQuery = z.object({
  search: z.string().trim().max(100).optional().describe('Matches name or phone'),
  label: z.string().trim().max(50).optional(),
  optedOut: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListContactsQuery = z.infer<typeof listContactsQuery>;

export const contactPage = z.object({
  items: z.array(contactSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const bulkLabelBody = z.object({
  contactIds: z.array(z.uuid()).min(1).max(5000),
  add: z.array(labelSchema).max(20).default([]),
  remove: z.array(labelSchema).max(20).default([]),
});
