/**
 * Phone number normalisation to ITU-T E.164 ("+" country code + national significant
 * number, at most 15 digits) for numbers as people type them in Indonesian contact lists.
 *
 * Validation uses libphonenumber-js with its "max" metadata (Google libphonenumber's full
 * per-country number plans), after a small pre-normalisation for what spreadsheets and
 * phone books actually contain: formatting characters, `tel:` URIs, invisible characters,
 * the international prefix `00`, and the Indonesian country code 62 written without `+`.
 */
import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";
import type { CountryCode } from "libphonenumber-js/max";

export type { CountryCode };

/**
 * Outcome of {@link normalizePhone}.
 * - `{ ok: true, e164: "+6281234567890", isMobile: true }`: `isMobile` is true when the
 *   number plan classifies the number as mobile (or "fixed line or mobile" where a
 *   country does not distinguish). Landlines are still `ok` (WhatsApp Business runs on them).
 * - `{ ok: false, reason: "too short" }`: `reason` is short English, meant to be shown
 *   to the user after the raw value, e.g. `invalid phone "123": too short`.
 */
type NormalizeResult = { ok: true; e164: string; isMobile: boolean } | { ok: false; reason: string };

/** Zero-width, bidi-control and soft-hyphen characters that copy-paste leaves in cells. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
/** URI schemes put in front of numbers by phone books and web pages (RFC 3966 `tel:`). */
const SCHEME_PREFIX = /^(?:tel|callto|sms|whatsapp)\s*:\s*(?:\/\/)?/i;
/** Formatting people put between digits: whitespace, dashes (and the minus sign), dots, parentheses, slashes. */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()/\\]/g;
/**
 * Countries whose national numbers are never written starting with the calling code: digits
 * that start with it are read as international only. In Indonesia a national number is
 * written with its trunk prefix 0 (`0812…`, `021…`), so `6281377001` is a mobile number
 * missing digits, never the landline `+62 628 1377 001`.
 */
const INTERNATIONAL_ONLY = new Set<CountryCode>(["ID"]);
/** A spreadsheet cell that was written out as a float, e.g. "6.28123E+12": digits are lost. */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e\+?\d+$/i;

const LENGTH_REASONS: Record<string, string> = {
  TOO_SHORT: "too short",
  TOO_LONG: "too long",
  INVALID_LENGTH: "invalid length",
  INVALID_COUNTRY: "invalid country code",
  NOT_A_NUMBER: "not a phone number",
};

/**
 * Normalises a phone number as typed by a person into E.164.
 *
 * Rules, in order:
 * 1. Unicode NFKC (full-width digits), invisible characters removed, a leading `tel:`,
 *    `callto:`, `sms:` or `whatsapp:` scheme removed, trailing `,;:.` removed.
 * 2. Rejected: empty (`empty`), scientific notation from spreadsheets (digits are gone),
 *    any letter (`contains letters`), or anything but digits and one leading `+` once
 *    spaces, dashes, dots, parentheses and slashes are removed (`invalid characters`).
 * 3. A leading international prefix `00` (ITU-T E.164 recommended prefix, used in
 *    Indonesia) becomes `+`.
 * 4. Digits without `+` that start with the default country's calling code (62 for
 *    Indonesia) are read as international first, so `628123456789` is `+628123456789`
 *    and never `+62628123456789`. For Indonesia that is the only reading (a national
 *    number is written with its trunk prefix 0), so `6281377001` is refused as a mobile
 *    number missing digits; for other countries, when the international reading is not a
 *    valid number, the digits are read as a national number (Singapore's `65123456`).
 * 5. Other digits without `+` are national numbers of `defaultCountry`: with the trunk
 *    prefix (`0812…`, Indonesian trunk prefix 0) or without it (`812…`).
 * 6. The number must be valid for its country's number plan (`isValid()` with max
 *    metadata); the failure reason comes from the length check when it applies
 *    (`too short`, `too long`, `invalid country code`), else `invalid number for ID`.
 *
 * @param raw the cell or vCard value, e.g. "0812-3456-7890", "+62 812 3456 789", "tel:+6591234567"
 * @param defaultCountry ISO 3166-1 alpha-2 country for numbers written without `+`
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = "ID"): NormalizeResult {
  const text = raw
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .trim()
    .replace(SCHEME_PREFIX, "")
    .replace(/[,;:.\s]+$/, "");
  if (text === "") return { ok: false, reason: "empty" };
  if (SCIENTIFIC.test(text.replace(SEPARATORS, ""))) {
    return { ok: false, reason: "number in scientific notation (digits lost: format the column as text)" };
  }
  if (/\p{L}/u.test(text)) return { ok: false, reason: "contains letters" };

  const compact = text.replace(SEPARATORS, "");
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: "invalid characters" };
  if (compact.startsWith("+")) return attempt(compact);
  if (compact.startsWith("00")) return attempt(`+${compact.slice(2)}`);

  if (compact.startsWith(getCountryCallingCode(defaultCountry))) {
    const international = attempt(`+${compact}`);
    if (international.ok || INTERNATIONAL_ONLY.has(defaultCountry)) return international;
    const national = attempt(compact, defaultCountry);
    return national.ok ? national : international;
  }
  return attempt(compact, defaultCountry);
}

/** Parses one candidate reading of the number and validates it. */
function attempt(text: string, country?: CountryCode): NormalizeResult {
  const lengthIssue = validatePhoneNumberLength(text, country);
  if (lengthIssue) return { ok: false, reason: LENGTH_REASONS[lengthIssue] ?? "invalid number" };
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed) return { ok: false, reason: "not a phone number" };
  if (!parsed.isValid()) {
    const where = parsed.country ?? `+${parsed.countryCallingCode}`;
    return { ok: false, reason: `invalid number for ${where}` };
  }
  const type = parsed.getType();
  return { ok: true, e164: parsed.number, isMobile: type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE" };
}

/**
 * The WhatsApp JID of an E.164 number: the digits without `+`, at the user server
 * `s.whatsapp.net`, e.g. `"+6281234567890"` → `"6281234567890@s.whatsapp.net"`.
 *
 * @throws TypeError when `e164` is not `+` followed by 7 to 15 digits (ITU-T E.164).
 */
export function phoneToJid(e164: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(e164)) throw new TypeError(`not an E.164 number: "${e164}"`);
  return `${e164.slice(1)}@s.whatsapp.net`;
}
