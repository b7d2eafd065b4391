/**
 * A number's health score (0–100) and its parts: pure and deterministic, so the numbers
 * page, the dashboard and the composer all read the same figure (issue 15, part 1).
 *
 * How the score is made. It starts at 100; **deductions** take points away, **ceilings**
 * hold it at or under a value; the score is `min(100 − Σ deductions, lowest ceiling)`,
 * never below 0. Each part names its reason, so the owner reads why points were lost.
 *
 * | reason           | kind      | rule                                                             |
 * | ---------------- | --------- | ---------------------------------------------------------------- |
 * | `blocked`        | ceiling   | 0: WhatsApp banned the number (status `blocked`)                 |
 * | `logged_out`     | ceiling   | 30: the device was unlinked; it reaches no one until linked again |
 * | `timelock`       | ceiling   | 20: an active reach-out timelock (no new chats until it ends)    |
 * | `capped`         | ceiling   | 30: new-chat cap `CAPPED` this cycle                             |
 * | `second_warning` | ceiling   | 50: new-chat cap `SECOND_WARNING`                                |
 * | `first_warning`  | deduction | 20: new-chat cap `FIRST_WARNING`                                 |
 * | `failure_rate`   | deduction | 200 × rate, at most 40 (5 % → 10, 20 % → 40)                     |
 * | `opt_out_rate`   | deduction | 400 × rate, at most 40 (1 % → 4, 5 % → 20, 10 % → 40)            |
 * | `warmup`         | ceiling   | a WhatsApp Web or sandbox number younger than 14 days: 60 + 40 × days / 14 |
 *
 * Why these weights. WhatsApp publishes no formula for linked devices; the ceilings follow
 * what each state means for sending (a timelock stops all new chats now, CAPPED stops them
 * for the cycle, SECOND_WARNING is one step from it), and the rates follow Meta's quality
 * rating for the Cloud API, where a few percent of blocks or reports already lowers a
 * number's rating (https://developers.facebook.com/docs/whatsapp/messaging-limits). Opt-outs
 * weigh twice failures: they are the closest thing Kabar sees to a block or a report.
 * Small samples are damped: a rate is divided by at least 20 sends (failures) or 50
 * customers messaged (opt-outs), so one failure out of two sends is not a 50 % rate.
 * A cap or timelock whose cycle or lock already ended (`cycleEnd` / `endsAt` ≤ now) no
 * longer counts: WhatsApp resets the cap each cycle and the lock ends by itself.
 * Warm-up: users report bans of young numbers sending far less than older ones; two weeks
 * is the warm-up community practice (pacing's `dailyCap` grows over the same period). A
 * Cloud API number has Meta's messaging-limit tiers as its own warm-up, so no age ceiling.
 *
 * Levels: `healthy` (≥ 70, "Sehat"), `watch` (40–69, "Waspada"), `at_risk` (< 40, "Berisiko").
 */
import type { ChannelStatus, Restrictions } from "../../channels/transport.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The channel kinds the score knows (`channels.kind`). */
export type HealthChannelKind = "sandbox" | "whatsapp_web" | "cloud_api";

/** Why a number lost points, in the order the parts are listed. */
export const HEALTH_REASONS = [
  "blocked",
  "logged_out",
  "timelock",
  "capped",
  "second_warning",
  "first_warning",
  "failure_rate",
  "opt_out_rate",
  "warmup",
] as const;
/** One of {@link HEALTH_REASONS}. */
type HealthReason = (typeof HEALTH_REASONS)[number];

/** A score's level, as the screens name it: Sehat / Waspada / Berisiko. */
export const HEALTH_LEVELS = ["healthy", "watch", "at_risk"] as const;
/** One of {@link HEALTH_LEVELS}. */
export type HealthLevel = (typeof HEALTH_LEVELS)[number];

/** The failure codes that count against a number (see {@link COUNTED_FAILURE_CODES}). */
export const COUNTED_FAILURE_CODES = [
  "reachout_locked",
  "banned",
  "rate_limited",
  // Meta (Cloud API receipts keep the Graph code): spam rate limit, engagement limit, policy block.
  "131048",
  "131049",
  "368",
] as const;

/**
 * What the score is made from, all read at `now` (epoch ms):
 * - `sends`: the number's campaign recipients of the last 7 days: `sent` (accepted by the
 *   network) and `failed` with one of {@link COUNTED_FAILURE_CODES}: the codes by which
 *   WhatsApp refuses a message because of how it treats this number (error 463, a ban, a
 *   rate limit that outlasted the retries, Meta's spam or engagement limits). Failures that
 *   say nothing about the number do not count: `not_on_whatsapp` (the list's quality,
 *   skipped before sending when pacing checks numbers), `invalid_message`,
 *   `outside_window`, `network_error`, `disconnected`, a template problem.
 * - `optOuts`: customers the number messaged in the last 30 days (`messaged`) and those of
 *   them who opted out within 3 days after one of its messages (`optedOut`). WhatsApp tells
 *   a linked device nothing about blocks or reports, so an opt-out that follows a message
 *   is the proxy for them.
 * - `restrictions`: the number's new-chat cap and reach-out timelock (`channels.restrictions`).
 * - `createdAt`: when the channel was added (epoch ms), its age for the warm-up.
 */
