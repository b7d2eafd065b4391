/**
 * The shared row mapper of every tabular format. Each format (generic CSV/xlsx, Google,
 * Outlook) only decides, from the header row, which columns hold what: a
 * {@link TableLayout}. {@link mapRow} then applies it to each row the same way.
 */
import type { CountryCode } from "../../../lib/phone/normalize.js";
import { buildContact, rankForLabel } from "./contact.js";
import { findHeader } from "./headers.js";
import type { ParseResult } from "./types.js";

/** One data row of a CSV or worksheet: its 1-based source line, cells, and text for error reports. */
export interface TableRow {
  line: number;
  cells: string[];
  raw: string;
}

/**
 * A phone column. Its preference comes from the words of `label` (a header such as
 * `Mobile Phone` or `No WA`), or, per row, from the cell at `labelIndex` (Google's
 * `Phone 1 - Label` column), see `rankForLabel`.
 */
export interface PhoneColumn {
  index: number;
  label?: string;
  labelIndex?: number;
}

/**
 * Which columns hold what:
 * - `phones`: every column that may hold the contact's numbers,
 * - `names`: alternatives tried in order, each a list of columns joined with spaces
 *   (e.g. `[[Name], [First Name, Middle Name, Last Name]]`); the first non-empty wins,
 * - `labels`: columns holding labels, each with how to split its cell,
 * - `attributes`: columns copied into attributes under `key`.
 */
export interface TableLayout {
  phones: PhoneColumn[];
  names: number[][];
  labels: { index: number; split: (cell: string) => string[] }[];
  attributes: { index: number; key: string }[];
}

/** A layout, or the reason the header row cannot be imported (reported at the header line). */
export type LayoutChoice = TableLayout | string;

/** Applies a layout to one data row. */
export function mapRow(layout: TableLayout, row: TableRow, defaultCountry: CountryCode): ParseResult {
  const cell = (index: number): string => row.cells[index]?.trim() ?? "";
  const joined = (indexes: number[]): string => indexes.map(cell).filter(Boolean).join(" ");
  return buildContact(
    {
      line: row.line,
      raw: row.raw,
      phones: layout.phones.map((column) => ({
        value: cell(column.index),
        rank: rankForLabel(column.labelIndex === undefined ? (column.label ?? "") : cell(column.labelIndex)),
      })),
      name: layout.names.map(joined).find(Boolean),
      labels: layout.labels.flatMap((column) => column.split(cell(column.index))),
      attributes: Object.fromEntries(layout.attributes.map((column) => [column.key, cell(column.index)])),
      columns: row.cells,
    },
    defaultCountry,
  );
}

/**
 * Name alternatives for a layout from header-name groups, e.g.
 * `[['Name'], ['First Name', 'Middle Name', 'Last Name']]`; headers missing from the
 * file are left out, and groups with none present are dropped.
 */
export function nameColumns(headers: readonly string[], groups: string[][]): number[][] {
  return groups
    .map((group) => group.map((name) => findHeader(headers, name)).filter((index) => index >= 0))
    .filter((group) => group.length > 0);
}

/**
 * Attribute columns for a layout from `key → accepted header names`, e.g.
 * `{ email: ['E-mail Address'] }`; keys whose headers are all missing are left out.
 */
export function attributeColumns(
  headers: readonly string[],
  spec: Record<string, string[]>,
): TableLayout["attributes"] {
  return Object.entries(spec)
    .map(([key, names]) => ({ key, index: findHeader(headers, ...names) }))
    .filter((column) => column.index >= 0);
}

/** A label splitter on a separator pattern that trims and drops empty parts. */
export function splitOn(separator: RegExp): (cell: string) => string[] {
  return (cell) =>
    cell
      .split(separator)
      .map((part) => part.trim())
      .filter(Boolean);
}
