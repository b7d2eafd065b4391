/**
 * Contact file parsing for imports: CSV (generic, Google Contacts, Outlook), Excel .xlsx
 * and vCard, streamed row by row into validated contacts (E.164 phones) and per-row
 * errors. Pure: no database access; the importer decides what to store.
 *
 * ```ts
 * for await (const result of parseContacts(createReadStream(path), { filename: 'kontak.csv' })) {
 *   if (result.ok) save(result.contact); else reject(result.error);
 * }
 * ```
 */
import type { Readable } from "node:stream";
import { readCsvRows } from "./csv-reader.js";
import { detectFormat, isZip, sniffHeaders } from "./detect.js";
import { genericLayout } from "./generic-layout.js";
import { googleLayout } from "./google-layout.js";
import { rankForLabel } from "./contact.js";
import { mapRow, type LayoutChoice, type PhoneColumn, type TableLayout, type TableRow } from "./layout.js";
import { outlookLayout } from "./outlook-layout.js";
import { peekHead } from "./stream-head.js";
import { isBlankRow, parseTable } from "./tabular.js";
import type { ColumnMapping, ImportFormat, ParseOptions, ParseResult, RowError } from "./types.js";
import { mapCard } from "./vcard-mapper.js";
import { readCards } from "./vcard-reader.js";
import { xlsxSlots } from "./parse-slots.js";
import { assertTextFile } from "./text-check.js";
import { bufferXlsx, checkXlsxArchive } from "./xlsx-guard.js";
import { readXlsxRows } from "./xlsx-reader.js";

export type {
  ColumnMapping,
  ImportFormat,
  ParsedContact,
  ParseOptions,
  ParseResult,
  RowError,
} from "./types.js";

/** Bytes read ahead for format detection: enough for a Google export's long header line. */
const HEAD_BYTES = 16 * 1024;

/**
 * The input with its format decided, ready to read from the start. An .xlsx waits for
 * one of the process's parse slots (`release` gives it back) and is checked as an archive
 * first (see xlsx-guard.ts); a text format is refused when its first bytes are binary.
 * @throws KabarError 422 `file_rejected` / `file_unreadable`, 503 `import_busy`
 */
async function openInput(
  input: NodeJS.ReadableStream | Readable,
  opts: ParseOptions,
): Promise<{ head: Buffer; stream: Readable; format: ImportFormat; release: () => void }> {
  const { head, stream } = await peekHead(input, HEAD_BYTES);
  const format = opts.format ?? detectFormat(opts.filename, head);
  if (format === "xlsx" && isZip(head)) {
    let release: (() => void) | undefined;
    try {
      release = await xlsxSlots.acquire();
      const checked = await checkXlsxArchive(await bufferXlsx(stream));
      return { head, stream: checked, format, release };
    } catch (error) {
      release?.();
      stream.destroy();
      throw error;
    }
  }
  if (format !== "xlsx" && head.length > 0) {
    try {
      assertTextFile(head);
    } catch (error) {
      stream.destroy();
      throw error;
    }
  }
  return { head, stream, format, release: () => {} };
}

function tableRows(
  format: ImportFormat,
  stream: Readable,
  head: Buffer,
  opts: ParseOptions,
): AsyncIterable<TableRow | RowError> {
  return format === "xlsx" ? readXlsxRows(stream, head) : readCsvRows(stream, opts.delimiter);
}

/**
 * The layout for a header row; an xlsx is sniffed by its header row. An explicit mapping
 * uses the generic layout, except on a Google Contacts export, where Google's meaning of
 * its columns is kept (see googleLayout).
 */
function chooseLayout(
  format: ImportFormat,
  headers: string[],
  mapping: ColumnMapping | undefined,
): LayoutChoice {
  switch (format === "xlsx" ? sniffHeaders(headers) : format) {
    case "google":
      return googleLayout(headers, mapping);
    case "outlook":
      return mapping ? genericLayout(headers, mapping) : outlookLayout(headers);
    default:
      return genericLayout(headers, mapping);
  }
}

/**
 * Parses a contact file as a stream, yielding one {@link ParseResult} per data row or
 * card, in file order: accepted contacts and rejected rows (with line and reason) mixed,
 * so an import can report progress and keep going past bad rows. Memory use does not
 * grow with the file. Problems with the whole file come as a single error: no phone
 * column (at the header's line, normally 1), empty file or not an .xlsx (at line 1).
 * I/O errors of `input` are thrown; a file that may not or cannot be read at all (zip
 * bomb, damaged workbook, binary data) throws KabarError 422 `file_rejected` /
 * `file_unreadable` (contacts/errors.ts), too many parallel .xlsx parses 503 `import_busy`. Stopping the iteration early
 * destroys `input`.
 *
 * @param input the file's bytes (UTF-8 text for CSV and vCard)
 * @param opts format, filename for detection, column mapping, default country (`ID`), CSV delimiter
 */
