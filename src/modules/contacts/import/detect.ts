/**
 * Detection of a contact file's format from its name and first bytes.
 */
import { extname } from "node:path";
import { detectDelimiter, splitCsvLine } from "./csv-reader.js";
import { isGoogleHeader } from "./google-layout.js";
import { isOutlookHeader } from "./outlook-layout.js";
import type { ImportFormat } from "./types.js";

/** Local file header signature of a ZIP archive ("PK\3\4"), which every .xlsx is (ECMA-376 Part 2). */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** True when `head` starts with the ZIP local file header signature. */
export function isZip(head: Buffer): boolean {
  return head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC);
}

/** The tabular formats told apart by their header row. */
type TableFormat = Extract<ImportFormat, "csv" | "google" | "outlook">;

/**
 * Which tabular format a header row belongs to: `google` when it has `Phone N - Value`
 * columns, `outlook` when it has Outlook's First/Last Name plus phone/e-mail/category
 * columns, else `csv` (generic mapping by header synonyms).
 */
export function sniffHeaders(headers: readonly string[]): TableFormat {
  if (isGoogleHeader(headers)) return "google";
  if (isOutlookHeader(headers)) return "outlook";
  return "csv";
}

/**
 * The format of a contact file. Content wins over the name: a ZIP signature means
 * `xlsx`, text starting with `BEGIN:VCARD` (RFC 6350 §3.3) means `vcard`. Otherwise the
 * extension decides `.vcf`/`.vcard` → `vcard` and `.xlsx`/`.xls` → `xlsx` (a legacy
 * .xls is then reported as unsupported), and any other text is CSV, told apart as
 * `google`, `outlook` or `csv` by its first line (see {@link sniffHeaders}).
 *
 * @param filename the uploaded file's name, if known
 * @param head the first bytes of the file (a few kilobytes: enough for the header line)
 */
export function detectFormat(filename: string | undefined, head: Buffer): ImportFormat {
  if (isZip(head)) return "xlsx";
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  if (/^\s*BEGIN:VCARD/i.test(text)) return "vcard";
  const extension = extname(filename ?? "").toLowerCase();
  if (extension === ".vcf" || extension === ".vcard") return "vcard";
  if (extension === ".xlsx" || extension === ".xls") return "xlsx";
  const headerLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  return sniffHeaders(splitCsvLine(headerLine, detectDelimiter(headerLine)));
}
