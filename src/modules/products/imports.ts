/**
 * Product imports from CSV and .xlsx: the file is read with the contacts module's readers
 * (CSV quoting and encoding checks; the .xlsx archive checks against zip bombs), each row
 * checked by `import-rows.ts`, and the good rows upserted by SKU (any case) in one
 * transaction while the bad ones are reported by line and column.
 */
import { Readable } from "node:stream";
import type { Db } from "../../db/client.js";
import {
  checkXlsxArchive,
  readCsvRows,
  readXlsxRows,
  type RowError,
  type TableRow,
} from "../contacts/index.js";
import { productErrors } from "./errors.js";
import { mapHeaders, readProductRow, type ColumnMap, type ImportedProduct } from "./import-rows.js";
import { insertProducts, productIdsBySku, updateProduct } from "./queries.js";
import type { ProductImportError, ProductImportResult } from "./schemas.js";

/** Most data rows a product file may have: 10,000 (a shop's catalogue is hundreds). */
export const MAX_IMPORT_ROWS = 10_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The file's rows: an .xlsx workbook when it starts with the ZIP signature, CSV otherwise. */
async function rowsOf(file: Buffer): Promise<AsyncIterable<TableRow | RowError>> {
  if (file.subarray(0, 4).equals(ZIP_MAGIC))
    return readXlsxRows(await checkXlsxArchive(file), file.subarray(0, 8));
  return readCsvRows(Readable.from([file]));
}

/** Reads every row: the header's columns, the products of the good rows, the problems of the bad ones. */
async function readFile(file: Buffer): Promise<{
  products: ImportedProduct[];
  columns: ColumnMap;
  errors: ProductImportError[];
  rejectedLines: Set<number>;
}> {
  let columns: ColumnMap | undefined;
  const good: ImportedProduct[] = [];
  const errors: ProductImportError[] = [];
  const rejectedLines = new Set<number>();
  const firstLine = new Map<string, number>();
  let dataRows = 0;
  for await (const row of await rowsOf(file)) {
    if (!("cells" in row)) {
      errors.push({ line: row.line, field: "file", message: { id: row.reason, en: row.reason } });
      rejectedLines.add(row.line);
      continue;
    }
    if (row.cells.every((c) => c.trim() === "")) continue;
    if (!columns) {
      const header = mapHeaders(row.cells.map((c) => c.trim()));
      if ("missing" in header) throw productErrors.unreadableFile(header.missing);
      columns = header.columns;
      continue;
    }
    if (++dataRows > MAX_IMPORT_ROWS) throw productErrors.tooManyRows({ limit: MAX_IMPORT_ROWS });
    const read = readProductRow(columns, row.line, row.cells);
    if (!read.ok) {
      errors.push(...read.errors);
      rejectedLines.add(row.line);
      continue;
    }
    const key = read.product.sku.toLowerCase();
    const first = firstLine.get(key);
    if (first !== undefined) {
      errors.push({
        line: row.line,
        field: "sku",
        message: {
          id: `SKU ${read.product.sku} sudah ada di baris ${first}`,
          en: `SKU ${read.product.sku} already appears on line ${first}`,
        },
      });
      rejectedLines.add(row.line);
      continue;
    }
    firstLine.set(key, row.line);
    good.push(read.product);
  }
  if (!columns) {
    throw productErrors.unreadableFile({ id: "file kosong", en: "the file is empty" });
  }
  return { products: good, columns, errors, rejectedLines };
}

/**
 * Imports a product file into the shop: rows whose SKU the shop has (any case) update that
 * product (the SKU keeps the file's spelling), the others are created.
 * @throws KabarError 400 `too_many_rows` (over {@link MAX_IMPORT_ROWS}), 400
 *   `invalid_product_file` (no header, a required column missing), 422 `file_rejected` /
 *   `file_unreadable` for an .xlsx the archive checks refuse or that is damaged
 */
export async function importProducts(db: Db, tenantId: string, file: Buffer): Promise<ProductImportResult> {
  const read = await readFile(file);
  try {
    return await upsert(db, tenantId, read);
  } catch (err) {
    // Another import (or a person) added one of these SKUs meanwhile: look again, once.
    if (!isUniqueViolation(err)) throw err;
    return upsert(db, tenantId, read);
  }
}

const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string }).code === "23505" ||
  (err as { cause?: { code?: string } }).cause?.code === "23505";

/** Creates the rows whose SKU the shop lacks and updates the others, in one transaction. */
async function upsert(
  db: Db,
  tenantId: string,
  read: Awaited<ReturnType<typeof readFile>>,
): Promise<ProductImportResult> {
  const existing = await productIdsBySku(
    db,
    tenantId,
    read.products.map((p) => p.sku),
  );
  const toCreate: ImportedProduct[] = [];
  const toUpdate: { id: string; p: ImportedProduct }[] = [];
  for (const p of read.products) {
    const id = existing.get(p.sku.toLowerCase());
    if (id) toUpdate.push({ id, p });
    else toCreate.push(p);
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < toCreate.length; i += 1000) {
      await insertProducts(
        tx,
        tenantId,
        toCreate.slice(i, i + 1000).map(({ line: _line, ...p }) => p),
      );
    }
    for (const { id, p } of toUpdate) {
      const { line: _line, ...patch } = p;
      await updateProduct(tx, tenantId, id, patch);
    }
  });
  const errors = read.errors.sort((a, b) => a.line - b.line);
  return {
    created: toCreate.length,
    updated: toUpdate.length,
    rejected: read.rejectedLines.size,
    errors,
  };
}

/** Largest product file: 16 MB (10,000 rows of the longest cells are about 5 MB). */
const MAX_IMPORT_BYTES = 16 * 1024 * 1024;

/**
 * Reads an upload to the end into memory.
 * @throws KabarError 413 `file_too_large` past {@link MAX_IMPORT_BYTES}
 */
export async function bufferUpload(input: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > MAX_IMPORT_BYTES) throw productErrors.fileTooLarge({ mb: MAX_IMPORT_BYTES / 1024 / 1024 });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
