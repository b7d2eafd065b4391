/** Fixtures of the composer's component tests: a pacing policy and the shop's numbers as GET /channels gives them. */
import type { Channel, PacingPolicy } from "../../../api/types";

/** A balanced-like policy: 3–8 s between sends, caps per minute / hour / day, quiet hours 21:00–08:00, typing. */
export const TEST_POLICY: PacingPolicy = {
  minDelayMs: 3000,
  maxDelayMs: 8000,
  perMinute: 10,
  perHour: 400,
  perDay: 3000,
  warmup: { enabled: false, firstDay: 20, growth: 1.8 },
  quietHours: { enabled: true, start: "21:00", end: "08:00" },
  typing: true,
  typingMs: { min: 1000, max: 3000 },
  precheckNumbers: true,
  pauseAfterConsecutiveFailures: 10,
  concurrency: 1,
};

/** A connected number of kind `kind` under `TEST_POLICY` (preset "balanced"). */
export const testChannel = (id: string, kind: Channel["kind"], name: string): Channel => ({
  id,
  outletId: "00000000-0000-4000-8000-00000000000a",
  name,
  kind,
  phone: null,
  status: "connected",
  statusSince: "2026-11-01T00:00:00Z",
  lastError: null,
  pacingPreset: "balanced",
  pacing: TEST_POLICY,
  createdAt: "2026-11-01T00:00:00Z",
});
