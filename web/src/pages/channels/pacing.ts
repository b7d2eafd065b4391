/**
 * The pacing editor's logic, apart from its form: the same checks the server makes
 * (src/channels/pacing.ts `pacingPolicySchema`), so mistakes show before saving, and the
 * preset a policy equals.
 */
import type { PacingPolicy, PacingPreset, PacingPresetName } from "../../api/types";

/** A problem with one field of a policy: its path (as the server names it) and a catalogue key. */
interface PacingProblem {
  field: string;
  key:
    | "pacing.errors.maxBelowMin"
    | "pacing.errors.warmupNeedsDaily"
    | "pacing.errors.sameQuietHours"
    | "pacing.errors.concurrency"
    | "pacing.errors.clock"
    | "pacing.errors.whole";
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const HOUR_MS = 3_600_000;

/** The server's checks of a policy (`pacingPolicySchema`), by field; `[]` when it is valid. */
export function pacingProblems(p: PacingPolicy): PacingProblem[] {
  const out: PacingProblem[] = [];
  const whole = (field: string, v: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(v) || v < 0 || v > max) out.push({ field, key: "pacing.errors.whole" });
  };
  whole("minDelayMs", p.minDelayMs, HOUR_MS);
  whole("maxDelayMs", p.maxDelayMs, HOUR_MS);
  whole("perMinute", p.perMinute);
  whole("perHour", p.perHour);
  whole("perDay", p.perDay);
  whole("typingMs.min", p.typingMs.min, HOUR_MS);
  whole("typingMs.max", p.typingMs.max, HOUR_MS);
  whole("pauseAfterConsecutiveFailures", p.pauseAfterConsecutiveFailures);
  if (p.maxDelayMs < p.minDelayMs) out.push({ field: "maxDelayMs", key: "pacing.errors.maxBelowMin" });
  if (p.typingMs.max < p.typingMs.min) out.push({ field: "typingMs.max", key: "pacing.errors.maxBelowMin" });
  if (p.warmup.enabled && p.perDay === 0)
    out.push({ field: "perDay", key: "pacing.errors.warmupNeedsDaily" });
  if (!CLOCK.test(p.quietHours.start)) out.push({ field: "quietHours.start", key: "pacing.errors.clock" });
  if (!CLOCK.test(p.quietHours.end)) out.push({ field: "quietHours.end", key: "pacing.errors.clock" });
  if (p.quietHours.enabled && p.quietHours.start === p.quietHours.end)
    out.push({ field: "quietHours.end", key: "pacing.errors.sameQuietHours" });
  const paced = p.maxDelayMs > 0 || p.perMinute > 0 || p.perHour > 0 || p.perDay > 0 || p.warmup.enabled;
  if (paced && p.concurrency > 1) out.push({ field: "concurrency", key: "pacing.errors.concurrency" });
  return out;
}

/** Deep equality of two JSON values (policies: numbers, strings, booleans, plain objects). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The preset whose policy equals `policy`, or null (a custom policy). */
export function matchingPreset(
  policy: PacingPolicy,
  presets: readonly PacingPreset[],
): PacingPresetName | null {
  return presets.find((p) => same(p.policy, policy))?.name ?? null;
}

/** What to send to PATCH /channels/:id: a preset by name when the policy is one, else the policy. */
export function pacingChange(
  policy: PacingPolicy,
  presets: readonly PacingPreset[],
): { pacingPreset: PacingPresetName } | { pacing: PacingPolicy } {
  const preset = matchingPreset(policy, presets);
  return preset ? { pacingPreset: preset } : { pacing: policy };
}

/** Milliseconds as seconds for the form (one decimal). */
export const toSeconds = (ms: number): number => Math.round(ms / 100) / 10;
/** Seconds typed in the form as whole milliseconds. */
export const toMs = (seconds: number): number => Math.round(seconds * 1000);
