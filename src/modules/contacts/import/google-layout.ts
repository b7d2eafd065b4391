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
 */
import { describeHeaders, findHeader, normalizeHeader } from "./headers.js";
import { attributeColumns, nameColumns, splitOn } from "./layout.js";
import type { LayoutChoice } from "./layout.js";

/** `Phone 3 - Value` → 3, after `normalizeHeader` (`phone 3 value`). */
const PHONE_VALUE = /^phone (\d+) value$/;

/** True when the headers are a Google Contacts export (they have `Phone N - Value` columns). */
export function isGoogleHeader(headers: readonly string[]): boolean {
  return headers.some((header) => PHONE_VALUE.test(normalizeHeader(header)));
}

/**
 * Google system groups, which are not user labels: `* myContacts`, `* starred`
 * (current) and `* My Contacts`, `System Group: …` (legacy).
 */
function isSystemGroup(label: string): boolean {
  return label.startsWith("*") || /^system group:/i.test(label);
}

const splitGroups = splitOn(/\s*:::\s*/);

/**
 * The layout of a Google Contacts export: every `Phone N - Value` column, ranked per row
 * by its `Phone N - Label` (current) or `Phone N - Type` (legacy) cell; name from `Name`
 * (legacy display name), else first + middle + last; labels from `Labels` or
 * `Group Membership` without system groups; attributes `organization`, `email`, `note`.
 */
export function googleLayout(headers: readonly string[]): LayoutChoice {
  const phones = headers.flatMap((header, index) => {
    const match = PHONE_VALUE.exec(normalizeHeader(header));
    if (!match) return [];
    const labelIndex = findHeader(headers, `Phone ${match[1]} - Label`, `Phone ${match[1]} - Type`);
    return [labelIndex >= 0 ? { index, labelIndex } : { index }];
  });
  if (phones.length === 0) {
    return `no "Phone 1 - Value" column found in this Google Contacts file; headers seen: ${describeHeaders(headers)}`;
  }
  const labels = findHeader(headers, "Labels", "Group Membership");
  return {
    phones,
    names: nameColumns(headers, [
      ["Name"],
      ["First Name", "Middle Name", "Last Name"],
      ["Given Name", "Additional Name", "Family Name"],
    ]),
    labels:
      labels < 0
        ? []
        : [{ index: labels, split: (cell) => splitGroups(cell).filter((label) => !isSystemGroup(label)) }],
    attributes: attributeColumns(headers, {
      organization: ["Organization Name", "Organization 1 - Name"],
      email: ["E-mail 1 - Value"],
      note: ["Notes"],
    }),
  };
}
