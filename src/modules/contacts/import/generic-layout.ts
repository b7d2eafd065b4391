/**
 * Column detection for generic contact tables (CSV, TSV, xlsx) by header name, with the
 * English and Indonesian headers small businesses actually use.
 */
import { FILE_WORDS } from "../../../lib/file-words.js";
import { describeHeaders, findHeader, findHeaders, slugify } from "./headers.js";
import { splitOn } from "./layout.js";
import type { LayoutChoice, TableLayout } from "./layout.js";
import type { ColumnMapping } from "./types.js";

/** Headers of a phone column (compared after `normalizeHeader`, so "No. HP" matches "no hp"). */
const PHONE_HEADERS = [
  "phone",
  "phone number",
  "telepon",
  "telp",
  "no telp",
  "no telepon",
  "nomor telepon",
  "no hp",
  "nomor",
  "nomor hp",
  "nomer hp",
  "hp",
  "handphone",
  "no handphone",
  "whatsapp",
  "no whatsapp",
  "nomor whatsapp",
  "wa",
  "no wa",
  "nomor wa",
  "mobile",
  "mobile phone",
  "mobile number",
  "msisdn",
  // The number column of Kabar's own export, in each language ("Nomor", "Number").
  ...Object.values(FILE_WORDS).map((w) => w.contacts.phone),
];
/** Headers of a full-name column. */
const NAME_HEADERS = ["name", "nama", "nama lengkap", "full name", "contact", "contact name", "nama kontak"];
/** Headers of split name columns, used when there is no full-name column. */
const FIRST_NAME_HEADERS = ["first name", "given name", "nama depan"];
const LAST_NAME_HEADERS = ["last name", "family name", "surname", "nama belakang"];
/** Headers of a labels column. */
const LABEL_HEADERS = ["label", "labels", "tags", "tag", "grup", "group", "kategori", "category"];

/**
 * Columns of Kabar's own contact export that describe the contact's record rather than
 * the customer (see src/modules/contacts/export.ts), in each language and as written before
 * issue 11: never turned into attributes, so an exported file imports back unchanged.
 */
const EXPORT_ONLY_HEADERS = [
  "opted_out",
  "created_at",
  ...Object.values(FILE_WORDS).flatMap((w) => [w.contacts.optedOut, w.contacts.createdAt]),
];

/** Separators between several labels in one generic cell. */
const splitLabels = splitOn(/[,;|]/);

/**
 * The layout of a generic table. Phone columns: `mapping.phone` (one or more columns), else every column with
 * a phone header (a `WA`/`HP`/`Mobile` header is preferred over `Telepon`). Name:
 * `mapping.name` (its columns joined with spaces), else a full-name column, else first + last name columns. Labels:
 * `mapping.labels` (one or more columns), else every label column, split on `,` `;` `|`. Attributes:
 * `mapping.attributes` exactly, else every other column with a header, keyed by
 * `slugify(header)` (`Kota Asal` → `kota_asal`; a repeated key gets `_2`, `_3`…), except
 * the record columns of Kabar's own export (opted out, date added).
 * Returns an error message when there is no phone column or a mapped header is missing.
 */
export function genericLayout(headers: readonly string[], mapping: ColumnMapping = {}): LayoutChoice {
  const missing: string[] = [];
  const mapped = (header: string): number => {
    const index = findHeader(headers, header);
    if (index < 0) missing.push(JSON.stringify(header));
    return index;
  };

  const phones =
    mapping.phone === undefined ? findHeaders(headers, PHONE_HEADERS) : asList(mapping.phone).map(mapped);
  const names =
    mapping.name === undefined
      ? detectNameColumns(headers)
      : [asList(mapping.name).map(mapped)].filter((group) => group.length > 0);
  const labels =
    mapping.labels === undefined ? findHeaders(headers, LABEL_HEADERS) : asList(mapping.labels).map(mapped);
  const attributes = mapping.attributes
    ? Object.entries(mapping.attributes).map(([key, header]) => ({ key, index: mapped(header) }))
    : otherColumns(
        headers,
        new Set([...phones, ...names.flat(), ...labels, ...findHeaders(headers, EXPORT_ONLY_HEADERS)]),
      );

  if (missing.length)
    return `mapped column ${missing.join(", ")} not found; headers seen: ${describeHeaders(headers)}`;
  if (phones.length === 0) {
    return `no phone column found (expected a header such as "phone", "no hp", "telepon" or "whatsapp"); headers seen: ${describeHeaders(headers)}`;
  }
  return {
    phones: phones.map((index) => ({ index, label: headers[index] ?? "" })),
    names,
    labels: labels.map((index) => ({ index, split: splitLabels })),
    attributes,
  };
}

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

function detectNameColumns(headers: readonly string[]): number[][] {
  const full = findHeader(headers, ...NAME_HEADERS);
  if (full >= 0) return [[full]];
  const parts = [findHeader(headers, ...FIRST_NAME_HEADERS), findHeader(headers, ...LAST_NAME_HEADERS)];
  const present = parts.filter((index) => index >= 0);
  return present.length ? [present] : [];
}

function otherColumns(headers: readonly string[], used: Set<number>): TableLayout["attributes"] {
  const keys = new Map<string, number>();
  return headers.flatMap((header, index) => {
    const base = slugify(header);
    if (used.has(index) || base === "") return [];
    const seen = (keys.get(base) ?? 0) + 1;
    keys.set(base, seen);
    return [{ index, key: seen === 1 ? base : `${base}_${seen}` }];
  });
}
