import { commonErrors } from "../../lib/common-errors.js";
import { campaignErrors } from "./errors.js";
import { zonedParts } from "../../lib/time.js";

/**
 * Reads a schedule time as a UTC instant. An ISO string with an offset or `Z` is taken as
 * is; a local time without offset (`YYYY-MM-DDTHH:mm[:ss]`) is read in `timeZone` (IANA),
 * using Intl to find the zone's offset at that moment (Indonesia has no DST, but this stays
 * right for zones that do, except inside a skipped hour).
 * @throws KabarError 400 `invalid_time` for anything else, or an unknown time zone.
 */
export function toUtc(value: string, timeZone: string): Date {
  const bad = () => campaignErrors.invalidTime({ value });
  const withOffset = /(Z|[+-]\d\d:?\d\d)$/i.test(value);
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?/.exec(value);
  if (!m) throw bad();
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 February over into March: refuse times that do not exist.
  const back = new Date(asUtc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw bad();
  if (withOffset) {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime())) throw bad();
    return parsed;
  }
  if (m[0].length !== value.length) throw bad();
  let offset: number;
  try {
    offset = zoneOffsetMs(asUtc, timeZone);
  } catch {
    throw commonErrors.invalidTimeZone({ timeZone });
  }
  return new Date(asUtc - offset);
}

/** The zone's offset from UTC at instant `utcMs`, in ms (e.g. +7 h for Asia/Jakarta). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const p = zonedParts(utcMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}
