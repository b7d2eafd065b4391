/**
 * Date-times in the spreadsheets Kabar writes (campaign report, contact export), shown in
 * the shop's time zone. A spreadsheet date has no zone: it is a wall-clock time. So an
 * instant is first turned into a "wall-clock Date", a Date whose UTC fields are the time
 * in the shop's zone (14:05 WIB is `…T14:05:00Z`); exceljs writes a Date as the Excel
 * serial number of its UTC fields, and a CSV cell is that time as text.
 */
import { zonedParts } from "./time.js";

/** Excel number format of the date cells: day first, 24-hour clock (as Indonesia writes it). */
export const SHEET_DATE_FORMAT = "dd/mm/yyyy hh:mm";

/** Indonesia's zones by their usual names (as the web app's lib/time.ts). */
const ZONE_NAMES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

/** The zone as a header names it: WIB, WITA, WIT, or the IANA name (e.g. "Asia/Tokyo"). */
export function zoneLabel(timeZone: string): string {
  return ZONE_NAMES[timeZone] ?? timeZone;
}

/**
 * The wall-clock Date of `at` in `timeZone`, to the second (`zonedParts`), e.g.
 * 2026-12-06T07:05:30Z in Asia/Jakarta is 2026-12-06T14:05:30Z.
 * @throws RangeError for an unknown time zone or an invalid date
 */
export function wallClock(at: Date | string, timeZone: string): Date {
  const p = zonedParts(typeof at === "string" ? new Date(at) : at, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A wall-clock Date as CSV text, day first: "06/12/2026 14:05". */
export function sheetDateText(wall: Date): string {
  return `${pad(wall.getUTCDate())}/${pad(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}