export interface HealthSignals {
  kind: HealthChannelKind;
  status: ChannelStatus;
  restrictions: Restrictions | null;
  createdAt: number;
  sends: { sent: number; failed: number };
  optOuts: { messaged: number; optedOut: number };
  now: number;
}

/**
 * One reason a number lost points. `kind` `deduction`: `points` were taken away;
 * `ceiling`: the score is held at or under `points`. `rate` (0..1) for the two rates,
 * `days` (whole days since the channel was added) for the warm-up, `until` (epoch ms,
 * when known) for a timelock or a cap cycle.
 */
export interface HealthPart {
  reason: HealthReason;
  kind: "deduction" | "ceiling";
  points: number;
  rate?: number;
  days?: number;
  until?: number;
}

/** A number's health: `score` 0–100, its level, and every part that lowered it. */
export interface HealthScore {
  score: number;
  level: HealthLevel;
  parts: HealthPart[];
}

/** Least sends a failure rate is divided by (damps small samples). */
const MIN_SENDS = 20;
/** Least customers messaged an opt-out rate is divided by. */
const MIN_MESSAGED = 50;
/** Days a new WhatsApp Web or sandbox number counts as warming up. */
const WARMUP_DAYS = 14;

/** The level of a score: healthy ≥ 70, watch ≥ 40, at_risk below. */
export function healthLevel(score: number): HealthLevel {
  return score >= 70 ? "healthy" : score >= 40 ? "watch" : "at_risk";
}

/** The timelock in force at `now`, or undefined (inactive, or its end has passed). */
export function activeTimelock(r: Restrictions | null, now: number) {
  const lock = r?.timelock;
  return lock?.active && (lock.endsAt === undefined || lock.endsAt > now) ? lock : undefined;
}

/** The new-chat cap of the current cycle, or undefined (none, or its cycle has ended). */
export function currentCap(r: Restrictions | null, now: number) {
  const cap = r?.cap;
  return cap && (cap.cycleEnd === undefined || cap.cycleEnd > now) ? cap : undefined;
}

/** The health score of a number from its signals; see the module comment for the rules. */
export function healthScore(s: HealthSignals): HealthScore {
  const parts: HealthPart[] = [];
  if (s.status === "blocked") parts.push({ reason: "blocked", kind: "ceiling", points: 0 });
  if (s.status === "logged_out") parts.push({ reason: "logged_out", kind: "ceiling", points: 30 });
  const lock = activeTimelock(s.restrictions, s.now);
  if (lock) parts.push({ reason: "timelock", kind: "ceiling", points: 20, ...until(lock.endsAt) });
  const cap = currentCap(s.restrictions, s.now);
  if (cap?.state === "CAPPED")
    parts.push({ reason: "capped", kind: "ceiling", points: 30, ...until(cap.cycleEnd) });
  if (cap?.state === "SECOND_WARNING")
    parts.push({ reason: "second_warning", kind: "ceiling", points: 50, ...until(cap.cycleEnd) });
  if (cap?.state === "FIRST_WARNING")
    parts.push({ reason: "first_warning", kind: "deduction", points: 20, ...until(cap.cycleEnd) });
  const failed = s.sends.failed;
  if (failed > 0) {
    const rate = failed / (s.sends.sent + failed);
    const points = Math.min(40, Math.round((200 * failed) / Math.max(s.sends.sent + failed, MIN_SENDS)));
    parts.push({ reason: "failure_rate", kind: "deduction", points, rate });
  }
  const { messaged, optedOut } = s.optOuts;
  if (optedOut > 0) {
    const rate = optedOut / Math.max(messaged, optedOut);
    const points = Math.min(40, Math.round((400 * optedOut) / Math.max(messaged, MIN_MESSAGED)));
    parts.push({ reason: "opt_out_rate", kind: "deduction", points, rate });
  }
  if (s.kind !== "cloud_api") {
    const days = Math.max(0, Math.floor((s.now - s.createdAt) / DAY_MS));
    if (days < WARMUP_DAYS)
      parts.push({
        reason: "warmup",
        kind: "ceiling",
        points: Math.round(60 + (40 * days) / WARMUP_DAYS),
        days,
      });
  }
  let score = 100;
  for (const p of parts) if (p.kind === "deduction") score -= p.points;
  for (const p of parts) if (p.kind === "ceiling") score = Math.min(score, p.points);
  score = Math.max(0, score);
  return {
    score,
    level: healthLevel(score),
    parts: parts.filter((p) => p.kind === "ceiling" || p.points > 0),
  };
}

function until(at: number | undefined): { until?: number } {
  return at === undefined ? {} : { until: at };
}
