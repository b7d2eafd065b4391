/**
 * Product export files, in the shop's language: CSV (UTF-8 with BOM, CRLF, for Excel) and
 * .xlsx. The columns are the import's (SKU, name, price in whole rupiah, category,
 * consumption days, active yes/no), headed with names the import reads back
 * (`import-rows.ts`), so an exported file can be edited and imported again.
 */
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { ProductRow } from "./queries.js";

const HEADERS = {
  id: { header: ["SKU", "Nama", "Harga", "Kategori", "Hari Habis", "Aktif"], yes: "ya", no: "tidak" },
  en: { header: ["SKU", "Name", "Price", "Category", "Consumption Days", "Active"], yes: "yes", no: "no" },
} as const;

/**
 * A text cell made safe for spreadsheets (OWASP "CSV injection"): text a spreadsheet
 * would run as a formula gets a leading `'`.
 */
const safe = (cell: string): string => (/^[=@\t\r+-]/.test(cell) ? `'${cell}` : cell);

function rows(products: ProductRow[], language: string): (string | number)[][] {
  const words = language === "en" ? HEADERS.en : HEADERS.id;
  return [
    [...words.header],
    ...products.map((p) => [
      safe(p.sku),
      safe(p.name),
      p.price,
      safe(p.category ?? ""),
      p.consumptionDays ?? "",
      p.active ? words.yes : words.no,
    ]),
  ];
}

/** The catalogue as a CSV file (BOM first, so Excel reads UTF-8). */
export function productsCsv(products: ProductRow[], language: string): Buffer {
  return Buffer.from(`\uFEFF${stringify(rows(products, language), { record_delimiter: "\r\n" })}`);
}

/** The catalogue as an .xlsx workbook of one sheet; prices are number cells. */
export async function productsXlsx(products: ProductRow[], language: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === "en" ? "Products" : "Produk");
  for (const row of rows(products, language)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
