/**
 * Streaming text helpers shared by the line-oriented readers (CSV, vCard).
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Yields the lines of a UTF-8 byte stream one at a time, without their terminators
 * (`\r\n`, `\n` or a lone `\r`, so numbering matches what text editors show). A UTF-8
 * byte order mark at the start of the first line is removed.
 */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of lines) {
      yield first ? line.replace(/^\uFEFF/, '') : line;
      first = false;
    }
  } finally {
    lines.close();
  }
}
