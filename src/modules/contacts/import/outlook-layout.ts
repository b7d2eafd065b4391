/**
 * Column layout of an Outlook "Outlook CSV" contacts export (Outlook desktop
 * File → Import/Export, and Outlook.com → Manage contacts → Export):
 * `First Name, Middle Name, Last Name, Title, Suffix, …, E-mail Address, …,
 * Home Phone, …, Business Phone, …, Mobile Phone, …, Primary Phone, …, Categories, …`
 * (desktop exports quote the headers and order them differently; matching is by name).
 */
import { describeHeaders, findHeader, findHeaders, normalizeHeader } from "./headers.js";
import { attributeColumns, nameColumns, splitOn } from "./layout.js";
import type { LayoutChoice } from "./layout.js";

/** The contact's own phone columns, most preferred first (fax, pager, assistant left out). */
const PHONE_COLUMNS = [
  "Mobile Phone",
  "Primary Phone",
  "Home Phone",
  "Home Phone 2",
  "Business Phone",
  "Business Phone 2",
  "Other Phone",
  "Car Phone",
  "Company Main Phone",
];

/** Columns only an Outlook export has together; two of them besides the name columns identify one. */
const SIGNATURE = [
  "Mobile Phone",
  "Primary Phone",
  "Home Phone",
  "Business Phone",
  "E-mail Address",
  "Categories",
];

/** True when the headers are an Outlook export: First/Last Name plus two Outlook-specific columns. */
export function isOutlookHeader(headers: readonly string[]): boolean {
  const names = new Set(headers.map(normalizeHeader));
  const has = (header: string): boolean => names.has(normalizeHeader(header));
  return has("First Name") && has("Last Name") && SIGNATURE.filter(has).length >= 2;
}

/**
 * The layout of an Outlook export: phone columns in {@link PHONE_COLUMNS} order (so
 * `Mobile Phone` wins), name first + middle + last, labels from `Categories` (split on
 * `;`), attributes `organization` (Company), `email`, `note`.
 */
export function outlookLayout(headers: readonly string[]): LayoutChoice {
  const phones = PHONE_COLUMNS.flatMap((name) =>
    findHeaders(headers, [name]).map((index) => ({ index, label: name })),
  );
  if (phones.length === 0) {
    return `no phone column ("Mobile Phone", "Primary Phone", …) found in this Outlook file; headers seen: ${describeHeaders(headers)}`;
  }
  const categories = findHeader(headers, "Categories");
  return {
    phones,
    names: nameColumns(headers, [["First Name", "Middle Name", "Last Name"]]),
    labels: categories < 0 ? [] : [{ index: categories, split: splitOn(/;/) }],
    attributes: attributeColumns(headers, {
      organization: ["Company"],
      email: ["E-mail Address"],
      note: ["Notes"],
    }),
  };
}
