/**
 * The per-channel send policy (DESIGN.md §5): when may the next campaign message go out?
 * Pure functions; the dispatcher keeps a `PacingState` per channel, asks `nextSendAt`,
 * waits, sends, then calls `recordSend`.
 *
 * Where the numbers come from
 * - WhatsApp Web (Baileys) has no published limits. The `safe` and `balanced` presets
 *   follow common anti-ban practice in the WhatsApp Web automation community: random
 *   human-like gaps of several seconds, a few messages a minute, a daily ceiling, a
 *   warm-up for new numbers (~20 messages on day one, growing ~1.8× a day), no sending at
 *   night, typing presence, skipping numbers not on WhatsApp, and stopping when sends
 *   keep failing. They lower the risk of a ban; nothing removes it.
 * - The Cloud API limits business-initiated messages to unique customers per moving 24 h
 *   by messaging tier: historically 250 / 1K / 10K / 100K / unlimited; Meta's current
 *   docs list 250 / 2K / 10K / 100K / unlimited, per business portfolio. Set `perDay` to
 *   the tier when pacing a Cloud API channel.
 */
import { z } from "zod";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour "HH:MM"');
const count = z.number().int().min(0);
const ms = z.number().int().min(0).max(HOUR_MS);

/**
 * A channel's pacing policy (the API contract). Caps and counters use 0 for "none".
 * - `minDelayMs`..`maxDelayMs`: random gap between two sends, uniform.
 * - `perMinute` / `perHour` / `perDay`: sliding-window caps on sends.
 * - `warmup`: a new number may send `round(firstDay × growth^n)` messages on its day `n`
 *   (24 h periods since the channel was created), never more than `perDay`, which must
 *   then be set.
 * - `quietHours`: no sends from `start` (inclusive) to `end` (exclusive), wall-clock time
 *   in the tenant's IANA time zone; `start > end` spans midnight (21:00–08:00).
 * - `typing` / `typingMs`: show "typing…" for a random `min`..`max` ms before each send.
 * - `precheckNumbers`: check a number is on WhatsApp before the first message to it.
 * - `pauseAfterConsecutiveFailures`: pause the channel's campaigns after N failures in a row.
 * - `concurrency`: sends in flight at once; 1 for any paced policy, more only when all
 *   delays, caps and warm-up are off.
 */
export const pacingPolicySchema = z
  .object({
    minDelayMs: ms,
    maxDelayMs: ms,
    perMinute: count,
    perHour: count,
    perDay: count,
    warmup: z.object({
      enabled: z.boolean(),
      firstDay: z.number().int().min(1),
      growth: z.number().min(1).max(10),
    }),
    quietHours: z.object({ enabled: z.boolean(), start: clock, end: clock }),
    typing: z.boolean(),
    typingMs: z.object({ min: ms, max: ms }),
    precheckNumbers: z.boolean(),
    pauseAfterConsecutiveFailures: count,
    concurrency: z.number().int().min(1).max(100),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string[], message: string): void => ctx.addIssue({ code: "custom", path, message });
    if (p.maxDelayMs < p.minDelayMs) issue(["maxDelayMs"], "Must be at least minDelayMs");
    if (p.typingMs.max < p.typingMs.min) issue(["typingMs", "max"], "Must be at least typingMs.min");
    if (p.warmup.enabled && p.perDay === 0) issue(["perDay"], "Warm-up needs a daily cap to grow towards");
    if (p.quietHours.enabled && p.quietHours.start === p.quietHours.end) {
      issue(["quietHours", "end"], "Quiet hours must not start and end at the same time");
    }
    const paced = p.maxDelayMs > 0 || p.perMinute > 0 || p.perHour > 0 || p.perDay > 0 || p.warmup.enabled;
    if (paced && p.concurrency > 1) issue(["concurrency"], "Must be 1 while delays, caps or warm-up are on");
  });
/** A channel's pacing policy; see `pacingPolicySchema`. */
export type PacingPolicy = z.infer<typeof pacingPolicySchema>;

/** Names of the built-in presets. */
export type PacingPresetName = "safe" | "balanced" | "demo" | "off";

const NO_WARMUP = { enabled: false, firstDay: 20, growth: 1.8 };
const NO_QUIET_HOURS = { enabled: false, start: "21:00", end: "08:00" };

