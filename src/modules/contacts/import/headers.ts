/**
 * Header-name helpers shared by every tabular mapper (generic CSV, Google, Outlook, xlsx).
 */

/**
 * A header reduced to a comparable form: Unicode-decomposed without accents, lower case,
 * every run of non-alphanumeric characters turned into one space, trimmed.
 * E.g. `"No. HP"` → `"no hp"`, `"E-mail Address"` → `"e mail address"`.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * An attribute key made from a header: the normalised header with `_` between words,
 * e.g. `"Kota Asal"` → `"kota_asal"`. Empty when the header has no letters or digits.
 */
export function slugify(header: string): string {
  // Attribute keys are what templates use as {{key}}: ASCII letters, digits and _, not
  // starting with a digit, at most 50 characters (src/modules/contacts/schemas.ts).
  const ascii = normalizeHeader(header)
    .replace(/[^a-z0-9 ]/g, "")
    .trim()
    .replace(/ +/g, "_");
  const key = /^[0-9]/.test(ascii) ? `_${ascii}` : ascii;
  return key.slice(0, 50);
}

/** Index of the first header equal to one of `names` once both are normalised, or -1. */
export function findHeader(headers: readonly string[], ...names: string[]): number {
  return findHeaders(headers, names)[0] ?? -1;
}

/** Indexes of every header equal to one of `names` once both are normalised, in file order. */
export function findHeaders(headers: readonly string[], names: readonly string[]): number[] {
  const wanted = new Set(names.map(normalizeHeader));
  return headers.flatMap((header, index) => (wanted.has(normalizeHeader(header)) ? [index] : []));
}

/** The headers quoted and comma-separated, for error messages: `"Nama", "Kota"`. */
export function describeHeaders(headers: readonly string[]): string {
  const shown = headers.filter((header) => header.trim() !== "");
  return shown.length ? shown.map((header) => JSON.stringify(header.trim())).join(", ") : "(none)";
}
