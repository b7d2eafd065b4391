import { describe, expect, it } from "vitest";
import {
  PACING_PRESETS,
  PACING_PRESET_INFO,
  dailyCap,
  nextSendAt,
  pacingPolicySchema,
  rateLimitedGapMs,
  recordFailedSend,
  recordSend,
  shouldPause,
  typingDurationMs,
  type PacingState,
} from "./pacing.js";

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;
const { safe, balanced, demo, off } = PACING_PRESETS;
/** 10:00 WIB on 1 May 2024: outside quiet hours in Jakarta. */
const NOW = Date.UTC(2024, 4, 1, 3, 0);
const zero = () => 0;
const never = () => {
  throw new Error("rand must not be called");
};

/** A deterministic stand-in for Math.random (LCG). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function state(sentAt: number[], channelAgeMs = 30 * DAY): PacingState {
  return { channelCreatedAt: NOW - channelAgeMs, sentAt, lastSentAt: sentAt.at(-1), consecutiveFailures: 0 };
}

describe("pacingPolicySchema and presets", () => {
  it("accepts every preset and describes each one", () => {
    for (const [name, policy] of Object.entries(PACING_PRESETS)) {
      expect(pacingPolicySchema.parse(policy)).toEqual(policy);
      // The description tells the owner the gap the policy keeps.
      expect(PACING_PRESET_INFO[name as keyof typeof PACING_PRESETS].description).toContain(
        name === "off"
          ? "No pacing at all"
          : `${policy.minDelayMs / 1000}–${policy.maxDelayMs / 1000} s between messages`,
      );
    }
    expect(PACING_PRESET_INFO.off.sandboxOnly).toBe(true);
    expect(PACING_PRESET_INFO.safe.sandboxOnly).toBe(false);
  });

  it("rejects inconsistent policies", () => {
    const bad = (patch: object) => pacingPolicySchema.safeParse({ ...safe, ...patch }).success;
    expect(bad({ concurrency: 5 })).toBe(false);
    expect(bad({ minDelayMs: 30_000 })).toBe(false);
    expect(bad({ perDay: 0 })).toBe(false);
    expect(bad({ quietHours: { enabled: true, start: "21:00", end: "8:00" } })).toBe(false);
    expect(bad({ quietHours: { enabled: true, start: "22:00", end: "22:00" } })).toBe(false);
    expect(bad({ typingMs: { min: 3000, max: 1000 } })).toBe(false);
    expect(pacingPolicySchema.safeParse({ ...off, concurrency: 50 }).success).toBe(true);
  });
});

describe("nextSendAt: delay", () => {
  it("sends at once when nothing was sent yet", () => {
    expect(nextSendAt(safe, state([]), NOW, "Asia/Jakarta", never)).toEqual({ at: NOW, reason: "now" });
  });

  it("waits a random 8–20 s after the last send with the safe preset", () => {
    const s = state([NOW - 1 * S]);
    const rand = seeded(7);
    const gaps = Array.from(
      { length: 500 },
      () => nextSendAt(safe, s, NOW, "Asia/Jakarta", rand).at - (NOW - S),
    );
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(8 * S);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(20 * S);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(10 * S);
    expect(nextSendAt(safe, s, NOW, "Asia/Jakarta", zero)).toEqual({ at: NOW + 7 * S, reason: "delay" });
  });

  it("does not wait when the gap has already passed", () => {
    expect(nextSendAt(balanced, state([NOW - MIN]), NOW, "Asia/Jakarta", () => 0.99)).toEqual({
      at: NOW,
      reason: "now",
    });
  });
});

describe("nextSendAt: caps", () => {
  it("allows 3 a minute, then waits until the oldest of them is a minute old", () => {
    const s = state([NOW - 50 * S, NOW - 35 * S, NOW - 20 * S]);
    expect(nextSendAt(safe, s, NOW, "Asia/Jakarta", zero)).toEqual({
      at: NOW + 10 * S,
      reason: "per_minute",
    });
    expect(nextSendAt(safe, state([NOW - 35 * S, NOW - 20 * S]), NOW, "Asia/Jakarta", zero).reason).toBe(
      "now",
    );
  });

  it("allows 120 an hour, then waits until the oldest leaves the hour", () => {
    const sentAt = Array.from({ length: 120 }, (_, k) => NOW - 3590 * S + k * 30 * S);
    expect(nextSendAt(safe, state(sentAt), NOW, "Asia/Jakarta", zero)).toEqual({
      at: NOW + 10 * S,
      reason: "per_hour",
    });
  });

  it("allows 800 a day, then waits until the oldest is 24 h old", () => {
    const sentAt = Array.from({ length: 800 }, (_, k) => NOW - DAY + S + k * 100 * S);
    expect(nextSendAt(safe, state(sentAt), NOW, "Asia/Jakarta", zero)).toEqual({
      at: NOW + S,
      reason: "per_day",
    });
  });

  it("treats 0 as no cap", () => {
    const policy = { ...demo, minDelayMs: 0, maxDelayMs: 0 };
    const sentAt = Array.from({ length: 5000 }, (_, k) => NOW - 5000 + k);
    expect(nextSendAt(policy, state(sentAt), NOW, "Asia/Jakarta", never)).toEqual({ at: NOW, reason: "now" });
  });
});

describe("warm-up", () => {
  it("caps a new number at 20 on day 0, 36 on day 1, 65 on day 2, never above perDay", () => {
    const created = NOW;
    expect(dailyCap(safe, created, created + 5 * H)).toBe(20);
    expect(dailyCap(safe, created, created + DAY + H)).toBe(36);
    expect(dailyCap(safe, created, created + 2 * DAY + H)).toBe(65);
    expect(dailyCap(safe, created, created + 6 * DAY)).toBe(680);
    expect(dailyCap(safe, created, created + 7 * DAY)).toBe(800);
    expect(dailyCap(balanced, created, created)).toBe(3000);
    expect(dailyCap(off, created, created)).toBe(0);
  });

  it("stops a day-0 number after 20 sends and resumes when day 1 starts", () => {
    const sentAt = Array.from({ length: 20 }, (_, k) => NOW - H + k * 3 * MIN);
    const s = state(sentAt, 23 * H);
    expect(nextSendAt(safe, s, NOW, "Asia/Jakarta", zero)).toEqual({ at: NOW + H, reason: "warmup" });
    expect(nextSendAt(safe, state(sentAt.slice(1), 23 * H), NOW, "Asia/Jakarta", zero).reason).toBe("now");
  });

  it("waits for the oldest send to leave the day when day 1 is still full", () => {
    const sentAt = Array.from({ length: 36 }, (_, k) => NOW - 20 * H + k * 30 * MIN);
    const s = state(sentAt, DAY + 2 * H);
    expect(nextSendAt(safe, s, NOW, "Asia/Jakarta", zero)).toEqual({ at: NOW + 4 * H, reason: "warmup" });
  });
});

describe("quiet hours (21:00–08:00 in the tenant time zone)", () => {
  const at = (iso: string) => Date.parse(iso);
  const next = (nowIso: string, tz: string) => nextSendAt(safe, state([]), at(nowIso), tz, zero);

  it("gives different instants for the same UTC time in WIB, WITA and WIT", () => {
    // 14:30 UTC is 21:30 WIB, 22:30 WITA and 23:30 WIT: quiet everywhere, ending at 08:00 local.
    expect(next("2024-05-01T14:30:00Z", "Asia/Jakarta")).toEqual({
      at: at("2024-05-02T01:00:00Z"),
      reason: "quiet_hours",
    });
    expect(next("2024-05-01T14:30:00Z", "Asia/Makassar")).toEqual({
      at: at("2024-05-02T00:00:00Z"),
      reason: "quiet_hours",
    });
    expect(next("2024-05-01T14:30:00Z", "Asia/Jayapura")).toEqual({
      at: at("2024-05-01T23:00:00Z"),
      reason: "quiet_hours",
    });
  });

  it("is quiet in Jayapura but not yet in Jakarta at 13:30 UTC", () => {
    expect(next("2024-05-01T13:30:00Z", "Asia/Jakarta")).toEqual({
      at: at("2024-05-01T13:30:00Z"),
      reason: "now",
    });
    expect(next("2024-05-01T13:30:00Z", "Asia/Jayapura").reason).toBe("quiet_hours");
  });

  it("ends the same local morning after midnight, to the millisecond", () => {
    expect(next("2024-05-01T20:00:00.123Z", "Asia/Jakarta").at).toBe(at("2024-05-02T01:00:00Z")); // 03:00 WIB
  });

  it("starts at 21:00 inclusive and ends at 08:00 exclusive", () => {
    expect(next("2024-05-01T14:00:00Z", "Asia/Jakarta").reason).toBe("quiet_hours");
    expect(next("2024-05-01T13:59:59.999Z", "Asia/Jakarta").reason).toBe("now");
    expect(next("2024-05-02T01:00:00Z", "Asia/Jakarta").reason).toBe("now");
  });

  it("supports a window within one day", () => {
    const lunch = { ...safe, quietHours: { enabled: true, start: "12:00", end: "13:00" } };
    expect(nextSendAt(lunch, state([]), at("2024-05-01T05:15:00Z"), "Asia/Jakarta", zero).at).toBe(
      at("2024-05-01T06:00:00Z"),
    );
    expect(nextSendAt(lunch, state([]), at("2024-05-01T14:30:00Z"), "Asia/Jakarta", zero).reason).toBe("now");
  });

  it("pushes a send that a cap delays into the night to the next morning", () => {
    const now = at("2024-05-01T13:59:55Z"); // 20:59:55 WIB; the minute cap frees at 21:00:05
    const s = { ...state([]), sentAt: [now - 50 * S, now - 35 * S, now - 20 * S], lastSentAt: now - 20 * S };
    expect(nextSendAt(safe, s, now, "Asia/Jakarta", zero)).toEqual({
      at: at("2024-05-02T01:00:00Z"),
      reason: "quiet_hours",
    });
  });
});

describe("off and demo presets", () => {
  it("off always answers now, whatever was sent", () => {
    const sentAt = Array.from({ length: 10_000 }, (_, k) => NOW - 10_000 + k);
    for (const tz of ["Asia/Jakarta", "Asia/Jayapura"]) {
      expect(nextSendAt(off, state(sentAt), NOW, tz, never)).toEqual({ at: NOW, reason: "now" });
      expect(nextSendAt(off, state(sentAt), at2am(), tz, never)).toEqual({ at: at2am(), reason: "now" });
    }
    expect(off.concurrency).toBe(100);
  });

  it("demo sends 50 recipients in about a minute", () => {
    const s: PacingState = { channelCreatedAt: NOW, sentAt: [], consecutiveFailures: 0 };
    const rand = seeded(42);
    let t = NOW;
    for (let n = 0; n < 50; n++) {
      t = nextSendAt(demo, s, t, "Asia/Jakarta", rand).at;
      recordSend(s, t);
    }
    expect(t - NOW).toBeGreaterThan(40 * S);
    expect(t - NOW).toBeLessThan(75 * S);
  });

  function at2am(): number {
    return Date.UTC(2024, 4, 1, 19, 0); // 02:00 WIB
  }
});

describe("shouldPause", () => {
  it("pauses after N consecutive failures, never when N is 0", () => {
    const s = (consecutiveFailures: number) => ({ ...state([]), consecutiveFailures });
    expect(shouldPause(safe, s(9))).toBe(false);
    expect(shouldPause(safe, s(10))).toBe(true);
    expect(shouldPause(safe, s(11))).toBe(true);
    expect(shouldPause(off, s(1_000))).toBe(false);
  });
});

describe("typingDurationMs", () => {
  it("is within the typing range, and 0 when typing is off", () => {
    expect(typingDurationMs(safe, zero)).toBe(1_500);
    expect(typingDurationMs(safe, () => 0.5)).toBe(2_750);
    expect(typingDurationMs(off, never)).toBe(0);
  });
});

describe("recordSend", () => {
  it("appends, keeps sentAt sorted and raises lastSentAt", () => {
    const s = state([NOW - 10 * S]);
    expect(recordSend(s, NOW)).toBe(s);
    recordSend(s, NOW - 5 * S);
    expect(s.sentAt).toEqual([NOW - 10 * S, NOW - 5 * S, NOW]);
    expect(s.lastSentAt).toBe(NOW);
  });

  it("drops a large backlog of sends older than 24 h", () => {
    const old = Array.from({ length: 100_000 }, (_, k) => NOW - 3 * DAY + k);
    const recent = [NOW - 2 * H, NOW - H];
    const s = recordSend(state([...old, ...recent]), NOW);
    expect(s.sentAt).toEqual([...recent, NOW]);
  });

  it("stays bounded over three days of one send a second", () => {
    const s: PacingState = { channelCreatedAt: NOW, sentAt: [], consecutiveFailures: 0 };
    let longest = 0;
    for (let t = NOW; t < NOW + 3 * DAY; t += S) {
      recordSend(s, t);
      longest = Math.max(longest, s.sentAt.length);
    }
    expect(longest).toBeLessThanOrEqual(2 * (DAY / S) + 2);
    const live = s.sentAt.filter((x) => x > s.lastSentAt! - DAY).length;
    expect(live).toBe(DAY / S);
    // Stale entries left between compactions never count against a cap.
    const policy = {
      ...balanced,
      perMinute: 0,
      perHour: 0,
      perDay: DAY / S + 1,
      quietHours: { ...balanced.quietHours, enabled: false },
    };
    expect(nextSendAt(policy, s, s.lastSentAt! + DAY, "Asia/Jakarta", zero).reason).toBe("now");
  });
});

describe("after a failed send", () => {
  it("keeps the gap after a failed attempt as after a send", () => {
    const s = state([NOW - 10 * S]);
    recordFailedSend(s, NOW - 100, false);
    expect(nextSendAt(demo, s, NOW, "Asia/Jakarta", zero)).toEqual({
      at: NOW - 100 + demo.minDelayMs,
      reason: "delay",
    });
    // Nothing was sent: the caps do not count the attempt.
    expect(s.sentAt).toEqual([NOW - 10 * S]);
  });

  it("doubles the gap for each rate limit in a row, up to its cap, until a send is accepted", () => {
    const s = state([NOW - 10 * S]);
    recordFailedSend(s, NOW, true);
    expect(nextSendAt(demo, s, NOW, "Asia/Jakarta", zero).at).toBe(NOW + 2 * demo.minDelayMs);
    recordFailedSend(s, NOW, false); // another failure keeps the backoff
    recordFailedSend(s, NOW, true);
    expect(nextSendAt(demo, s, NOW, "Asia/Jakarta", zero).at).toBe(NOW + 4 * demo.minDelayMs);
    recordSend(s, NOW + 5 * S);
    expect(nextSendAt(demo, s, NOW + 5 * S, "Asia/Jakarta", zero).at).toBe(NOW + 5 * S + demo.minDelayMs);
    expect(rateLimitedGapMs(8 * S, 30)).toBe(5 * MIN);
    expect(rateLimitedGapMs(2 * H, 1)).toBe(2 * H);
  });

  it("waits after a rate limit even when the policy has no gap", () => {
    const s = state([]);
    recordFailedSend(s, NOW, true);
    expect(nextSendAt(off, s, NOW, "Asia/Jakarta", never)).toEqual({ at: NOW + 1_000, reason: "delay" });
  });
});
