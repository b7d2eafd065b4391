/**
 * Contact export files: CSV (UTF-8 with BOM, CRLF, for Excel and Google Sheets) and XLSX
 * (exceljs streaming writer). Both stream: contacts are read page by page and written as
 * they come, so memory does not grow with the number of contacts.
 *
 * Columns, headed in the shop's language (`tenants.locale`, src/lib/file-words.ts): the
 * number (E.164), name, labels (`, `-separated, as the import reads them back), one column
 * per attribute key (headed by the key), opted out ("Ya"/"Yes" or empty) and when the
 * contact was added, in the shop's time zone: a real date cell ("dd/mm/yyyy hh:mm") in
 * XLSX, "06/12/2026 14:05" in CSV. The import recognises every header in both languages
 * (import/generic-layout.ts), so an exported file can be imported again.
 */
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { ContactDto } from "./schemas.js";
import { fileWords, type FileWords } from "../../lib/file-words.js";
import { SHEET_DATE_FORMAT, sheetDateText, wallClock } from "../../lib/sheet-time.js";
import { spreadsheetSafe } from "../../lib/spreadsheet-safe.js";

/** The pages of contacts to write and the attribute keys that become columns. */
interface ExportInput {
  pages: AsyncIterable<ContactDto[]>;
  attributeKeys: string[];
  /** IANA zone of the shop, for the date added. */
  timeZone: string;
  /** The shop's language (`tenants.locale`): headers and "yes". */
  language: string;
}

/** A cell: text, or a wall-clock Date (src/lib/sheet-time.ts). */
type Cell = string | Date;

/** Header row of an export in `words`' language. */
function exportHeader(attributeKeys: string[], words: FileWords): string[] {
  const h = words.contacts;
  return [h.phone, h.name, h.labels, ...attributeKeys, h.optedOut, h.createdAt];
}

/** One contact as the cells of its row, in header order; the date added is a wall-clock Date. */
function exportRow(c: ContactDto, attributeKeys: string[], timeZone: string, words: FileWords): Cell[] {
  return [
    c.phone,
    c.name ?? "",
    c.labels.join(", "),
    ...attributeKeys.map((k) => c.attributes[k] ?? ""),
    c.optedOut ? words.contacts.yes : "",
    wallClock(c.createdAt, timeZone),
  ];
}

async function* rowsOf(input: ExportInput): AsyncGenerator<Cell[]> {
  const words = fileWords(input.language);
  yield exportHeader(input.attributeKeys, words);
  for await (const page of input.pages) {
    for (const c of page) yield exportRow(c, input.attributeKeys, input.timeZone, words);
  }
}

/** The export as a CSV byte stream (BOM first, so Excel reads UTF-8). */
export function contactsCsv(input: ExportInput): Readable {
  const csv = stringify({
    record_delimiter: "windows",
    cast: { string: spreadsheetSafe, date: sheetDateText },
  });
  const out = new PassThrough();
  out.write("\ufeff");
  Readable.from(rowsOf(input))
    .on("error", (err) => csv.destroy(err))
    .pipe(csv)
    .on("error", (err) => out.destroy(err))
    .pipe(out);
  return out;
}

/** The export as an XLSX byte stream (one worksheet "Kontak", header row frozen, text cells but the date). */
export function contactsXlsx(input: ExportInput): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("Kontak", { views: [{ state: "frozen", ySplit: 1 }] });
  // Column widths go out with the sheet's first row, so they are set before any row.
  sheet.columns = exportHeader(input.attributeKeys, fileWords(input.language)).map((_, i) => ({
    width: i === 0 ? 18 : 22,
  }));
  const write = async () => {
    let first = true;
    for await (const cells of rowsOf(input)) {
      const row = sheet.addRow(cells);
      if (first) row.font = { bold: true };
      else row.getCell(cells.length).numFmt = SHEET_DATE_FORMAT;
      first = false;
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
