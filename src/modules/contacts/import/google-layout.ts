/**
 * Column layout of a Google Contacts "Google CSV" export (contacts.google.com → Export).
 *
 * Two column sets exist in the wild:
 * - current: `First Name, Middle Name, Last Name, …, Organization Name, …, Notes, …,
 *   Labels, E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Label, Phone 1 - Value, …`
 * - legacy (before 2023): `Name, Given Name, Additional Name, Family Name, …, Notes, …,
 *   Group Membership, E-mail 1 - Type, E-mail 1 - Value, Phone 1 - Type, Phone 1 - Value,
 *   …, Organization 1 - Name, …`
 * One `Phone N - Value` cell may hold several numbers separated by ` ::: ` (they share
 * that entry's label); labels are ` ::: `-separated too, with system groups among them.
 * The same meaning holds whether the columns are detected or mapped by the user.
 */
import { genericLayout } from "./generic-layout.js";
import { describeHeaders, findHeader, normalizeHeader } from "./headers.js";
import { attributeColumns, nameColumns, splitOn } from "./layout.js";
import type { LayoutChoice, PhoneColumn, TableLayout } from "./layout.js";
import type { ColumnMapping } from "./types.js";

/** `Phone 3 - Value` → 3, after `normalizeHeader` (`phone 3 value`). */
const PHONE_VALUE = /^phone (\d+) value$/;
/** The column of the contact's Google labels, current then legacy header. */
const LABEL_HEADERS = ["Labels", "Group Membership"];
/** The organisation's name, current then legacy header. */
const ORGANIZATION_HEADERS = ["Organization Name", "Organization 1 - Name"];

/** True when the headers are a Google Contacts export (they have `Phone N - Value` columns). */
export function isGoogleHeader(headers: readonly string[]): boolean {
  return headers.some((header) => PHONE_VALUE.test(normalizeHeader(header)));
}

/**
 * True for a Google system group, which is not a user label: `* myContacts`, `* starred`
 * or any other `* …` group (current CSV), `System Group: …` (legacy CSV), and the
 * `myContacts` / `starred` categories of Google's vCard export.
 */
export function isGoogleSystemGroup(label: string): boolean {
  const trimmed = label.trim();
  return (
    trimmed.startsWith("*") || /^system group:/i.test(trimmed) || /^(mycontacts|starred)$/i.test(trimmed)
  );
}

const splitGroups = splitOn(/\s*:::\s*/);

/** Google's labels cell: split on ` ::: `, system groups dropped. */
const googleLabels = (cell: string): string[] =>
  splitGroups(cell).filter((label) => !isGoogleSystemGroup(label));

/** Every `Phone N - Value` column, ranked per row by its `Phone N - Label` / `Phone N - Type` cell. */
function googlePhones(headers: readonly string[]): PhoneColumn[] {
  return headers.flatMap((header, index) => {
    const match = PHONE_VALUE.exec(normalizeHeader(header));
    if (!match) return [];
    const labelIndex = findHeader(headers, `Phone ${match[1]} - Label`, `Phone ${match[1]} - Type`);
    return [labelIndex >= 0 ? { index, labelIndex } : { index }];
  });
}

/** The organisation column as the last name alternative: an organisation-only contact is named by it. */
function organizationName(headers: readonly string[]): number[][] {
  const organization = findHeader(headers, ...ORGANIZATION_HEADERS);
  return organization < 0 ? [] : [[organization]];
}

/**
 * The layout of a Google Contacts export: every `Phone N - Value` column, ranked per row
 * by its `Phone N - Label` (current) or `Phone N - Type` (legacy) cell; name from `Name`
 * (legacy display name), else first + middle + last, else the organisation; labels from
 * `Labels` or `Group Membership` without system groups; attributes `organization`,
 * `email`, `note`. With a `mapping` (the import wizard's), see {@link googleMappedLayout}.
 */
export function googleLayout(headers: readonly string[], mapping?: ColumnMapping): LayoutChoice {
  if (mapping) return googleMappedLayout(headers, mapping);
  const phones = googlePhones(headers);
  if (phones.length === 0) {
    return `no "Phone 1 - Value" column found in this Google Contacts file; headers seen: ${describeHeaders(headers)}`;
  }
  const labels = findHeader(headers, ...LABEL_HEADERS);
  return {
    phones,
    names: [
      ...nameColumns(headers, [
        ["Name"],
        ["First Name", "Middle Name", "Last Name"],
        ["Given Name", "Additional Name", "Family Name"],
      ]),
      ...organizationName(headers),
    ],
    labels: labels < 0 ? [] : [{ index: labels, split: googleLabels }],
    attributes: attributeColumns(headers, {
      organization: ORGANIZATION_HEADERS,
      email: ["E-mail 1 - Value"],
      note: ["Notes"],
    }),
  };
}

/**
 * A Google Contacts export read with the user's column mapping: the columns the mapping
 * names, as for any table (generic-layout.ts), with Google's meaning kept:
 * - phones: `mapping.phone` as a list is exactly those columns; as one column (or
 *   absent), that column plus every other `Phone N - Value` column the mapping does not
 *   use as a name, label or attribute. Each `Phone N - Value` column is ranked per row
 *   by its label cell (a Mobile number is preferred), the mapped column first among equals,
 * - a `Labels` / `Group Membership` column is split on ` ::: ` without system groups,
 * - a contact without a name gets its organisation's name,
 * - a field the mapping leaves out (`name`, `labels`) is Google's own column, as without
 *   a mapping.
 */
function googleMappedLayout(headers: readonly string[], mapping: ColumnMapping): LayoutChoice {
  const google = googlePhones(headers);
  const firstGoogle = google[0] === undefined ? undefined : headers[google[0].index];
  const generic = genericLayout(headers, { ...mapping, phone: mapping.phone ?? firstGoogle });
  if (typeof generic === "string") return generic;
  const detected = googleLayout(headers);
  if (typeof detected !== "string") {
    if (mapping.name === undefined) generic.names = detected.names;
    if (mapping.labels === undefined) generic.labels = detected.labels;
  }
  const byIndex = new Map(google.map((column) => [column.index, column]));
  const mapped = generic.phones.map((column) => byIndex.get(column.index) ?? column);
  const used = new Set([
    ...mapped.map((column) => column.index),
    ...generic.names.flat(),
    ...generic.labels.map((column) => column.index),
    ...(mapping.attributes ? generic.attributes.map((column) => column.index) : []),
  ]);
  const phones = Array.isArray(mapping.phone)
    ? mapped
    : [...mapped, ...google.filter((column) => !used.has(column.index))];
  const phoneCells = new Set(phones.flatMap((column) => [column.index, column.labelIndex ?? -1]));
  const labelHeaders = new Set(LABEL_HEADERS.map(normalizeHeader));
  return {
    phones,
    names: mapping.name === undefined ? generic.names : [...generic.names, ...organizationName(headers)],
    labels: generic.labels.map((column) =>
      labelHeaders.has(normalizeHeader(headers[column.index] ?? ""))
        ? { ...column, split: googleLabels }
        : column,
    ),
    // Columns detected as attributes (no explicit list) never repeat a phone or its label.
    attributes: mapping.attributes
      ? generic.attributes
      : generic.attributes.filter((column) => !phoneCells.has(column.index)),
  } satisfies TableLayout;
}
