/** The reports page's range presets, in days of the shop's time zone. */
import type { DayRange } from "../../api/reports";

/** The presets of the range picker. */
export const PRESETS = ["7", "30", "90", "month", "custom"] as const;
export type Preset = (typeof PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, "0");

/** Today in `timeZone` as YYYY-MM-DD; `now` epoch ms. */
export function shopToday(timeZone: string, now: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The range of a preset: the last 7, 30 or 90 days up to today (today included), or this
 * month so far, today being the shop's. `custom` keeps `current`.
 */
export function presetRange(preset: Preset, timeZone: string, now: number, current?: DayRange): DayRange {
  const today = shopToday(timeZone, now);
  if (preset === "month") return { from: `${today.slice(0, 8)}01`, to: today };
  if (preset === "custom") return current ?? { from: addDays(today, -29), to: today };
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}
