import { zonedParts } from "../lib/time.js";
/**
 * Times as the shop reads them: in its IANA time zone, with Indonesia's own abbreviations
 * (WIB, WITA, WIT) where they apply.
 */

/** Indonesian zones and the abbreviation Indonesians use for each. */
const INDONESIAN_ABBREVIATIONS: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Ujung_Pandang": "WITA",
  "Asia/Jayapura": "WIT",
};

/**
 * The abbreviation of `timeZone` at `at`: WIB / WITA / WIT for Indonesia's zones,
 * otherwise what Intl gives in English (e.g. "UTC", "GMT+8", "CET").
 * @throws RangeError for an unknown time zone
 */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const indonesian = INDONESIAN_ABBREVIATIONS[timeZone];
  if (indonesian) return indonesian;
  const part = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/**
 * `at` as local wall-clock time in `timeZone`, with its abbreviation:
 * "2026-12-01 09:00 WITA". Seconds are shown only when `seconds` is set.
 * @throws RangeError for an unknown time zone
 */
export function formatInZone(at: Date, timeZone: string, seconds = false): string {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(p.hour)}:${two(p.minute)}${seconds ? `:${two(p.second)}` : ""}`;
  return `${p.year}-${two(p.month)}-${two(p.day)} ${time} ${zoneAbbreviation(timeZone, at)}`;
}

/** An ISO time (or null) shown in `timeZone`, "–" when absent. */
export function formatIsoInZone(iso: string | null, timeZone: string): string {
  return iso ? formatInZone(new Date(iso), timeZone) : "–";
}