export async function* parseContacts(
  input: NodeJS.ReadableStream | Readable,
  opts: ParseOptions = {},
): AsyncIterable<ParseResult> {
  const { head, stream, format, release } = await openInput(input, opts);
  opts.onFormat?.(format);
  const country = opts.defaultCountry ?? "ID";
  try {
    if (format === "vcard") {
      for await (const card of readCards(stream)) {
        yield "text" in card ? mapCard(card, country) : { ok: false, error: card };
      }
    } else {
      const layoutFor = (headers: string[]): LayoutChoice => chooseLayout(format, headers, opts.mapping);
      yield* parseTable(tableRows(format, stream, head, opts), layoutFor, country);
    }
  } finally {
    stream.destroy();
    release();
  }
}

/**
 * The start of a tabular file for an import wizard's column-mapping step.
 * - `headers`: the first non-blank row (trimmed), `line`: its line,
 * - `rows`: up to `rows` following non-blank rows' raw cells (rows with a broken
 *   quote are left out).
 * vCard files have no columns: `headers` and `rows` are empty.
 */
interface ImportPreview {
  format: ImportFormat;
  line: number;
  headers: string[];
  rows: string[][];
}

/**
 * Reads only the beginning of a contact file (then destroys `input`) and returns its
 * format, header row and first `rows` data rows (default 5).
 */
export async function previewHeaders(
  input: NodeJS.ReadableStream | Readable,
  opts: ParseOptions & { rows?: number } = {},
): Promise<ImportPreview> {
  const { head, stream, format, release } = await openInput(input, opts);
  const preview: ImportPreview = { format, line: 1, headers: [], rows: [] };
  try {
    if (format === "vcard") return preview;
    for await (const row of tableRows(format, stream, head, opts)) {
      if (!("cells" in row) || isBlankRow(row)) continue;
      if (preview.headers.length === 0) {
        preview.line = row.line;
        preview.headers = row.cells.map((cell) => cell.trim());
      } else if (preview.rows.length < (opts.rows ?? 5)) {
        preview.rows.push(row.cells);
      }
      if (preview.rows.length >= (opts.rows ?? 5)) break;
    }
    return preview;
  } finally {
    stream.destroy();
    release();
  }
}

/**
 * Reads a preview's rows exactly as the import will (same layout choice for the format,
 * same row mapper, same phone normalisation), so the wizard shows what will be stored:
 * `rows[i]` is data row `i` (its line counted from the header's `line`), an accepted
 * contact (E.164 phone, other numbers in `attributes.other_phones`) or a rejected row with
 * its reason. `problem` is why the header row cannot be imported under `mapping` (then
 * there are no rows). Pass the mapping the import will be given: none keeps the
 * automatic detection (a Google or Outlook export's own meaning).
 */
export function readPreviewRows(
  format: ImportFormat,
  headers: string[],
  rows: string[][],
  opts: { line: number; mapping?: ColumnMapping },
): { problem: string | null; rows: ParseResult[] } {
  if (format === "vcard") return { problem: null, rows: [] };
  const layout = chooseLayout(format, headers, opts.mapping);
  if (typeof layout === "string") return { problem: layout, rows: [] };
  return {
    problem: null,
    rows: rows.map((cells, i) =>
      mapRow(layout, { line: opts.line + 1 + i, cells, raw: cells.join(",") }, "ID"),
    ),
  };
}

/**
 * What the automatic detection would do with a header row, as a {@link ColumnMapping} of
 * header names for an import wizard to show and let the user change: the phone columns
 * (one header, or a list with the preferred column first: a file with several phone
 * columns such as a Google or Outlook export imports them all, the others as the
 * contact's other numbers), the first name alternative (one or more columns), the label
 * columns and the attribute columns with their keys. `problem` is why the automatic
 * detection cannot import the file (e.g. no phone column), else null.
 */
export function suggestMapping(
  format: ImportFormat,
  headers: string[],
): { mapping: ColumnMapping; problem: string | null } {
  if (format === "vcard") return { mapping: { attributes: {} }, problem: null };
  const layout = chooseLayout(format, headers, undefined);
  if (typeof layout === "string") return { mapping: { attributes: {} }, problem: layout };
  return { mapping: layoutAsMapping(layout, headers), problem: null };
}

function layoutAsMapping(layout: TableLayout, headers: string[]): ColumnMapping {
  const header = (index: number): string => headers[index] ?? "";
  // Lower rank wins (a WA/HP column over Telepon); per-row labelled columns keep file order.
  const rank = (column: PhoneColumn): number =>
    column.labelIndex === undefined ? rankForLabel(column.label ?? "") : Number.MAX_SAFE_INTEGER;
  const phones = [...layout.phones].sort((a, b) => rank(a) - rank(b)).map((column) => header(column.index));
  const name = layout.names[0]?.map(header) ?? [];
  return {
    ...(phones.length > 0 ? { phone: phones.length === 1 ? phones[0]! : phones } : {}),
    ...(name.length > 0 ? { name: name.length === 1 ? name[0]! : name } : {}),
    labels: layout.labels.map((column) => header(column.index)),
    attributes: Object.fromEntries(layout.attributes.map((column) => [column.key, header(column.index)])),
  };
}
