/**
 * Wall-clock times of the shop's zone as instants, through Intl only (no offset tables of
 * our own): the "test a message" panel takes a date and time in the shop's zone.
 */

/** How far the zone's wall clock is ahead of UTC at `utcMs`, ms. */
function offsetMs(timeZone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (
    Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) -
    Math.floor(utcMs / 1000) * 1000
  );
}

/**
 * The instant of a local date-time "YYYY-MM-DDTHH:mm" (an `<input type="datetime-local">`
 * value) in `timeZone`, as ISO 8601 UTC; null when `local` is not such a value.
 */
export function zonedToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // Two steps settle the offset also next to a daylight-saving change.
  let t = wall - offsetMs(timeZone, wall);
  t = wall - offsetMs(timeZone, t);
  return new Date(t).toISOString();
}
