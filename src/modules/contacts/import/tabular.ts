/**
 * The common flow of every tabular file (CSV, Google, Outlook, xlsx): find the header
 * row, choose the column layout from it, then map each data row.
 */
import type { CountryCode } from "../../../lib/phone/normalize.js";
import { mapRow } from "./layout.js";
import type { LayoutChoice, TableLayout, TableRow } from "./layout.js";
import type { ParseResult, RowError } from "./types.js";

/** True when every cell is empty or whitespace (such rows are skipped without an error). */
export function isBlankRow(row: TableRow): boolean {
  return row.cells.every((cell) => cell.trim() === "");
}

/**
 * Maps a stream of rows to results. The first non-blank row is the header, given to
 * `chooseLayout`; if it answers with an error message, that is the only result (at the
 * header's line) and reading stops. Reader errors (such as an unclosed quote) are passed
 * through in order; blank rows are skipped. An input without any row or reader error
 * yields `file is empty` at line 1.
 */
export async function* parseTable(
  rows: AsyncIterable<TableRow | RowError>,
  chooseLayout: (headers: string[]) => LayoutChoice,
  defaultCountry: CountryCode,
): AsyncGenerator<ParseResult> {
  let layout: TableLayout | undefined;
  let readerErrors = false;
  for await (const row of rows) {
    if (!("cells" in row)) {
      readerErrors = true;
      yield { ok: false, error: row };
    } else if (isBlankRow(row)) {
    } else if (layout) {
      yield mapRow(layout, row, defaultCountry);
    } else {
      const choice = chooseLayout(row.cells.map((cell) => cell.trim()));
      if (typeof choice === "string") {
        yield { ok: false, error: { line: row.line, reason: choice, raw: row.raw } };
        return;
      }
      layout = choice;
    }
  }
  if (!layout && !readerErrors) yield { ok: false, error: { line: 1, reason: "file is empty" } };
}
