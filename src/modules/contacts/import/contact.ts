/**
 * Turning the pieces read from any format into a {@link ParseResult}: choosing the
 * contact's phone among several numbers, cleaning the name, labels and attributes.
 * Every format's mapper ends here, so the rules are the same for CSV, xlsx and vCard.
 */
import { normalizePhone } from "../../../lib/phone/normalize.js";
import type { CountryCode } from "../../../lib/phone/normalize.js";
import { MAX_ATTRIBUTE_VALUE_LENGTH, MAX_LABEL_LENGTH, MAX_LABELS, MAX_NAME_LENGTH } from "../limits.js";
import type { ParseResult } from "./types.js";

/** NUL characters and unpaired UTF-16 surrogates: text PostgreSQL refuses to store. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this finds
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Preference of a phone number when a contact has several (lower wins):
 * a vCard `waid` (the WhatsApp account itself), then a mobile number, then one marked
 * preferred (vCard `PREF`), then any other.
 */
export const PhoneRank = { whatsappId: 0, mobile: 1, preferred: 2, other: 3 } as const;

/** Words that mark a number as mobile in labels, vCard TEL types and column headers. */
const MOBILE_WORDS = new Set([
  "mobile",
  "cell",
  "cellular",
  "hp",
  "handphone",
  "ponsel",
  "whatsapp",
  "wa",
  "iphone",
]);

/**
 * Rank of a number from the words describing it: a Google "Phone 1 - Label" value
 * (`Mobile`, `* Mobile`, `HP`), a vCard TEL type list (`cell voice pref`), an Apple
 * `X-ABLabel` (`_$!<Mobile>!$_`) or a column header (`No WA`, `Mobile Phone`).
 */
export function rankForLabel(label: string): number {
  const words = label.toLowerCase().split(/[^a-z0-9]+/);
  if (words.some((word) => MOBILE_WORDS.has(word))) return PhoneRank.mobile;
  return words.includes("pref") ? PhoneRank.preferred : PhoneRank.other;
}

/** One phone value of a contact as found in the file, possibly holding several numbers. */
export interface PhoneCandidate {
  value: string;
  rank: number;
}

/**
 * What a format mapper found for one row or card, before validation.
 * `columns` is omitted by formats without columns (vCard): the result then gets
 * `[name, phone]`.
 */
interface ContactDraft {
  line: number;
  raw: string;
  phones: PhoneCandidate[];
  name?: string | undefined;
  labels: string[];
  attributes: Record<string, string>;
  columns?: string[];
}

/**
 * Separators between several numbers in one value: Google's ` ::: `, commas,
 * semicolons, line breaks, and a slash with spaces around it (`0812… / 0813…`).
 */
const MULTI_NUMBER_SEPARATOR = /\s*:::\s*|[,;\n]|\s+\/\s+/;

/**
 * Validates a draft into a contact: the phone is the first valid number in rank order
 * (stable, so file order breaks ties); the other valid numbers, de-duplicated, go to
 * attribute `other_phones` as comma-separated E.164. With no number at all the row is
 * rejected as `no phone number`; with no valid one, with the first number's reason,
 * e.g. `invalid phone "123": too short`. A row breaking the contacts API's field limits
 * (name, attribute value, number of labels; see limits.ts) or holding text PostgreSQL
 * cannot store (NUL, unpaired surrogates) is rejected with a reason naming the limit.
 */
export function buildContact(draft: ContactDraft, defaultCountry: CountryCode): ParseResult {
  const numbers = [...draft.phones]
    .sort((a, b) => a.rank - b.rank)
    .flatMap((candidate) => candidate.value.split(MULTI_NUMBER_SEPARATOR))
    .map((value) => value.trim())
    .filter((value) => value !== "");
  const reject = (reason: string): ParseResult => ({
    ok: false,
    error: { line: draft.line, reason, raw: draft.raw },
  });
  if (numbers.length === 0) return reject("no phone number");

  const valid = new Set<string>();
  let firstFailure: string | undefined;
  for (const value of numbers) {
    const result = normalizePhone(value, defaultCountry);
    if (result.ok) valid.add(result.e164);
    else firstFailure ??= `invalid phone ${JSON.stringify(value)}: ${result.reason}`;
  }
  const [phone, ...others] = valid;
  if (phone === undefined) return reject(firstFailure ?? "no phone number");

  const name = cleanName(draft.name);
  const attributes = nonEmptyValues(draft.attributes);
  if (others.length) attributes.other_phones = others.join(",");
  const labels = cleanLabels(draft.labels);
  const columns = draft.columns ?? [name ?? "", phone];
  // The contacts API's field limits (limits.ts) hold for imported rows too.
  if (UNSTORABLE.test(draft.raw) || columns.some((cell) => UNSTORABLE.test(cell)))
    return reject("contains a NUL byte or invalid characters, which cannot be stored");
  if (name !== undefined && name.length > MAX_NAME_LENGTH)
    return reject(`name longer than ${MAX_NAME_LENGTH} characters`);
  for (const [key, value] of Object.entries(attributes)) {
    if (value.length > MAX_ATTRIBUTE_VALUE_LENGTH)
      return reject(`attribute "${key}" longer than ${MAX_ATTRIBUTE_VALUE_LENGTH} characters`);
  }
  if (labels.length > MAX_LABELS) return reject(`more than ${MAX_LABELS} labels`);
  return {
    ok: true,
    contact: {
      line: draft.line,
      phone,
      ...(name === undefined ? {} : { name }),
      attributes,
      labels,
      columns,
    },
  };
}

/**
 * A display name with whitespace collapsed; undefined when empty or when it is only a
 * phone number (address books show the number when a contact has no name).
 */
function cleanName(name: string | undefined): string | undefined {
  const cleaned = name?.replace(/\s+/g, " ").trim();
  if (!cleaned || /^[\d\s+\-().]+$/.test(cleaned)) return undefined;
  return cleaned;
}

/**
 * Trimmed, non-empty labels of at most MAX_LABEL_LENGTH characters (longer ones are cut),
 * de-duplicated case-insensitively (first spelling kept).
 */
export function cleanLabels(labels: string[]): string[] {
  const seen = new Map<string, string>();
  for (const label of labels) {
    const trimmed = [...label.trim()].slice(0, MAX_LABEL_LENGTH).join("").trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

function nonEmptyValues(attributes: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const trimmed = value.trim();
    if (trimmed) result[key] = trimmed;
  }
  return result;
}
