/** The audit log contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";

const filters = {
  userId: z.uuid().optional().describe("Only entries of this person"),
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Only this action (`user.update`), or a group of them ending in `.` (`user.`)"),
  targetType: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe("Only entries about this kind of thing (`contact`)"),
  targetId: z.string().trim().min(1).max(200).optional().describe("Only entries about this one thing"),
  outletId: z
    .uuid()
    .optional()
    .describe(
      "Only entries about this outlet: its things (numbers, contacts, orders…) and what its staff did",
    ),
  from: z.iso.datetime({ offset: true }).optional().describe("Entries at or after this time (ISO 8601)"),
  to: z.iso.datetime({ offset: true }).optional().describe("Entries before this time (ISO 8601)"),
};

/** GET /audit: filters, newest first, keyset pagination by `cursor`. */
export const listAuditQuery = z.object({
  ...filters,
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "not a cursor from this list")
    .optional()
    .describe("The `nextCursor` of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;

/** GET /audit/export: the same filters, every matching entry. */
export const exportAuditQuery = z.object({ ...filters, format: z.enum(["csv", "xlsx"]).default("csv") });
/** The filters both read routes take. */
export type AuditFilters = Omit<z.infer<typeof exportAuditQuery>, "format">;

/** One audit entry as the API shows it. */
export const auditEntrySchema = z.object({
  id: z.string().describe("Ascending with time"),
  at: z.string(),
  actor: z.object({
    userId: z.uuid().nullable().describe("The person; null for a machine client (API key) or Kabar itself"),
    name: z.string().nullable().describe("Their name (or the API key's) when the entry was written"),
    role: z.string().describe("Their role key, or the custom role's name, when the entry was written"),
    outlet: z.string().nullable(),
    apiKeyId: z.uuid().nullable(),
  }),
  action: z.string().describe("What was done, e.g. `user.update`, `auth.sign_in_failed`, `products.update`"),
  target: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  changes: z
    .record(z.string(), z.tuple([z.unknown(), z.unknown()]))
    .nullable()
    .describe(
      "Changed fields, `{ field: [before, after] }`, secrets shown as [redacted]; null when not known",
    ),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  source: z.enum(["http", "cli", "job"]),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

/** A page of GET /audit. */
export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last one"),
});
export type AuditPageDto = z.infer<typeof auditPageSchema>;

/** GET /audit/people: whom the person filter offers. */
export const auditPeopleSchema = z.array(
  z.object({ userId: z.uuid(), name: z.string().nullable().describe("Their name in their newest entry") }),
);
export type AuditPeopleDto = z.infer<typeof auditPeopleSchema>;

z.globalRegistry.add(auditPeopleSchema, { id: "AuditPeople" });
z.globalRegistry.add(auditEntrySchema, { id: "AuditEntry" });
z.globalRegistry.add(auditPageSchema, { id: "AuditPage" });
