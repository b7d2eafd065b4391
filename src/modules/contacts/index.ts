/**
 * The contacts module's public surface: the contact service, imports, the contact search
 * other modules filter by (campaign audiences), and the upsert other modules store contacts with.
 */
export { createContactService, type ContactService } from "./service.js";
export { createImportService, startImportSweep, type ImportSummary } from "./imports.js";
export type { ColumnMapping, ImportFormat } from "./import/index.js";
export { contactScope, contactSearch } from "./queries/filters.js";
export { upsertContacts } from "./upsert.js";
export { contactErrors } from "./errors.js";
export { importExists } from "./queries/imports.js";
export { contactById, setHomeOutletIfNone } from "./queries/contacts.js";
// The file readers, for other modules' imports of their own tables (products).
export { readCsvRows } from "./import/csv-reader.js";
export { readXlsxRows } from "./import/xlsx-reader.js";
export { checkXlsxArchive } from "./import/xlsx-guard.js";
export type { TableRow } from "./import/layout.js";
export type { RowError } from "./import/types.js";
