/** Indonesia's zones by their usual names; other zones use Intl's short name. */
const ZONE_NAMES: Record<string, string> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

const localeOf = (language: string) => (language === "en" ? "en-GB" : "id-ID");

/** The zone's short name at `date` (WIB, WITA, WIT, or e.g. GMT+9). */
export function zoneName(timeZone: string, date: Date, language: string): string {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  const part = new Intl.DateTimeFormat(localeOf(language), { timeZone, timeZoneName: "short" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "21 Nov 2026 09.30 WIB": a date and time in the shop's zone. */
export function formatDateTime(value: string | number | Date, timeZone: string, language: string): string {
  const date = new Date(value);
  const text = new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  return `${text} ${zoneName(timeZone, date, language)}`;
}

/**
 * "Sen, 7 Des 10.00 WIB" ("Mon 7 Dec 10:00 WIB"): a moment within the coming days, with
 * its weekday, in the shop's zone (until when a number's new chats are held).
 */
export function formatDayTime(value: string | number | Date, timeZone: string, language: string): string {
  const date = new Date(value);
  const day = new Intl.DateTimeFormat(localeOf(language), {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
  }).format(date);
  return `${day} ${formatTime(date, timeZone, language)} ${zoneName(timeZone, date, language)}`;
}

/** "09.30": the time of day in the shop's zone (chat bubbles). */
export function formatTime(value: string | number | Date, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), { timeZone, hour: "2-digit", minute: "2-digit" }).format(
    new Date(value),
  );
}

/** The language's decimal separator: "," in Bahasa Indonesia (0,5), "." in English (0.5). */
export function decimalSeparator(language: string): string {
  return (
    new Intl.NumberFormat(localeOf(language)).formatToParts(1.5).find((p) => p.type === "decimal")?.value ??
    "."
  );
}

/** A number with the language's grouping (1.234 in Bahasa Indonesia, 1,234 in English). */
export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(n);
}
