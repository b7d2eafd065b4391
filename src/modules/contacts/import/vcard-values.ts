/**
 * Decoding of vCard property values: vCard 2.1 quoted-printable with CHARSET, and the
 * backslash escapes of vCard 3.0 (RFC 2426 §4) and 4.0 (RFC 6350 §3.4).
 */
import { TextDecoder } from "node:util";

/**
 * Decodes quoted-printable text (RFC 2045 §6.7: `=XX` is one byte; soft line breaks
 * must already be joined) and reads the bytes in `charset`, e.g. an Android export's
 * `=53=69=74=69` with CHARSET=UTF-8 → `Siti`. Unknown charsets are read as UTF-8.
 */
export function decodeQuotedPrintable(text: string, charset = "utf-8"): string {
  const bytes = Buffer.concat(
    text
      .split(/(=[0-9A-Fa-f]{2})/)
      .map((part) =>
        /^=[0-9A-Fa-f]{2}$/.test(part) ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part),
      ),
  );
  return decoder(charset).decode(bytes);
}

function decoder(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset);
  } catch {
    return new TextDecoder("utf-8");
  }
}

/**
 * Splits a value on an unescaped separator (`;` between N/ORG components, `,` between
 * CATEGORIES) and unescapes each part: `\n` → line break, `\,` `\;` `\\` → the character.
 */
export function splitValue(value: string, separator: ";" | ","): string[] {
  const parts: string[] = [];
  let current = "";
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (char === "\\" && index + 1 < value.length) {
      const escaped = value[++index] ?? "";
      current += escaped === "n" || escaped === "N" ? "\n" : escaped;
    } else if (char === separator) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** A whole text value unescaped (no separator splitting). */
export function unescapeText(value: string): string {
  return splitValue(value, ";").join(";");
}
