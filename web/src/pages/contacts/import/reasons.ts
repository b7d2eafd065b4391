import type { TFunction } from "i18next";

/**
 * Why the server rejected a row of an import, in the interface language. The server
 * writes its reasons in English (src/modules/contacts/import/, src/lib/phone/normalize.ts):
 * the known ones are translated here, keeping the values they quote; any other reason is
 * shown as the server wrote it. (The downloaded CSV keeps the server's text.)
 */
export function importReason(t: TFunction, reason: string): string {
  const phone = /^invalid phone (".*"): (.*)$/s.exec(reason);
  if (phone)
    return t("contacts.import.reasons.invalidPhone", { value: phone[1], detail: phoneDetail(t, phone[2]!) });
  const fixed: Record<string, string> = {
    "no phone number": t("contacts.import.reasons.noPhone"),
    'unclosed quote (")': t("contacts.import.reasons.unclosedQuote"),
    "file is empty": t("contacts.import.reasons.empty"),
    "incomplete vCard (no END:VCARD)": t("contacts.import.reasons.incompleteCard"),
  };
  if (fixed[reason]) return fixed[reason];
  if (/^no (phone column|"Phone 1 - Value" column)/.test(reason))
    return `${t("contacts.import.reasons.noPhoneColumn")} (${reason})`;
  if (/^not an \.xlsx workbook/.test(reason)) return t("contacts.import.reasons.notXlsx");
  return reason;
}

/** The phone problems of src/lib/phone/normalize.ts, by their catalogue key. */
const PHONE_DETAILS = {
  "too short": "tooShort",
  "too long": "tooLong",
  "invalid length": "invalidLength",
  "invalid country code": "invalidCountry",
  "not a phone number": "notANumber",
  "contains letters": "letters",
  "invalid characters": "characters",
  empty: "empty",
} as const;

/** A phone problem of the server (`too short`, `contains letters`, …) in the interface language. */
export function phoneDetail(t: TFunction, detail: string): string {
  if (detail in PHONE_DETAILS)
    return t(`contacts.import.reasons.phone.${PHONE_DETAILS[detail as keyof typeof PHONE_DETAILS]}`);
  if (detail.startsWith("number in scientific notation")) return t("contacts.import.reasons.scientific");
  const country = /^invalid number for (.+)$/.exec(detail);
  if (country) return t("contacts.import.reasons.invalidFor", { where: country[1] });
  return detail;
}
