/**
 * The audit log export (`GET /audit/export`): one row per entry, newest first, headed in
 * the shop's language (src/lib/file-words.ts `audit`), the time in the shop's zone (the
 * zone in its header), the changes as JSON (secrets already redacted). Streams page by
 * page through the shared CSV/XLSX writers (src/lib/sheet-file.ts).
 */
import type { Readable } from "node:stream";
import { AUDIT_COLUMNS, fileWords } from "../../lib/file-words.js";
import { csvFile, type SheetCell, xlsxFile } from "../../lib/sheet-file.js";
import { wallClock, zoneLabel } from "../../lib/sheet-time.js";
import type { AuditEntryDto } from "./schemas.js";

/** The pages of entries to write, the shop's zone and language. */
interface AuditExportInput {
  pages: AsyncIterable<AuditEntryDto[]>;
  timeZone: string;
  language: string;
}

async function* rowsOf(input: AuditExportInput): AsyncGenerator<SheetCell[]> {
  const words = fileWords(input.language).audit;
  yield AUDIT_COLUMNS.map((c) => (c === "at" ? `${words.at} (${zoneLabel(input.timeZone)})` : words[c]));
  for await (const page of input.pages)
    for (const e of page)
      yield [
        wallClock(e.at, input.timeZone),
        e.actor.name ?? "",
        e.actor.role,
        e.action,
        e.target.type,
        e.target.id ?? "",
        e.target.name ?? "",
        e.changes ? JSON.stringify(e.changes) : "",
        e.ip ?? "",
        e.userAgent ?? "",
        e.source,
      ];
}

/** The export as CSV or XLSX bytes (worksheet "Audit"). */
export function auditFile(input: AuditExportInput, format: "csv" | "xlsx"): Readable {
  return format === "csv"
    ? csvFile(rowsOf(input))
    : xlsxFile(rowsOf(input), { name: "Audit", widths: [18, 22, 14, 24, 14, 38, 24, 60, 16, 30, 8] });
}