/** Built-in policies; `safe` is the default for a real number. */
export const PACING_PRESETS: Readonly<Record<PacingPresetName, PacingPolicy>> = {
  safe: {
    minDelayMs: 8_000,
    maxDelayMs: 20_000,
    perMinute: 3,
    perHour: 120,
    perDay: 800,
    warmup: { enabled: true, firstDay: 20, growth: 1.8 },
    quietHours: { enabled: true, start: "21:00", end: "08:00" },
    typing: true,
    typingMs: { min: 1_500, max: 4_000 },
    precheckNumbers: true,
    pauseAfterConsecutiveFailures: 10,
    concurrency: 1,
  },
  balanced: {
    minDelayMs: 3_000,
    maxDelayMs: 8_000,
    perMinute: 10,
    perHour: 400,
    perDay: 3_000,
    warmup: NO_WARMUP,
    quietHours: { enabled: true, start: "21:00", end: "08:00" },
    typing: true,
    typingMs: { min: 1_000, max: 3_000 },
    precheckNumbers: true,
    pauseAfterConsecutiveFailures: 10,
    concurrency: 1,
  },
  demo: {
    minDelayMs: 500,
    maxDelayMs: 1_500,
    perMinute: 0,
    perHour: 0,
    perDay: 0,
    warmup: NO_WARMUP,
    quietHours: NO_QUIET_HOURS,
    typing: false,
    typingMs: { min: 0, max: 0 },
    precheckNumbers: true,
    pauseAfterConsecutiveFailures: 10,
    concurrency: 1,
  },
  off: {
    minDelayMs: 0,
    maxDelayMs: 0,
    perMinute: 0,
    perHour: 0,
    perDay: 0,
    warmup: NO_WARMUP,
    quietHours: NO_QUIET_HOURS,
    typing: false,
    typingMs: { min: 0, max: 0 },
    precheckNumbers: false,
    pauseAfterConsecutiveFailures: 0,
    concurrency: 100,
  },
};

/** What each preset is for and what it risks, for the channel settings screen. */
export const PACING_PRESET_INFO: Readonly<
  Record<PacingPresetName, { label: string; description: string; sandboxOnly: boolean }>
> = {
  safe: {
    label: "Safe (recommended)",
    description:
      "For a real WhatsApp number, especially a new one: 8–20 s between messages, at most 3 a minute, 120 an hour and 800 a day, starting at 20 on day one and growing each day; no messages 21:00–08:00. Slow, but the lowest risk of a ban.",
    sandboxOnly: false,
  },
  balanced: {
    label: "Balanced",
    description:
      "For a number that has been used normally for several weeks: 3–8 s between messages, at most 10 a minute, 400 an hour and 3,000 a day, no warm-up. Faster, with a higher ban risk on a young or reported number.",
    sandboxOnly: false,
  },
  demo: {
    label: "Demo (fast, sandbox)",
    description:
      "For the sandbox and demos: 0.5–1.5 s between messages, no caps, no quiet hours; 50 recipients take about a minute. Far too fast for a real number.",
    sandboxOnly: true,
  },
  off: {
    label: "Off (sandbox and benchmarks only)",
    description:
      "No pacing at all, 100 messages in flight. Only for the sandbox and benchmarks; a real WhatsApp channel must never use it, it would be banned.",
    sandboxOnly: true,
  },
};

/**
 * What pacing knows about a channel. `sentAt`: epoch ms of recent sends, oldest first;
 * it covers the last 24 h and, between compactions by `recordSend`, may also hold up to
 * as many older entries, which every window check ignores. `consecutiveFailures` is kept
 * by the dispatcher (reset to 0 on a successful send, +1 on a failed one).
 * `lastAttemptAt` (epoch ms) is the latest send attempt, failed ones included, and
 * `rateLimitedInARow` the rate-limit answers since the last successful send: both are
 * kept by `recordSend` / `recordFailedSend`.
 */
export interface PacingState {
  channelCreatedAt: number;
  sentAt: number[];
  lastSentAt?: number;
  lastAttemptAt?: number;
  rateLimitedInARow?: number;
  consecutiveFailures: number;
}

/** The smallest gap after a rate-limit answer, ms, before doubling (also when the policy has no gap). */
const RATE_LIMIT_BASE_GAP_MS = 500;
/** The most doublings of the gap after rate-limit answers in a row (×2, ×4, … ×64). */
const RATE_LIMIT_MAX_DOUBLINGS = 6;
/** The longest gap rate-limit answers stretch the policy's gap to, ms (5 minutes). */
const RATE_LIMIT_MAX_GAP_MS = 5 * MINUTE_MS;

