/**
 * Public types of the contact file parsers. Parsing is pure: nothing here touches the
 * database; the importer consumes {@link ParseResult}s and decides what to store.
 */
import type { CountryCode } from "../../../lib/phone/normalize.js";

/**
 * Supported contact file formats:
 * - `csv`: generic CSV/TSV with a header row (columns mapped by name, see `generic-layout.ts`),
 * - `google`: Google Contacts "Google CSV" export (current and legacy column sets),
 * - `outlook`: Outlook / Outlook.com "Outlook CSV" export,
 * - `xlsx`: Excel Open XML workbook (ECMA-376), first worksheet,
 * - `vcard`: vCard 2.1, 3.0 (RFC 2426) or 4.0 (RFC 6350), one or many cards per file.
 */
export type ImportFormat = "csv" | "google" | "outlook" | "xlsx" | "vcard";

/**
 * Column choices made by the user in the import wizard; each value is a header as it
 * appears in the file (matched case-insensitively). A field left out is detected from
 * the header synonyms. `phone` may list several columns (the contact's other numbers,
 * see `buildContact`); on a Google Contacts export one `phone` column keeps Google's
 * other `Phone N - Value` columns too, a list is exactly the phone columns (see
 * google-layout.ts). `name` may list several columns, joined with spaces (first +
 * last name); `labels` may list several columns, each cell split on `,` `;` `|`. When
 * `attributes` is given, exactly those columns become attributes (key → header);
 * otherwise every other non-empty column does, with slugified keys.
 */
export interface ColumnMapping {
  phone?: string | string[];
  name?: string | string[];
  labels?: string | string[];
  attributes?: Record<string, string>;
}

/**
 * Options of `parseContacts`.
 * - `format`: skip detection (otherwise by `filename` extension and content sniffing),
 * - `mapping`: explicit columns; applies to tabular files and makes Outlook files use the
 *   generic column mapping (Google files keep Google's meaning, see google-layout.ts),
 * - `defaultCountry`: country of numbers written without `+` (default `ID`),
 * - `delimiter`: CSV field delimiter (default: detected from the header line).
 */
export interface ParseOptions {
  format?: ImportFormat;
  filename?: string;
  mapping?: ColumnMapping;
  defaultCountry?: CountryCode;
  delimiter?: string;
  /** Called once with the format used (given, or detected from the file). */
  onFormat?: (format: ImportFormat) => void;
}

/**
 * One accepted contact.
 * - `line`: 1-based line of the source (CSV record start line, xlsx sheet row number,
 *   vCard `BEGIN:VCARD` line),
 * - `phone`: E.164, e.g. `+6281234567890`,
 * - `name`: trimmed, never empty and never the phone,
 * - `attributes`: custom fields (slugified column names; `other_phones` holds the
 *   contact's other valid numbers, comma-separated E.164),
 * - `labels`: trimmed, de-duplicated,
 * - `columns`: the row's raw cell values in file order, for positional template
 *   variables `{{1}}`, `{{2}}`…; for vCard, `[name, phone]`.
 */
export interface ParsedContact {
  line: number;
  phone: string;
  name?: string;
  attributes: Record<string, string>;
  labels: string[];
  columns: string[];
}

/**
 * One rejected row: its 1-based `line`, a human `reason` (e.g. `no phone number`,
 * `invalid phone "123": too short`) and, when there is one, the `raw` row as text (CSV
 * record, xlsx cells joined as CSV, or the vCard) for the rejected-rows download.
 */
export interface RowError {
  line: number;
  reason: string;
  raw?: string;
}

/** What the parser yields for each row of the file, in file order. */
export type ParseResult = { ok: true; contact: ParsedContact } | { ok: false; error: RowError };
