import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { invalidMultipart, withUpload } from "../../http/upload.js";
import { stringify } from "csv-stringify/sync";
import { requirePermission } from "../../lib/actor.js";
import { contactErrors } from "./errors.js";
import { contactsCsv, contactsXlsx } from "./export.js";
import { spreadsheetSafe } from "../../lib/spreadsheet-safe.js";
import {
  attributeCountSchema,
  bulkDeleteBody,
  bulkLabelBody,
  columnMappingSchema,
  previewRowsInputSchema,
  previewRowsSchema,
  contactHistorySchema,
  contactPage,
  contactSchema,
  createContactBody,
  exportContactsQuery,
  importFormatSchema,
  importPreviewSchema,
  listContactsQuery,
  updateContactBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

const importSummary = z.object({
  id: z.uuid(),
  filename: z.string().nullable(),
  format: z.string(),
  status: z.enum(["processing", "completed", "failed"]),
  totalRows: z.number().int(),
  created: z.number().int(),
  merged: z.number().int(),
  rejected: z.number().int(),
  labels: z.array(z.string()),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
/** Its name in the OpenAPI document, which the web app's generated types use. */
z.globalRegistry.add(importSummary, { id: "ContactImport" });

const importQuery = z.object({
  format: importFormatSchema.optional().describe("Detected from the file when absent"),
  labels: z.string().max(500).optional().describe("Comma-separated labels added to every imported contact"),
  homeOutletId: z
    .uuid()
    .optional()
    .describe(
      "The home outlet (GET /outlets) of new contacts and of those without one; default none, or the caller's first outlet when limited to outlets",
    ),
  mapping: z
    .string()
    .max(8000)
    .optional()
    .describe(
      'JSON column mapping: {"phone":"No HP","name":"Nama","labels":["Grup"],"attributes":{"kota":"Kota"}}; phone may list several columns (["No HP","Telepon"]: exactly those; one column of a Google Contacts export keeps its other Phone N - Value columns); absent: detected from the headers',
    ),
  delimiter: z.string().min(1).max(1).optional(),
});

const previewQuery = importQuery.pick({ format: true, delimiter: true });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Contacts: CRUD, filters (search, label, opt-out, attribute), bulk label and delete,
 * export (CSV/XLSX, owners), a contact's history, and file imports (preview, column
 * mapping) with their rejected-row reports.
 */
export function contactRoutes(app: App, { services, uploadIdleMs }: HttpOptions): void {
  const tags = ["contacts"];
  app.get(
    "/contacts",
    {
      config: { apiKey: true },
      schema: { tags, querystring: listContactsQuery, response: { 200: contactPage } },
    },
    (req) => services.contacts.list(req.actor, req.query),
  );
  app.post(
    "/contacts",
    { config: { apiKey: true }, schema: { tags, body: createContactBody, response: { 201: contactSchema } } },
    async (req, reply) => reply.status(201).send(await services.contacts.create(req.actor, req.body)),
  );
  app.get(
    "/contacts/labels",
    { schema: { tags, response: { 200: z.array(z.object({ label: z.string(), count: z.number() })) } } },
    (req) => services.contacts.labels(req.actor),
  );
  app.get(
    "/contacts/attributes",
    {
      schema: {
        tags,
        description: "Attribute keys in use, with how many contacts have each",
        response: { 200: z.array(attributeCountSchema) },
      },
    },
    (req) => services.contacts.attributeKeys(req.actor),
  );
  app.get(
    "/contacts/export",
    {
      schema: {
        tags,
        querystring: exportContactsQuery,
        description:
          "Every contact matching the list filters as a CSV or XLSX download (owners only), headed in the shop's language (tenant locale). Columns: number, name, labels, one per attribute key, opted out, date added (shop time zone; an XLSX date cell, dd/mm/yyyy hh:mm text in CSV).",
      },
    },
    async (req, reply) => {
      requirePermission(req.actor, "contacts.export");
      const { format, ...filters } = req.query;
      const [tenant, keys] = await Promise.all([
        services.tenants.get(req.actor),
        services.contacts.attributeKeys(req.actor, filters),
      ]);
      const input = {
        pages: services.contacts.allMatching(req.actor, filters),
        attributeKeys: keys.map((k) => k.key),
        timeZone: tenant.timeZone,
        language: tenant.locale,
      };
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE)
        .header("content-disposition", `attachment; filename="kontak-${stamp}.${format}"`)
        .send(format === "csv" ? contactsCsv(input) : contactsXlsx(input));
    },
  );
  app.get(
    "/contacts/:id",
    { config: { apiKey: true }, schema: { tags, params: idParams, response: { 200: contactSchema } } },
    (req) => services.contacts.get(req.actor, req.params.id),
  );
  app.get(
    "/contacts/:id/history",
    {
      schema: {
        tags,
        params: idParams,
        description: "The contact's conversations, latest messages and campaigns",
        response: { 200: contactHistorySchema },
      },
    },
    (req) => services.contacts.history(req.actor, req.params.id),
  );
  app.patch(
    "/contacts/:id",
    {
      config: { apiKey: true },
      schema: { tags, params: idParams, body: updateContactBody, response: { 200: contactSchema } },
    },
    (req) => services.contacts.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/contacts/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      if ((await services.contacts.remove(req.actor, [req.params.id])) === 0) throw contactErrors.notFound();
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/contacts/bulk-delete",
    {
      schema: {
        tags,
        body: bulkDeleteBody,
        response: { 200: z.object({ deleted: z.number() }) },
      },
    },
    async (req) => ({ deleted: await services.contacts.remove(req.actor, req.body.contactIds) }),
  );
  app.post(
    "/contacts/bulk-label",
    { schema: { tags, body: bulkLabelBody, response: { 200: z.object({ updated: z.number() }) } } },
    async (req) => ({
      updated: await services.contacts.bulkLabel(
        req.actor,
        req.body.contactIds,
        req.body.add,
        req.body.remove,
      ),
    }),
  );

  app.post(
    "/contacts/imports",
    {
      schema: {
        tags,
        consumes: ["multipart/form-data"],
        description:
          'Upload one file (CSV, XLSX, VCF, Google or Outlook export) as multipart field "file". Streams; good rows are kept, rejected rows reported by line (also rows over the contact field limits, too long, not UTF-8, or with NUL bytes). A file breaking a limit (see README "Import limits": .xlsx unpacked size, entries, compression ratio; binary data) is 422 file_rejected, a damaged one 422 file_unreadable, and the import is listed as failed; too many .xlsx parsed at once: 503 import_busy.',
        querystring: importQuery,
        response: { 201: importSummary },
      },
    },
    async (req, reply) => {
      let mapping: z.infer<typeof columnMappingSchema> | undefined;
      if (req.query.mapping) {
        let json: unknown;
        try {
          json = JSON.parse(req.query.mapping);
        } catch {
          throw contactErrors.mappingNotJson();
        }
        const parsed = columnMappingSchema.safeParse(json);
        if (!parsed.success)
          throw contactErrors.invalidMapping({
            problem: parsed.error.issues[0]
              ? `${parsed.error.issues[0].path.join(".") || "mapping"}: ${parsed.error.issues[0].message}`
              : "invalid",
          });
        mapping = parsed.data;
      }
      const summary = await withUpload(req, reply, uploadIdleMs ?? 20_000, async (file) => {
        const summary = await services.imports.run(req.actor, file.file, {
          filename: file.filename,
          format: req.query.format,
          mapping,
          delimiter: req.query.delimiter,
          labels: req.query.labels?.split(",") ?? [],
          homeOutletId: req.query.homeOutletId,
          log: req.log,
        });
        if (!file.file.readableEnded && file.file.destroyed) {
          // The body was cut short (no closing boundary): the rows read are kept, the import failed.
          await services.imports.fail(
            req.actor,
            summary.id,
            "The upload was cut short; only its beginning was imported",
          );
          throw invalidMultipart();
        }
        if (file.file.truncated) {
          // The rows read before the size limit are kept (and listed under the import); the
          // import is marked failed so nobody mistakes it for the whole file.
          await services.imports.fail(
            req.actor,
            summary.id,
            "The file is larger than the upload limit; only its beginning was imported",
          );
          throw contactErrors.importTooLarge();
        }
        return summary;
      });
      return reply.status(201).send(summary);
    },
  );
  app.post(
    "/contacts/imports/preview",
    {
      schema: {
        tags,
        consumes: ["multipart/form-data"],
        description:
          'Reads the start of a file (multipart field "file") without importing it: format, header row, first rows, and the column mapping the automatic detection would use. The same whole-file checks as the import: 422 file_rejected / file_unreadable, 503 import_busy.',
        querystring: previewQuery,
        response: { 200: importPreviewSchema },
      },
    },
    async (req, reply) =>
      withUpload(req, reply, uploadIdleMs ?? 20_000, (file) =>
        services.imports.preview(req.actor, file.file, {
          filename: file.filename,
          format: req.query.format,
          delimiter: req.query.delimiter,
        }),
      ),
  );
  app.post(
    "/contacts/imports/preview/rows",
    {
      schema: {
        tags,
        description:
          "Reads the preview's rows as the import will under a mapping (no file): the contact each becomes (E.164 phone, other numbers, name, labels, attributes) or why it is rejected.",
        body: previewRowsInputSchema,
        response: { 200: previewRowsSchema },
      },
    },
    (req) => services.imports.readRows(req.actor, req.body),
  );
  app.get("/contacts/imports", { schema: { tags, response: { 200: z.array(importSummary) } } }, (req) =>
    services.imports.list(req.actor),
  );
  app.get(
    "/contacts/imports/:id",
    { schema: { tags, params: idParams, response: { 200: importSummary } } },
    (req) => services.imports.get(req.actor, req.params.id),
  );
  app.get(
    "/contacts/imports/:id/errors",
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.object({ format: z.enum(["json", "csv"]).default("json") }),
        description: "Rejected rows with line number and reason; format=csv downloads them",
      },
    },
    async (req, reply) => {
      const rows = await services.imports.errors(req.actor, req.params.id);
      if (req.query.format === "json") return rows;
      // The same formula escaping as the contact export: a rejected row is what someone typed.
      const csv = stringify(
        rows.map((r) => [r.line, r.reason, r.raw ?? ""]),
        {
          header: true,
          columns: ["line", "reason", "row"],
          record_delimiter: "windows",
          cast: { string: spreadsheetSafe },
        },
      );
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="import-${req.params.id}-rejected.csv"`)
        .send(`\ufeff${csv}`);
    },
  );
}
