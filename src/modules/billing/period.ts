import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import type { BillingCycle } from "./queries/subscriptions.js";

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The end of a period that starts at `start` (exclusive): one calendar month or year later on
 * the shop's wall clock (dayjs with its time-zone plugin), so a period started 31 January
 * 10:00 WIB ends 28 (29) February 10:00 WIB.
 */
export function periodEndFrom(start: Date, cycle: BillingCycle, timeZone: string): Date {
  return dayjs(start)
    .tz(timeZone)
    .add(1, cycle === "yearly" ? "year" : "month")
    .toDate();
}

/**
 * The start of the monthly message allowance current at `now` for a period that began at
 * `periodStart`: the last monthly anniversary of it (shop's wall clock) not after `now`;
 * `periodStart` itself when `now` is before it.
 */
export function allowanceStart(periodStart: Date, now: Date, timeZone: string): Date {
  const start = dayjs(periodStart).tz(timeZone);
  if (now <= periodStart) return periodStart;
  // Months between, by the calendar, then stepped back if that anniversary is still ahead.
  let months = start.diff(dayjs(now).tz(timeZone), "month") * -1;
  let at = start.add(months, "month");
  while (at.toDate() > now && months > 0) at = start.add(--months, "month");
  return at.toDate();
}

/** The end of a trial of `days` days starting at `start` (days of 24 h). */
export function trialEndFrom(start: Date, days: number): Date {
  return new Date(start.getTime() + days * 86_400_000);
}

/**
 * What an upgrade costs now, in integer rupiah: the price difference of the two packages for
 * the cycle, times the share of the period still ahead (by the second), rounded half up; 0
 * when the new package is not dearer or the period is over.
 * @param oldPrice the current package's price for the cycle, rupiah
 * @param newPrice the new package's price for the same cycle, rupiah
 */
export function upgradePrice(
  oldPrice: number,
  newPrice: number,
  period: { start: Date; end: Date },
  now: Date,
): number {
  const diff = newPrice - oldPrice;
  const total = Math.floor((period.end.getTime() - period.start.getTime()) / 1000);
  const left = Math.floor((period.end.getTime() - now.getTime()) / 1000);
  if (diff <= 0 || total <= 0 || left <= 0) return 0;
  const share = Math.min(left, total);
  // diff ≤ 10^10 and share ≤ 3.2·10^7: the product stays below 2^53, so this is exact.
  return Math.floor((diff * share * 2 + total) / (2 * total));
}
