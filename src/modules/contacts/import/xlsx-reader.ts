/**
 * Streaming rows of the first worksheet of an .xlsx workbook (exceljs WorkbookReader:
 * the ZIP is unpacked and the sheet XML parsed as it arrives, rows are not kept).
 */
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { CellValue } from "exceljs";
import { KabarError } from "../../../lib/errors.js";
import { isZip } from "./detect.js";
import { contactErrors } from "../errors.js";
import type { TableRow } from "./layout.js";
import type { RowError } from "./types.js";

/**
 * The text of a cell as the user sees it: integers without exponent or decimals (a phone
 * typed as a number, 6281234567890, stays "6281234567890"), rich text concatenated,
 * a formula's cached result, a hyperlink's text, a date as YYYY-MM-DD, errors as "".
 */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result as CellValue);
  if ("hyperlink" in value) return cellText(value.text as CellValue);
  return "";
}

/** A row's cells as one CSV line, so rejected xlsx rows can be downloaded like CSV ones. */
function csvLine(cells: string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(",");
}

/**
 * Yields every row of the first worksheet with its sheet row number as `line` and its
 * cells from column A to the last filled one. `head` (the file's first bytes) is checked
 * for the ZIP signature first: anything else, such as a legacy binary .xls, yields a
 * single error at line 1. A corrupt workbook throws KabarError 422 `file_unreadable`.
 * `input` must already have passed the archive checks of xlsx-guard.ts.
 */
export async function* readXlsxRows(input: Readable, head: Buffer): AsyncGenerator<TableRow | RowError> {
  if (!isZip(head)) {
    yield {
      line: 1,
      reason: "not an .xlsx workbook (legacy .xls is not supported: save the file as .xlsx or CSV)",
    };
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = row.values as CellValue[];
        const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, index) =>
          cellText(values[index + 1]),
        );
        yield { line: row.number, cells, raw: csvLine(cells) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof KabarError) throw error;
    // The parser's own message (offsets, internal names) is not for the user.
    throw Object.assign(contactErrors.fileUnreadable({ what: ".xlsx" }), { cause: error });
  }
}
