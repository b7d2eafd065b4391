/**
 * Early refusal of files that are not text, for the text formats (CSV, vCard): a binary
 * file (an image, a PDF, a renamed .xls) is refused from its first bytes with a clear
 * reason instead of being read as millions of garbage rows.
 */
import { contactErrors } from "../errors.js";

/**
 * Share of control bytes (0x00–0x08, 0x0E–0x1F except ESC) in the first bytes above which a
 * file counts as binary: 2% (and at least {@link MIN_CONTROL_BYTES}). Text has none; random
 * or compressed data ~10%. A stray NUL in one row stays below it: that row alone is rejected.
 */
const BINARY_CONTROL_SHARE = 0.02;
/** Control bytes needed before the share counts, so a short file with one stray byte is still read. */
const MIN_CONTROL_BYTES = 4;

/**
 * Refuses `head` (the first bytes of a CSV or vCard file) when it is UTF-16 text or binary.
 * @throws KabarError 422 `file_rejected`
 */
export function assertTextFile(head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw contactErrors.utf16();
  }
  let control = 0;
  for (const byte of head) {
    if (byte <= 0x08 || (byte >= 0x0e && byte <= 0x1f && byte !== 0x1b)) control++;
  }
  if (control >= MIN_CONTROL_BYTES && control > head.length * BINARY_CONTROL_SHARE) {
    throw contactErrors.binary();
  }
}
