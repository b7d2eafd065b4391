/**
 * Streaming text helpers shared by the line-oriented readers (CSV, vCard).
 */
import type { Readable } from "node:stream";

/**
 * Longest line read whole: 128 KiB (131,072 bytes). A CSV row within the API's limits
 * (a 200-character name, attributes of 1,000 characters) is far shorter; a longer line is
 * reported as a problem (its first {@link PREFIX_CHARS} characters kept) and never held
 * whole, so a file of one endless line cannot fill the memory.
 */
const MAX_LINE_BYTES = 128 * 1024;
/** Characters kept of a line that is too long (for the report and for vCard's property name). */
const PREFIX_CHARS = 200;

/**
 * One line of text. `problem` says why the line cannot be used as it is: it is longer
 * than {@link MAX_LINE_BYTES} (`text` is then its beginning), it is not valid UTF-8
 * (`text` has U+FFFD for the bad bytes) or it contains a NUL byte.
 */
interface TextLine {
  text: string;
  problem?: string;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Yields the lines of a UTF-8 byte stream one at a time, without their terminators
 * (`\r\n`, `\n` or a lone `\r`, so numbering matches what text editors show). A UTF-8
 * byte order mark at the start of the first line is removed. Memory stays within
 * {@link MAX_LINE_BYTES} per line whatever the input.
 */
export async function* readLines(input: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<TextLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let afterCr = false;
  let first = true;

  const take = (piece: Buffer) => {
    if (tooLong || piece.length === 0) return;
    if (size + piece.length > maxBytes) {
      tooLong = true;
      parts.push(piece.subarray(0, Math.max(0, Math.min(piece.length, PREFIX_CHARS * 4 - size))));
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const finish = (): TextLine => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const long = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    let line: TextLine;
    if (long) {
      line = {
        text: bytes.toString("utf8").slice(0, PREFIX_CHARS),
        problem: `line longer than ${maxBytes} bytes`,
      };
    } else {
      try {
        line = { text: strict.decode(bytes) };
      } catch {
        line = {
          text: bytes.toString("utf8"),
          problem: 'not valid UTF-8 text (save the file as "CSV UTF-8")',
        };
      }
      if (!line.problem && bytes.includes(0))
        line.problem = "contains a NUL byte (binary data), which cannot be stored";
    }
    if (first) line.text = line.text.replace(/^\uFEFF/, "");
    first = false;
    return line;
  };

  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    let at = 0;
    if (afterCr && buffer[0] === 0x0a) at = 1;
    afterCr = false;
    // Next LF and CR positions, searched again only once passed (a file without CR is not rescanned per line).
    let lf = -2;
    let cr = -2;
    while (at < buffer.length) {
      if (lf !== -1 && lf < at) lf = buffer.indexOf(0x0a, at);
      if (cr !== -1 && cr < at) cr = buffer.indexOf(0x0d, at);
      const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) {
        take(buffer.subarray(at));
        break;
      }
      take(buffer.subarray(at, end));
      yield finish();
      if (buffer[end] === 0x0d) {
        if (end + 1 === buffer.length) afterCr = true;
        else if (buffer[end + 1] === 0x0a) {
          at = end + 2;
          continue;
        }
      }
      at = end + 1;
    }
  }
  if (size > 0 || tooLong) yield finish();
}
