import { describe, expect, it } from "vitest";
import type { Restrictions } from "../../channels/transport.js";
import { type HealthSignals, healthLevel, healthScore } from "./score.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 6, 6, 0, 0);

/** An old WhatsApp Web number with a clean record: 100. */
function signals(over: Partial<HealthSignals> = {}): HealthSignals {
  return {
    kind: "whatsapp_web",
    status: "connected",
    restrictions: null,
    createdAt: NOW - 60 * DAY,
    sends: { sent: 200, failed: 0 },
    optOuts: { messaged: 200, optedOut: 0 },
    now: NOW,
    ...over,
  };
}

const restrictions = (r: Partial<Restrictions>): Restrictions => ({
  cap: null,
  timelock: null,
  at: NOW,
  ...r,
});

describe("a number's health score", () => {
  it("is 100 and healthy for an old number with a clean record, with no parts", () => {
    expect(healthScore(signals())).toEqual({ score: 100, level: "healthy", parts: [] });
  });

  it("is 0 for a banned (blocked) number", () => {
    const h = healthScore(signals({ status: "blocked" }));
    expect(h).toMatchObject({ score: 0, level: "at_risk" });
    expect(h.parts).toContainEqual({ reason: "blocked", kind: "ceiling", points: 0 });
  });

  it("is at most 30 while the device is logged out", () => {
    expect(healthScore(signals({ status: "logged_out" })).score).toBe(30);
  });

  it("is at most 20 under an active timelock, with its end; an ended lock no longer counts", () => {
    const lock = restrictions({
      timelock: { active: true, endsAt: NOW + 3 * 3600_000, type: "BIZ_QUALITY" },
    });
    const h = healthScore(signals({ restrictions: lock }));
    expect(h.score).toBe(20);
    expect(h.parts).toEqual([{ reason: "timelock", kind: "ceiling", points: 20, until: NOW + 3 * 3600_000 }]);
    const ended = restrictions({ timelock: { active: true, endsAt: NOW - 1 } });
    expect(healthScore(signals({ restrictions: ended })).score).toBe(100);
    const inactive = restrictions({ timelock: { active: false } });
    expect(healthScore(signals({ restrictions: inactive })).score).toBe(100);
  });

  it("follows the new-chat cap: CAPPED ≤ 30, SECOND_WARNING ≤ 50, FIRST_WARNING −20; a past cycle no longer counts", () => {
    const cap = (state: "CAPPED" | "SECOND_WARNING" | "FIRST_WARNING" | "NONE", cycleEnd = NOW + DAY) =>
      healthScore(signals({ restrictions: restrictions({ cap: { state, total: 50, used: 45, cycleEnd } }) }));
    expect(cap("CAPPED").score).toBe(30);
    expect(cap("SECOND_WARNING").score).toBe(50);
    expect(cap("FIRST_WARNING")).toMatchObject({
      score: 80,
      parts: [{ reason: "first_warning", kind: "deduction", points: 20, until: NOW + DAY }],
    });
    expect(cap("NONE").score).toBe(100);
    expect(cap("CAPPED", NOW - 1).score).toBe(100);
  });

  it("deducts failures in proportion, at most 40, damping a small sample", () => {
    expect(healthScore(signals({ sends: { sent: 95, failed: 5 } })).parts).toEqual([
      { reason: "failure_rate", kind: "deduction", points: 10, rate: 0.05 },
    ]);
    expect(healthScore(signals({ sends: { sent: 80, failed: 20 } })).score).toBe(60);
    expect(healthScore(signals({ sends: { sent: 10, failed: 90 } })).score).toBe(60);
    // One failure out of two sends counts as one in twenty, not one in two.
    expect(healthScore(signals({ sends: { sent: 1, failed: 1 } })).score).toBe(90);
  });

  it("deducts opt-outs after its messages twice as hard as failures, at most 40", () => {
    const h = healthScore(signals({ optOuts: { messaged: 200, optedOut: 10 } }));
    expect(h.parts).toEqual([{ reason: "opt_out_rate", kind: "deduction", points: 20, rate: 0.05 }]);
    expect(h.score).toBe(80);
    expect(healthScore(signals({ optOuts: { messaged: 100, optedOut: 30 } })).score).toBe(60);
    expect(healthScore(signals({ optOuts: { messaged: 2, optedOut: 1 } })).score).toBe(92);
  });

  it("caps a number younger than 14 days by its warm-up, growing with its age; Cloud API numbers have none", () => {
    const young = (days: number, kind: HealthSignals["kind"] = "whatsapp_web") =>
      healthScore(signals({ kind, createdAt: NOW - days * DAY - 1000 }));
    expect(young(0)).toMatchObject({ score: 60, level: "watch", parts: [{ reason: "warmup", days: 0 }] });
    expect(young(7).score).toBe(80);
    expect(young(13).score).toBe(97);
    expect(young(14).score).toBe(100);
    expect(young(0, "sandbox").score).toBe(60);
    expect(young(0, "cloud_api").score).toBe(100);
  });

  it("adds deductions and keeps the lowest ceiling, never below 0, parts in a fixed order", () => {
    const h = healthScore(
      signals({
        createdAt: NOW - 2 * DAY,
        restrictions: restrictions({ cap: { state: "FIRST_WARNING" } }),
        sends: { sent: 60, failed: 40 },
        optOuts: { messaged: 100, optedOut: 20 },
      }),
    );
    expect(h.parts.map((p) => p.reason)).toEqual(["first_warning", "failure_rate", "opt_out_rate", "warmup"]);
    expect(h.score).toBe(0); // 100 − 20 − 40 − 40
    expect(healthScore(signals({ status: "blocked", createdAt: NOW })).score).toBe(0);
  });

  it("is deterministic: the same signals give the same score", () => {
    const s = signals({ sends: { sent: 33, failed: 7 }, optOuts: { messaged: 77, optedOut: 3 } });
    expect(healthScore(s)).toEqual(healthScore({ ...s }));
  });

  it("names the level: healthy from 70, watch from 40, at risk below", () => {
    expect([100, 70, 69, 40, 39, 0].map(healthLevel)).toEqual([
      "healthy",
      "healthy",
      "watch",
      "watch",
      "at_risk",
      "at_risk",
    ]);
  });
});
