/**
 * Splitting a vCard stream into cards, line by line, so a phone's whole address book
 * (thousands of cards, some with photos) is never held in memory at once.
 */
import type { Readable } from "node:stream";
import { readLines } from "./lines.js";
import type { RowError } from "./types.js";

/** One card: the line of its `BEGIN:VCARD` and its unfolded content lines joined with CRLF. */
export interface CardText {
  line: number;
  text: string;
}

/**
 * Largest card kept, photos and other binary properties excluded: 64 KiB of text
 * (65,536 characters). A real card is a few hundred bytes; a bigger one is rejected.
 */
const MAX_CARD_CHARS = 64 * 1024;

/** A property line whose value is quoted-printable (vCard 2.1 `ENCODING=QUOTED-PRINTABLE` or bare `QUOTED-PRINTABLE`). */
const QUOTED_PRINTABLE = /^[^:]*;(?:ENCODING=)?QUOTED-PRINTABLE[;:]/i;
/** Binary properties, dropped to keep cards small: photos and logos can be hundreds of kilobytes. */
const BINARY_PROPERTY = /^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]/i;

interface OpenCard {
  line: number;
  lines: string[];
  chars: number;
  /** Why the card cannot be used (a bad line, too large), reported at its END. */
  problem?: string;
}

/**
 * Yields the cards of a vCard file. Lines are unfolded as the versions require: a line
 * starting with a space or tab continues the previous one (RFC 2425 §5.8.1, RFC 6350
 * §3.2), and a quoted-printable line ending in `=` continues on the next line (vCard 2.1
 * §2.1.3, RFC 2045 soft line break). Text outside BEGIN/END is ignored. A card cut off by
 * another BEGIN:VCARD or by the end of the file yields an error at its BEGIN line, and so
 * does a card with an unusable line (too long, not UTF-8, a NUL byte; binary properties
 * such as photos are skipped unread) or larger than {@link MAX_CARD_CHARS}.
 */
export async function* readCards(input: Readable): AsyncGenerator<CardText | RowError> {
  let lineNumber = 0;
  let card: OpenCard | undefined;
  let softBreak = false;
  let inBinary = false;

  for await (const { text, problem } of readLines(input)) {
    lineNumber += 1;
    const marker = text.trim().toUpperCase();
    if (marker === "BEGIN:VCARD") {
      if (card) yield incomplete(card);
      card = { line: lineNumber, lines: [], chars: 0 };
      softBreak = false;
      inBinary = false;
      continue;
    }
    if (!card) continue;
    if (marker === "END:VCARD") {
      const raw = ["BEGIN:VCARD", ...card.lines.filter(keep), "END:VCARD"].join("\r\n");
      yield card.problem ? { line: card.line, reason: card.problem, raw } : { line: card.line, text: raw };
      card = undefined;
      continue;
    }
    const continuation = softBreak || (/^[ \t]/.test(text) && card.lines.length > 0);
    if (!continuation) inBinary = BINARY_PROPERTY.test(text);
    if (inBinary) {
      softBreak = false;
      continue; // a photo's data, folded or on one long line: never kept
    }
    if (problem) card.problem ??= `line ${lineNumber}: ${problem}`;
    card.chars += text.length;
    if (card.chars > MAX_CARD_CHARS) {
      card.problem ??= `vCard longer than ${MAX_CARD_CHARS} characters (photos excluded)`;
      continue;
    }
    const last = card.lines.length - 1;
    if (softBreak) {
      card.lines[last] = `${(card.lines[last] ?? "").slice(0, -1)}${text}`;
    } else if (/^[ \t]/.test(text) && last >= 0) {
      card.lines[last] += text.slice(1);
    } else if (text.trim() !== "") {
      card.lines.push(text);
    }
    const current = card.lines[card.lines.length - 1] ?? "";
    softBreak = current.endsWith("=") && QUOTED_PRINTABLE.test(current);
  }
  if (card) yield incomplete(card);
}

function keep(line: string): boolean {
  return !BINARY_PROPERTY.test(line);
}

function incomplete(card: OpenCard): RowError {
  return {
    line: card.line,
    reason: "incomplete vCard (no END:VCARD)",
    raw: ["BEGIN:VCARD", ...card.lines.filter(keep)].join("\r\n"),
  };
}
