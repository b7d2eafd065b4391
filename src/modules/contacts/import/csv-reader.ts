/**
 * A streaming CSV record reader (RFC 4180 quoting) that survives malformed rows.
 *
 * csv-parse is not used here: with `skip_records_with_error` it cannot resynchronise
 * after an unclosed quote (every following line up to the next quote is swallowed into
 * one record, or silently dropped at the end of the file), and its line counter counts
 * `\r\n` twice (v7.0.3). This reader works line by line: a quoted field may span lines,
 * but a record is taken for a stray opening quote, reported as `unclosed quote` at its
 * first line, when it is still open after {@link MAX_RECORD_LINES} lines or at the end
 * of the file, or when it spans several lines and ends with a different number of
 * fields than the header or with text right after its closing quote (`…\n"Budi,…`: the
 * quote that closed it was another row's stray quote). Reading then resumes at the line after that first line.
 * A record with a line that cannot be used (too long, not UTF-8, a NUL byte: see
 * lines.ts) is reported alone with that problem.
 */
import type { Readable } from "node:stream";
import type { TableRow } from "./layout.js";
import { readLines } from "./lines.js";
import type { RowError } from "./types.js";

/** Longest a quoted field may run over lines before its quote is considered unclosed. */
export const MAX_RECORD_LINES = 100;

/** Delimiters recognised by {@link detectDelimiter}, in tie-breaking order. */
const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter of a CSV header line: whichever of `,` `;` `\t` `|` occurs most often
 * outside quotes (ties in that order); `,` when none occurs (a single column).
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: string = DELIMITERS[0];
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

/** Tokeniser state carried from one physical line to the next within a record. */
interface RecordState {
  fields: string[];
  field: string;
  quoted: boolean;
  fieldStart: boolean;
  complete: boolean;
  /** Text followed a closing quote (`"a"b`): in a record over several lines, the quote was a stray one. */
  textAfterQuote: boolean;
}

function newRecord(): RecordState {
  return { fields: [], field: "", quoted: false, fieldStart: true, complete: false, textAfterQuote: false };
}

/**
 * Tokenises one physical line into `state`. A `"` opens a quoted field only at the start
 * of a field; inside one, `""` is a literal quote and a line break is kept as `\n`.
 * Stray quotes elsewhere, and text after a closing quote, are kept literally.
 */
function scanLine(line: string, delimiter: string, state: RecordState): void {
  let at = 0;
  for (;;) {
    if (state.quoted) {
      const quote = line.indexOf('"', at);
      if (quote < 0) {
        state.field += `${line.slice(at)}\n`;
        return;
      }
      state.field += line.slice(at, quote);
      if (line[quote + 1] === '"') {
        state.field += '"';
        at = quote + 2;
      } else {
        state.quoted = false;
        at = quote + 1;
        if (at < line.length && !line.startsWith(delimiter, at)) state.textAfterQuote = true;
      }
    } else if (state.fieldStart && line[at] === '"') {
      state.quoted = true;
      state.fieldStart = false;
      at += 1;
    } else {
      const end = line.indexOf(delimiter, at);
      state.field += line.slice(at, end < 0 ? undefined : end);
      state.fields.push(state.field);
      state.field = "";
      state.fieldStart = true;
      if (end < 0) {
        state.complete = true;
        return;
      }
      at = end + delimiter.length;
    }
  }
}

/** Splits a single CSV line into fields (used to read a header line for sniffing). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const state = newRecord();
  scanLine(line, delimiter, state);
  if (!state.complete) state.fields.push(state.field);
  return state.fields;
}

/**
 * Yields the records of a CSV stream with the 1-based line they start on, and a
 * {@link RowError} for each unclosed quote (see the module comment). `delimiter` defaults to
 * {@link detectDelimiter} of the first non-blank line. Blank lines come out as rows of
 * one empty cell (callers skip blank rows).
 */
export async function* readCsvRows(input: Readable, delimiter?: string): AsyncGenerator<TableRow | RowError> {
  const source = readLines(input);
  const replay: { line: number; text: string; problem?: string | undefined }[] = [];
  let lineNumber = 0;
  let chosen = delimiter;
  let width: number | undefined;
  let record:
    | { line: number; texts: string[]; problems: Array<string | undefined>; state: RecordState }
    | undefined;

  const nextLine = async (): Promise<
    { line: number; text: string; problem?: string | undefined } | undefined
  > => {
    const replayed = replay.shift();
    if (replayed) return replayed;
    const next = await source.next();
    return next.done ? undefined : { line: ++lineNumber, ...next.value };
  };

  for (let next = await nextLine(); ; next = await nextLine()) {
    if (!next) {
      if (!record) return;
    } else {
      if (chosen === undefined && next.text.trim() !== "") chosen = detectDelimiter(next.text);
      record ??= { line: next.line, texts: [], problems: [], state: newRecord() };
      record.texts.push(next.text);
      record.problems.push(next.problem);
      scanLine(next.text, chosen ?? ",", record.state);
      if (record.state.complete) {
        const { fields } = record.state;
        const strayQuote = record.texts.length > 1 && record.state.textAfterQuote;
        if (!strayQuote && (record.texts.length === 1 || width === undefined || fields.length === width)) {
          const problem = record.problems.find((p) => p !== undefined);
          if (problem !== undefined) {
            yield { line: record.line, reason: problem, raw: record.texts.join("\n") };
          } else {
            if (width === undefined && fields.some((field) => field.trim() !== "")) width = fields.length;
            yield { line: record.line, cells: fields, raw: record.texts.join("\n") };
          }
          record = undefined;
          continue;
        }
      } else if (record.texts.length < MAX_RECORD_LINES) {
        continue;
      }
    }
    const { line, texts, problems } = record;
    yield { line, reason: problems[0] ?? 'unclosed quote (")', raw: texts[0] ?? "" };
    replay.unshift(
      ...texts
        .slice(1)
        .map((text, offset) => ({ line: line + 1 + offset, text, problem: problems[offset + 1] })),
    );
    record = undefined;
  }
}