/**
 * The gap pacing keeps after `n` rate-limit answers in a row (n ≥ 1), given the policy's
 * drawn gap `gap` (ms): `min(RATE_LIMIT_MAX_GAP_MS, max(gap, RATE_LIMIT_BASE_GAP_MS) ×
 * 2^min(n, RATE_LIMIT_MAX_DOUBLINGS))`, never less than `gap`. With the demo preset's
 * 0.5–1.5 s: 1–3 s after one rate limit, 2–6 s after two; with `safe`'s 8–20 s: 16–40 s,
 * then 32–80 s, … up to 5 minutes. A successful send ends the backoff.
 */
export function rateLimitedGapMs(gap: number, n: number): number {
  if (n <= 0) return gap;
  const stretched = Math.max(gap, RATE_LIMIT_BASE_GAP_MS) * 2 ** Math.min(n, RATE_LIMIT_MAX_DOUBLINGS);
  return Math.max(gap, Math.min(RATE_LIMIT_MAX_GAP_MS, stretched));
}

/** Why `nextSendAt` chose its time: the constraint that set it last, or `now`. */
type PacingReason = "delay" | "per_minute" | "per_hour" | "per_day" | "warmup" | "quiet_hours" | "now";

/**
 * The daily cap for a channel at `now`: `min(perDay, round(firstDay × growth^n))` where
 * `n` is the channel's age in whole 24 h periods (day 0 = its first 24 h). Without
 * warm-up it is `perDay`; 0 means no cap.
 */
export function dailyCap(policy: PacingPolicy, channelCreatedAt: number, now: number): number {
  if (!policy.warmup.enabled) return policy.perDay;
  const age = Math.max(0, Math.floor((now - channelCreatedAt) / DAY_MS));
  const warm = Math.round(policy.warmup.firstDay * policy.warmup.growth ** age);
  return policy.perDay > 0 ? Math.min(policy.perDay, warm) : warm;
}

/** True when the channel's campaigns must pause: N consecutive failures (N > 0). */
export function shouldPause(policy: PacingPolicy, state: PacingState): boolean {
  const limit = policy.pauseAfterConsecutiveFailures;
  return limit > 0 && state.consecutiveFailures >= limit;
}

/** How long to show "typing…" before a send, in ms: 0 when typing is off. */
export function typingDurationMs(policy: PacingPolicy, rand: () => number): number {
  if (!policy.typing) return 0;
  return Math.round(policy.typingMs.min + rand() * (policy.typingMs.max - policy.typingMs.min));
}

/**
 * Earliest time at or after `at` when a cap of `cap` sends per `windowMs` allows a send:
 * a send at `s` counts while `at - s < windowMs`, so the cap frees when the `cap`-th most
 * recent send leaves the window.
 */
function capFreesAt(sentAt: number[], cap: number, windowMs: number, at: number): number {
  if (cap <= 0 || sentAt.length < cap) return at;
  return Math.max(at, sentAt[sentAt.length - cap]! + windowMs);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at instant `at`, in ms (WIB: +7 h). */
function zoneOffsetMs(timeZone: string, at: number): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(at)) part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day, part.hour, part.minute, part.second);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

function clockMs(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h! * 60 + m!) * MINUTE_MS;
}

/** Earliest time at or after `at` outside quiet hours, exact to the millisecond. */
function quietHoursEndAt(policy: PacingPolicy, timeZone: string, at: number): number {
  if (!policy.quietHours.enabled) return at;
  const start = clockMs(policy.quietHours.start);
  const end = clockMs(policy.quietHours.end);
  const local = at + zoneOffsetMs(timeZone, at);
  const timeOfDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  const quiet = start < end ? timeOfDay >= start && timeOfDay < end : timeOfDay >= start || timeOfDay < end;
  if (!quiet) return at;
  const endWall = local - timeOfDay + end + (timeOfDay >= end ? DAY_MS : 0);
  // Re-read the offset at the end instant, in case it differs there (daylight saving).
  return endWall - zoneOffsetMs(timeZone, endWall - zoneOffsetMs(timeZone, at));
}

/**
 * When the next message on this channel may be sent (epoch ms, never before `now`) and
 * why. Applies, until none moves the time further: the random gap after the last send
 * or failed attempt (draws `rand` once when there was one and `maxDelayMs > 0`; stretched
 * by `rateLimitedGapMs` after rate-limit answers, even when the policy has no gap), the per-minute, per-hour and daily
 * sliding-window caps (the daily one being `dailyCap`, reported as `warmup` while warm-up
 * is what limits it; a new warm-up day can free the cap early), and quiet hours in
 * `timeZone` (an IANA name such as `Asia/Jakarta`; an unknown one throws RangeError).
 * Pausing is separate: see `shouldPause`. Call once per send and keep the answer; each
 * call draws a new random gap.
 */
