/**
 * The two file formats Kabar writes rows in for people to open: CSV (UTF-8 with BOM and
 * CRLF, for Excel and Google Sheets; text cells spreadsheet-safe, dates day first) and
 * XLSX (exceljs streaming writer; header bold and frozen; dates as real date cells).
 * Both stream: rows are written as they come from an async source.
 */
import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { SHEET_DATE_FORMAT, sheetDateText } from "./sheet-time.js";
import { spreadsheetSafe } from "./spreadsheet-safe.js";

/** A cell: text, a number (rupiah, counts), or a wall-clock Date (sheet-time.ts). */
export type SheetCell = string | number | Date;

/** Rows as CSV bytes, the first row being the header. */
export function csvFile(rows: AsyncIterable<SheetCell[]>): Readable {
  const csv = stringify({
    record_delimiter: "windows",
    cast: { string: spreadsheetSafe, date: sheetDateText, number: String },
  });
  const out = new PassThrough();
  out.write("\ufeff");
  Readable.from(rows)
    .on("error", (err) => csv.destroy(err))
    .pipe(csv)
    .on("error", (err) => out.destroy(err))
    .pipe(out);
  return out;
}

/** How the XLSX sheet looks: its name, each column's width (characters), the rupiah columns' format. */
interface SheetLayout {
  name: string;
  widths: number[];
  /** 0-based columns shown as whole rupiah with thousands grouping. */
  moneyColumns?: number[];
}

/** Rows as XLSX bytes in one worksheet, the first row being the header. */
export function xlsxFile(rows: AsyncIterable<SheetCell[]>, layout: SheetLayout): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(layout.name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = layout.widths.map((width) => ({ width }));
  const money = new Set(layout.moneyColumns ?? []);
  const write = async () => {
    let first = true;
    for await (const cells of rows) {
      const row = sheet.addRow(cells);
      if (first) row.font = { bold: true };
      else {
        cells.forEach((c, i) => {
          if (c instanceof Date) row.getCell(i + 1).numFmt = SHEET_DATE_FORMAT;
          else if (money.has(i)) row.getCell(i + 1).numFmt = "#,##0";
        });
      }
      first = false;
      row.commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
