import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * A stored E.164 number (`+6281234567890`) as a person reads it: an Indonesian number in the
 * international form with the groups of its national form (`+62 812-3456-7890`, the way
 * numbers are written in Indonesia), any other country in libphonenumber-js's international
 * form (`+1 555 123 4567`). Text that is not a phone number (a WhatsApp LID, a partial number)
 * comes back unchanged. Never throws.
 */
export function formatPhone(phone: string): string {
  const n = parsePhoneNumberFromString(phone);
  if (!n?.isPossible()) return phone;
  const national = n.formatNational();
  if (n.country === "ID" && /^0[\d-]+$/.test(national))
    return `+${n.countryCallingCode} ${national.slice(1)}`;
  return n.formatInternational();
}

/**
 * A phone number as typed in any Indonesian way (`0812-3456-7890`, `62812…`, `+62 812…`,
 * `812…`) in E.164 (`+6281234567890`); a number starting with `+` keeps its own country.
 * Null when it is not a valid number. Never throws.
 */
export function normalisePhone(input: string): string | null {
  const text = input.trim();
  if (!/\d/.test(text)) return null;
  const digits = text.replace(/[^\d]/g, "");
  const candidate = text.startsWith("+") ? `+${digits}` : digits.startsWith("62") ? `+${digits}` : digits;
  const n = parsePhoneNumberFromString(candidate, "ID");
  return n?.isValid() ? n.number : null;
}
