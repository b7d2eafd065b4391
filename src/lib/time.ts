/** Wall-clock fields of an instant in an IANA time zone (month 1–12, hour 0–23). */
interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock time of `at` in `timeZone`, from Intl (the runtime's tz database), e.g.
 * 02:00 UTC is 09:00 in Asia/Jakarta (WIB, UTC+7). One formatter per zone is kept, since an
 * export converts many times.
 * @throws RangeError for an unknown time zone or an invalid date
 */
export function zonedParts(at: Date | number, timeZone: string): ZonedParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}
