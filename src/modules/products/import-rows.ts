/**
 * The rules of a product import file, without I/O: which header names which column
 * (Indonesian and English), and how one row's cells become a product or a list of
 * problems. The reading of the file (CSV, .xlsx) is the contacts module's readers'.
 */
import type { Bilingual } from "../../lib/errors.js";
import { PRODUCT_LIMITS, type ProductImportError } from "./schemas.js";

/** A column of the import, as the API and the error report name it. */
export type ImportColumn = "sku" | "name" | "price" | "category" | "consumptionDays" | "active";

/**
 * Header spellings per column, compared after lower-casing and dropping everything but
 * letters and digits ("Hari Habis" → "harihabis", "Consumption days" → "consumptiondays").
 */
const HEADERS: Record<ImportColumn, readonly string[]> = {
  sku: ["sku", "kode", "kodeproduk", "kodesku", "productcode"],
  name: ["name", "nama", "namaproduk", "product", "productname", "produk"],
  price: ["price", "harga", "hargarp", "pricerp", "hargajual"],
  category: ["category", "kategori"],
  consumptionDays: [
    "consumptiondays",
    "consumptioninterval",
    "interval",
    "intervalhari",
    "harihabis",
    "habisdalamhari",
    "days",
    "hari",
  ],
  active: ["active", "aktif", "status"],
};

const REQUIRED: readonly ImportColumn[] = ["sku", "name", "price"];

const squash = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Column index per recognised header (first occurrence wins); unknown headers are ignored. */
export type ColumnMap = Partial<Record<ImportColumn, number>>;

/**
 * Reads the header row.
 * @returns the columns found, or the missing required ones (SKU, name, price) as a message
 */
export function mapHeaders(headers: readonly string[]): { columns: ColumnMap } | { missing: Bilingual } {
  const columns: ColumnMap = {};
  headers.forEach((header, index) => {
    const key = squash(header);
    for (const column of Object.keys(HEADERS) as ImportColumn[]) {
      if (columns[column] === undefined && HEADERS[column].includes(key)) columns[column] = index;
    }
  });
  const missing = REQUIRED.filter((c) => columns[c] === undefined);
  if (missing.length === 0) return { columns };
  const id = { sku: "SKU", name: "nama", price: "harga" };
  const en = { sku: "SKU", name: "name", price: "price" };
  return {
    missing: {
      id: `kolom ${missing.map((c) => id[c as keyof typeof id]).join(", ")} tidak ada di baris judul`,
      en: `the header row has no ${missing.map((c) => en[c as keyof typeof en]).join(", ")} column`,
    },
  };
}

/**
 * A rupiah amount as shops write it: "15000", "15.000", "Rp15.000", "Rp 15.000,00",
 * "IDR 15,000" (a comma or dot between groups of three digits is a thousands separator;
 * a trailing ",00"/".00" is accepted). Cents other than zero are refused (prices are whole rupiah).
 * @returns the amount, or null when the text is not a non-negative whole rupiah amount
 */
export function parseRupiah(text: string): number | null {
  const t = text
    .trim()
    .replace(/^(rp\.?|idr)\s*/i, "")
    .replace(/\s/g, "");
  let digits: string | null = null;
  if (/^\d+$/.test(t)) digits = t;
  else if (/^\d{1,3}(\.\d{3})+(,0{1,2})?$/.test(t)) digits = t.replace(/,0+$/, "").replace(/\./g, "");
  else if (/^\d{1,3}(,\d{3})+(\.0{1,2})?$/.test(t)) digits = t.replace(/\.0+$/, "").replace(/,/g, "");
  else if (/^\d+[.,]0{1,2}$/.test(t)) digits = t.replace(/[.,]0+$/, "");
  if (digits === null) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) && value <= 2_000_000_000 ? value : null;
}

const YES = new Set(["ya", "y", "yes", "true", "1", "aktif", "active", "on"]);
const NO = new Set(["tidak", "t", "no", "n", "false", "0", "nonaktif", "inactive", "off"]);

/** A product read from one row; a column absent from the file is absent here (left as it is on update). */
export interface ImportedProduct {
  line: number;
  sku: string;
  name: string;
  price: number;
  category?: string | null;
  consumptionDays?: number | null;
  active?: boolean;
}

const problem = (line: number, field: ImportColumn, id: string, en: string): ProductImportError => ({
  line,
  field,
  message: { id, en },
});

/**
 * One data row. Present columns are applied as written: an empty category or interval
 * clears it, an empty active cell means active.
 * @returns the product, or every problem of the row (each naming its column)
 */
export function readProductRow(
  columns: ColumnMap,
  line: number,
  cells: readonly string[],
): { ok: true; product: ImportedProduct } | { ok: false; errors: ProductImportError[] } {
  const cell = (c: ImportColumn): string | undefined => {
    const index = columns[c];
    return index === undefined ? undefined : (cells[index] ?? "").trim();
  };
  const errors: ProductImportError[] = [];
  const sku = cell("sku") ?? "";
  if (sku === "") errors.push(problem(line, "sku", "SKU kosong", "SKU is empty"));
  else if (sku.length > PRODUCT_LIMITS.sku)
    errors.push(
      problem(
        line,
        "sku",
        `SKU maksimal ${PRODUCT_LIMITS.sku} karakter`,
        `SKU is over ${PRODUCT_LIMITS.sku} characters`,
      ),
    );
  const name = cell("name") ?? "";
  if (name === "") errors.push(problem(line, "name", "Nama kosong", "Name is empty"));
  else if (name.length > PRODUCT_LIMITS.name)
    errors.push(
      problem(
        line,
        "name",
        `Nama maksimal ${PRODUCT_LIMITS.name} karakter`,
        `Name is over ${PRODUCT_LIMITS.name} characters`,
      ),
    );
  const priceText = cell("price") ?? "";
  const price = parseRupiah(priceText);
  if (price === null)
    errors.push(
      problem(
        line,
        "price",
        `Harga "${priceText}" bukan rupiah bulat ≥ 0 (contoh: 15000, 15.000, Rp15.000)`,
        `Price "${priceText}" is not whole rupiah ≥ 0 (e.g. 15000, 15.000, Rp15.000)`,
      ),
    );
  const product: ImportedProduct = { line, sku, name, price: price ?? 0 };
  const category = cell("category");
  if (category !== undefined) {
    if (category.length > PRODUCT_LIMITS.category)
      errors.push(
        problem(
          line,
          "category",
          `Kategori maksimal ${PRODUCT_LIMITS.category} karakter`,
          `Category is over ${PRODUCT_LIMITS.category} characters`,
        ),
      );
    product.category = category === "" ? null : category;
  }
  const days = cell("consumptionDays");
  if (days !== undefined) {
    const n = Number(days);
    if (days === "") product.consumptionDays = null;
    else if (/^\d+$/.test(days) && n >= 1 && n <= 3650) product.consumptionDays = n;
    else
      errors.push(
        problem(
          line,
          "consumptionDays",
          `Hari habis "${days}" harus bilangan bulat 1–3650 atau kosong`,
          `Consumption days "${days}" must be a whole number 1–3650 or empty`,
        ),
      );
  }
  const active = cell("active")?.toLowerCase();
  if (active !== undefined) {
    if (active === "" || YES.has(active)) product.active = true;
    else if (NO.has(active)) product.active = false;
    else
      errors.push(
        problem(
          line,
          "active",
          `Aktif "${active}" harus ya atau tidak`,
          `Active "${active}" must be yes or no`,
        ),
      );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, product };
}
