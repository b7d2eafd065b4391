/**
 * Working hours of a shop, for the "outside working hours" auto-reply (pure; unit-tested
 * beside it). Wall-clock times are read in the shop's IANA time zone through Intl
 * (`zonedParts` in src/lib/time.ts); no offset arithmetic of our own.
 *
 * - A day's opening hours are intervals `HH:MM`–`HH:MM`; `end` may be `24:00`.
 * - An interval whose end is not after its start runs across midnight: Saturday
 *   `22:00`–`06:00` is open from Saturday 22:00 to Sunday 06:00. It belongs to the day it
 *   starts.
 * - A holiday (a date `YYYY-MM-DD` in the shop's time zone) is closed all day, and so is an
 *   overnight interval that starts on a holiday.
 */
import { zonedParts } from "../../lib/time.js";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval, local wall-clock `HH:MM` (end may be `24:00`). */
export interface OpenInterval {
  start: string;
  end: string;
}

/** A weekly schedule (a missing day is closed all day) and holiday dates. */
export interface WorkingHours {
  schedule: Partial<Record<Weekday, OpenInterval[]>>;
  /** Local dates `YYYY-MM-DD` closed all day. */
  holidays: string[];
}

/** Minutes since midnight of `HH:MM` (`24:00` is 1440). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** A calendar date shifted by `days` (calendar arithmetic only, in UTC, no time zone involved). */
function shiftDate(y: number, m: number, d: number, days: number): { date: string; weekday: Weekday } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return {
    date: iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()),
    weekday: WEEKDAYS[t.getUTCDay()]!,
  };
}

/**
 * Is the shop open at instant `at` (epoch ms or Date) in `timeZone`?
 * @throws RangeError for an unknown time zone
 */
export function isOpen(hours: WorkingHours, at: Date | number, timeZone: string): boolean {
  const p = zonedParts(at, timeZone);
  const now = p.hour * 60 + p.minute;
  const today = shiftDate(p.year, p.month, p.day, 0);
  const yesterday = shiftDate(p.year, p.month, p.day, -1);
  const holidays = new Set(hours.holidays);
  if (holidays.has(today.date)) return false;
  for (const i of hours.schedule[today.weekday] ?? []) {
    const start = minutesOf(i.start);
    const end = minutesOf(i.end);
    if (start < end ? now >= start && now < end : now >= start) return true;
  }
  if (holidays.has(yesterday.date)) return false;
  for (const i of hours.schedule[yesterday.weekday] ?? []) {
    const start = minutesOf(i.start);
    const end = minutesOf(i.end);
    if (end <= start && now < end) return true;
  }
  return false;
}