export function nextSendAt(
  policy: PacingPolicy,
  state: PacingState,
  now: number,
  timeZone: string,
  rand: () => number,
): { at: number; reason: PacingReason } {
  let at = now;
  let reason: PacingReason = "now";
  const lastSent = state.lastSentAt ?? state.sentAt[state.sentAt.length - 1];
  // A failed attempt counts as a send for the gap: a failure never shortens it.
  const last =
    lastSent === undefined ? state.lastAttemptAt : Math.max(lastSent, state.lastAttemptAt ?? lastSent);
  const rateLimited = state.rateLimitedInARow ?? 0;
  if (last !== undefined && (policy.maxDelayMs > 0 || rateLimited > 0)) {
    const drawn =
      policy.maxDelayMs > 0
        ? Math.round(policy.minDelayMs + rand() * (policy.maxDelayMs - policy.minDelayMs))
        : 0;
    const gap = rateLimitedGapMs(drawn, rateLimited);
    if (last + gap > at) [at, reason] = [last + gap, "delay"];
  }
  const checks: Array<[PacingReason, (t: number) => number]> = [
    ["per_minute", (t) => capFreesAt(state.sentAt, policy.perMinute, MINUTE_MS, t)],
    ["per_hour", (t) => capFreesAt(state.sentAt, policy.perHour, HOUR_MS, t)],
    ["per_day", (t) => capFreesAt(state.sentAt, dailyCap(policy, state.channelCreatedAt, t), DAY_MS, t)],
    ["quiet_hours", (t) => quietHoursEndAt(policy, timeZone, t)],
  ];
  for (let moved = true; moved; ) {
    moved = false;
    for (const [name, check] of checks) {
      let next = check(at);
      if (next === at) continue;
      let why = name;
      if (
        name === "per_day" &&
        policy.warmup.enabled &&
        dailyCap(policy, state.channelCreatedAt, at) < policy.perDay
      ) {
        why = "warmup";
        const age = Math.max(0, Math.floor((at - state.channelCreatedAt) / DAY_MS));
        next = Math.min(next, state.channelCreatedAt + (age + 1) * DAY_MS);
      }
      [at, reason, moved] = [next, why, true];
    }
  }
  return { at, reason };
}

/**
 * Records a failed send attempt at `at` (epoch ms) in place and returns the same state:
 * raises `lastAttemptAt`, so the next send keeps the policy's gap after the failure too,
 * and counts a rate-limit answer (`rateLimited`) towards `rateLimitedInARow`, which
 * stretches that gap (`rateLimitedGapMs`). Other failures leave the count as it is.
 * The attempt does not count against the per-minute / hour / day caps (nothing was sent).
 * Does not touch `consecutiveFailures`.
 */
export function recordFailedSend(state: PacingState, at: number, rateLimited: boolean): PacingState {
  state.lastAttemptAt = Math.max(state.lastAttemptAt ?? at, at);
  if (rateLimited) state.rateLimitedInARow = (state.rateLimitedInARow ?? 0) + 1;
  return state;
}

/**
 * Records a send at `at` (epoch ms) in place and returns the same state: appends to
 * `sentAt` (kept sorted), raises `lastSentAt` and `lastAttemptAt`, ends a rate-limit
 * backoff (`rateLimitedInARow` = 0), and drops entries older than 24 h once they are at
 * least half the array, so each call costs amortised O(1).
 * Does not touch `consecutiveFailures`.
 */
export function recordSend(state: PacingState, at: number): PacingState {
  const sent = state.sentAt;
  let i = sent.length;
  sent.push(at);
  for (; i > 0 && sent[i - 1]! > at; i--) sent[i] = sent[i - 1]!;
  sent[i] = at;
  const latest = Math.max(state.lastSentAt ?? at, at);
  state.lastSentAt = latest;
  state.lastAttemptAt = Math.max(state.lastAttemptAt ?? latest, latest);
  state.rateLimitedInARow = 0;
  const cutoff = latest - DAY_MS;
  if (sent[sent.length >> 1]! <= cutoff) {
    let lo = 0;
    let hi = sent.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sent[mid]! <= cutoff) lo = mid + 1;
      else hi = mid;
    }
    sent.splice(0, lo);
  }
  return state;
}
