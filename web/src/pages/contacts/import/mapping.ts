/**
 * The import wizard's column mapping, as pure functions: what each column of the file
 * becomes, turned into the server's ColumnMapping (POST /contacts/imports `mapping`). The
 * preview of the first contacts is read by the server under that mapping
 * (POST /contacts/imports/preview/rows), never re-implemented here.
 */
import type { ColumnMapping } from "../../../api/types";

/** What one column of the file becomes. */
export type ColumnRole = "ignore" | "phone" | "name" | "label" | "attribute";
export const COLUMN_ROLES: readonly ColumnRole[] = ["ignore", "phone", "name", "label", "attribute"];

/** One column's choice; `key` is the attribute key (used when the role is `attribute`). */
export interface ColumnChoice {
  role: ColumnRole;
  key: string;
}

/** Attribute keys the server accepts (src/modules/contacts/schemas.ts): usable as `{{key}}` in templates. */
const ATTRIBUTE_KEY = /^[a-zA-Z_][a-zA-Z0-9_]{0,49}$/;

/**
 * An attribute key made from a header, like the server's `slugify`: accents and
 * punctuation dropped, lower case, words joined by `_`, `_` first when it would start
 * with a digit. `"Kota Asal"` → `kota_asal`.
 */
function slugify(header: string): string {
  const ascii = header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/ +/g, "_");
  return (/^[0-9]/.test(ascii) ? `_${ascii}` : ascii).slice(0, 50);
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * The choices matching the server's suggested mapping; columns it does not use are ignored.
 * Every suggested phone column is a phone column (a Google or Outlook export has several).
 */
export function choicesFromMapping(headers: string[], mapping: ColumnMapping): ColumnChoice[] {
  const phones = new Set(asList(mapping.phone));
  const names = new Set(asList(mapping.name));
  const labels = new Set(asList(mapping.labels));
  const attributes = new Map(Object.entries(mapping.attributes ?? {}).map(([key, header]) => [header, key]));
  return headers.map((header) => {
    const key = attributes.get(header) ?? slugify(header);
    if (phones.delete(header)) return { role: "phone", key };
    if (names.has(header)) return { role: "name", key };
    if (labels.has(header)) return { role: "label", key };
    if (attributes.has(header)) return { role: "attribute", key };
    return { role: "ignore", key };
  });
}

/**
 * Sets column `index` to `choice`. Several columns may be phone columns: each number is
 * imported, the first valid one (a mobile number first) as the contact's phone and the
 * others as its other numbers.
 */
export function choose(choices: ColumnChoice[], index: number, choice: ColumnChoice): ColumnChoice[] {
  return choices.map((c, i) => (i === index ? choice : c));
}

/**
 * The server's mapping for the choices: every field explicit (empty lists mean "none");
 * `phone` is always a list, which the server reads as exactly these phone columns (a
 * single header would keep a Google export's other phone columns too).
 */
export function toMapping(headers: string[], choices: ColumnChoice[]): ColumnMapping {
  const columns = (role: ColumnRole) => headers.filter((_, i) => choices[i]?.role === role);
  const phones = columns("phone");
  const names = columns("name");
  return {
    ...(phones.length > 0 ? { phone: phones } : {}),
    name: names.length === 1 ? names[0]! : names,
    labels: columns("label"),
    attributes: Object.fromEntries(
      headers.flatMap((header, i) =>
        choices[i]?.role === "attribute" ? [[choices[i].key.trim(), header]] : [],
      ),
    ),
  };
}

/** What is wrong with the choices: no phone column, and per column an attribute key problem. */
interface MappingProblems {
  phoneMissing: boolean;
  keys: Record<number, "invalid" | "duplicate">;
}

export function mappingProblems(choices: ColumnChoice[]): MappingProblems {
  const keys: MappingProblems["keys"] = {};
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    if (c.role !== "attribute") return;
    const key = c.key.trim();
    if (!ATTRIBUTE_KEY.test(key)) keys[i] = "invalid";
    else if (seen.has(key)) keys[i] = "duplicate";
    seen.add(key);
  });
  return { phoneMissing: !choices.some((c) => c.role === "phone"), keys };
}

export const hasProblems = (p: MappingProblems): boolean => p.phoneMissing || Object.keys(p.keys).length > 0;

/** True when the choices are what the automatic detection suggested (then no mapping is sent). */
export function sameChoices(a: ColumnChoice[], b: ColumnChoice[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.role === b[i]!.role && (c.role !== "attribute" || c.key.trim() === b[i]!.key.trim()))
  );
}
