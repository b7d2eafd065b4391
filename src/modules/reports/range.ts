/**
 * The day range of a report: the shop's days `from`–`to` (YYYY-MM-DD, `to` included),
 * by default the last 30 days up to today in the shop's zone, at most 3 years long.
 */
import { commonErrors } from "../../lib/common-errors.js";
import { zonedParts } from "../../lib/time.js";

/** The longest range a report reads, in years. */
const MAX_YEARS = 3;

/** Days in the default range, today included. */
const DEFAULT_DAYS = 30;

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Today in `tz` as YYYY-MM-DD; `now` epoch ms. */
export function todayIn(tz: string, now: number): string {
  const p = zonedParts(now, tz);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}

/**
 * The range asked for, its missing ends filled in: `to` defaults to today in `tz`, `from`
 * to 29 days before `to`.
 * @throws KabarError 400 `validation_failed` naming `to` when it is before `from`, and
 *   naming `from` when the range is longer than 3 years
 */
export function resolveRange(
  q: { from?: string; to?: string },
  tz: string,
  now: number,
): { from: string; to: string } {
  const to = q.to ?? todayIn(tz, now);
  const from = q.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (from > to) throw commonErrors.validationFailed({ fields: { to: "must be on or after from" } });
  const earliest = new Date(`${to}T00:00:00Z`);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - MAX_YEARS);
  if (from < ymd(earliest)) {
    throw commonErrors.validationFailed({ fields: { from: `at most ${MAX_YEARS} years before to` } });
  }
  return { from, to };
}
