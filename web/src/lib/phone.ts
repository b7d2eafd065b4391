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
