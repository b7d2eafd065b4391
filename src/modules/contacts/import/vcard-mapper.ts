/**
 * Mapping one vCard (2.1, 3.0 or 4.0) to a contact, using the `vcf` package for the
 * property/parameter syntax and decoding values here (vcf leaves 2.1 quoted-printable
 * and 3.0 escapes as they are).
 */
import vCard from "vcf";
import type { CountryCode } from "../../../lib/phone/normalize.js";
import { buildContact, PhoneRank, rankForLabel } from "./contact.js";
import { isGoogleSystemGroup } from "./google-layout.js";
import type { PhoneCandidate } from "./contact.js";
import { decodeQuotedPrintable, splitValue, unescapeText } from "./vcard-values.js";
import type { CardText } from "./vcard-reader.js";
import type { ParseResult } from "./types.js";

/**
 * Maps a card:
 * - phones: every TEL, ranked by its TYPE list (`CELL` before `PREF` before others), an
 *   Apple `itemN.X-ABLabel` of the same group, or a 4.0 `PREF` parameter; a WhatsApp
 *   `waid=…` parameter (WhatsApp's shared contact cards) adds that number first,
 * - name: FN, else N as prefix, given, additional, family, suffix, else ORG,
 * - labels: CATEGORIES (comma-separated) without Google's system groups (`myContacts`,
 *   `starred`, which Google Contacts' vCard export writes there),
 * - attributes: `organization` (ORG components), `email` (every EMAIL), `note` (NOTE).
 * A card without VERSION is read as 3.0; one vcf cannot parse is rejected.
 */
export function mapCard(card: CardText, defaultCountry: CountryCode): ParseResult {
  let parsed: vCard;
  try {
    const text = /\r\nVERSION:/i.test(card.text)
      ? card.text
      : card.text.replace(/\r\n/, "\r\nVERSION:3.0\r\n");
    parsed = new vCard().parse(text);
  } catch (error) {
    return {
      ok: false,
      error: { line: card.line, reason: `invalid vCard: ${(error as Error).message}`, raw: card.text },
    };
  }
  const all = (name: string): vCard.Property[] =>
    Object.entries(parsed.data)
      .filter(([key]) => key.toLowerCase() === name)
      .flatMap(([, value]) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
  const groupLabels = new Map(all("xablabel").map((property) => [property.group, decoded(property)]));

  const phones = all("tel").flatMap((property): PhoneCandidate[] => {
    const label = property.group === undefined ? "" : (groupLabels.get(property.group) ?? "");
    const words = [...types(property), label, property.pref === undefined ? "" : "pref"];
    const tel = { value: unescapeText(decoded(property)), rank: rankForLabel(words.join(" ")) };
    return typeof property.waid === "string"
      ? [{ value: `+${property.waid}`, rank: PhoneRank.whatsappId }, tel]
      : [tel];
  });
  const texts = (name: string): string[] =>
    all(name)
      .map((property) => unescapeText(decoded(property)).replace(/\r\n?/g, "\n").trim())
      .filter(Boolean);
  const components = (name: string, separator: ";" | ","): string[][] =>
    all(name).map((property) => splitValue(decoded(property), separator).map((part) => part.trim()));
  const organization = components("org", ";").map((parts) => parts.filter(Boolean).join(", "));

  return buildContact(
    {
      line: card.line,
      raw: card.text,
      phones,
      // An organisation-only card (FN and N empty, as Google writes it) is named by its ORG.
      name: texts("fn")[0] || nameFromN(components("n", ";")[0] ?? []) || organization.find(Boolean),
      labels: components("categories", ",")
        .flat()
        .filter((label) => !isGoogleSystemGroup(label)),
      attributes: {
        organization: organization.filter(Boolean).join("; "),
        email: texts("email").join(", "),
        note: texts("note").join("\n"),
      },
    },
    defaultCountry,
  );
}

/** N components are family; given; additional; prefix; suffix (RFC 6350 §6.2.2). */
function nameFromN([family = "", given = "", additional = "", prefix = "", suffix = ""]: string[]): string {
  return [prefix, given, additional, family, suffix].filter(Boolean).join(" ");
}

function types(property: vCard.Property): string[] {
  const type = property.type;
  return (Array.isArray(type) ? type : type === undefined ? [] : [type]).map((value) => value.toLowerCase());
}

/** The property's value with vCard 2.1 quoted-printable (and its CHARSET) decoded. */
function decoded(property: vCard.Property): string {
  const value = property.valueOf() ?? "";
  const encoding = typeof property.encoding === "string" ? property.encoding.toLowerCase() : "";
  if (encoding !== "quoted-printable" && !types(property).includes("quoted-printable")) return value;
  return decodeQuotedPrintable(value, typeof property.charset === "string" ? property.charset : undefined);
}
