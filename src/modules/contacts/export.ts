/**
 * Contact export files: CSV (UTF-8 with BOM, CRLF, for Excel and Google Sheets) and XLSX
 * (exceljs streaming writer). Both stream: contacts are read page by page and written as
 * they come, so memory does not grow with the number of contacts.
 *
 * Columns: phone (E.164), name, labels (`, `-separated, as the import reads them back),
 * one column per attribute key, opted_out (`yes`/empty), created_at (the shop's local
 * time, `YYYY-MM-DD HH:mm`). The header names are the ones the import recognises, so an
 * exported file can be imported again.
 */
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { ContactDto } from "./schemas.js";
import { spreadsheetSafe } from "./spreadsheet.js";

/** The pages of contacts to write and the attribute keys that become columns. */
export interface ExportInput {
  pages: AsyncIterable<ContactDto[]>;
  attributeKeys: string[];
  /** IANA zone of the shop, for `created_at`. */
  timeZone: string;
}

/** Header row of an export. */
export function exportHeader(attributeKeys: string[]): string[] {
  return ["phone", "name", "labels", ...attributeKeys, "opted_out", "created_at"];
}

/** `2026-11-21 17:05` in `timeZone`. */
function localTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** One contact as the cells of its row (strings, in header order). */
export function exportRow(c: ContactDto, attributeKeys: string[], timeZone: string): string[] {
  return [
    c.phone,
    c.name ?? "",
    c.labels.join(", "),
    ...attributeKeys.map((k) => c.attributes[k] ?? ""),
    c.optedOut ? "yes" : "",
    localTime(c.createdAt, timeZone),
  ];
}

async function* rowsOf(input: ExportInput): AsyncGenerator<string[]> {
  yield exportHeader(input.attributeKeys);
  for await (const page of input.pages) {
    for (const c of page) yield exportRow(c, input.attributeKeys, input.timeZone);
  }
}

/** The export as a CSV byte stream (BOM first, so Excel reads UTF-8). */
export function contactsCsv(input: ExportInput): Readable {
  const csv = stringify({ record_delimiter: "windows", cast: { string: spreadsheetSafe } });
  const out = new PassThrough();
  out.write("\ufeff");
  Readable.from(rowsOf(input))
    .on("error", (err) => csv.destroy(err))
    .pipe(csv)
    .on("error", (err) => out.destroy(err))
    .pipe(out);
  return out;
}

/** The export as an XLSX byte stream (one worksheet "Kontak", header row frozen, every cell text). */
export function contactsXlsx(input: ExportInput): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("Kontak", { views: [{ state: "frozen", ySplit: 1 }] });
  // Column widths go out with the sheet's first row, so they are set before any row.
  sheet.columns = exportHeader(input.attributeKeys).map((_, i) => ({ width: i === 0 ? 18 : 22 }));
  const write = async () => {
    let first = true;
    for await (const cells of rowsOf(input)) {
      const row = sheet.addRow(cells);
      if (first) row.font = { bold: true };
      first = false;
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
