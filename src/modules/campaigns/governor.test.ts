import { describe, expect, it } from "vitest";
import { coldModeOf, Governor, REREAD_MS } from "./governor.js";

const NOW = Date.UTC(2026, 11, 6, 3);
const HOUR = 3_600_000;

describe("coldModeOf", () => {
  it("maps the new-chat cap and the timelock to what cold sends may do", () => {
    const cap = (state: "NONE" | "FIRST_WARNING" | "SECOND_WARNING" | "CAPPED", more = {}) => ({
      cap: { state, cycleEnd: NOW + HOUR, ...more },
      timelock: null,
      at: NOW,
    });
    expect(coldModeOf(null, NOW)).toEqual({ kind: "open" });
    expect(coldModeOf(cap("NONE"), NOW)).toEqual({ kind: "open" });
    expect(coldModeOf(cap("FIRST_WARNING"), NOW)).toEqual({ kind: "half", until: NOW + HOUR });
    expect(coldModeOf(cap("SECOND_WARNING"), NOW)).toEqual({
      kind: "held",
      reason: "cap_warning",
      until: NOW + HOUR,
    });
    expect(coldModeOf(cap("CAPPED"), NOW)).toEqual({ kind: "held", reason: "capped", until: NOW + HOUR });
    // Used up although WhatsApp still says NONE: held as capped.
    expect(coldModeOf(cap("NONE", { total: 20, used: 20 }), NOW)).toMatchObject({ reason: "capped" });
    // A cycle past its end counts as NONE.
    expect(coldModeOf(cap("CAPPED"), NOW + HOUR)).toEqual({ kind: "open" });
    // An active timelock holds until its end, whatever the cap; past its end it does not.
    const lock = { cap: null, timelock: { active: true, endsAt: NOW + 2 * HOUR }, at: NOW };
    expect(coldModeOf(lock, NOW)).toEqual({ kind: "held", reason: "timelock", until: NOW + 2 * HOUR });
    expect(coldModeOf(lock, NOW + 2 * HOUR)).toEqual({ kind: "open" });
    expect(coldModeOf({ ...lock, timelock: { active: true } }, NOW)).toEqual({
      kind: "held",
      reason: "timelock",
      until: null,
    });
  });
});

describe("Governor", () => {
  it("reads when never read, every 5 minutes, and when a known end passed", () => {
    const g = new Governor();
    expect(g.due(NOW)).toBe(true);
    g.update({ cap: { state: "CAPPED", cycleEnd: NOW + 60_000 }, timelock: null, at: NOW }, NOW);
    expect(g.due(NOW + 59_999)).toBe(false);
    expect(g.due(NOW + 60_000)).toBe(true);
    g.update({ cap: { state: "NONE" }, timelock: null, at: NOW }, NOW);
    expect(g.due(NOW + REREAD_MS - 1)).toBe(false);
    expect(g.due(NOW + REREAD_MS)).toBe(true);
  });

  it("holds cold sends after a 463 until the next read says the number may reach out again", () => {
    const g = new Governor();
    g.update({ cap: { state: "NONE" }, timelock: null, at: NOW }, NOW);
    g.refuse(NOW);
    expect(g.mode(NOW + 1000)).toEqual({ kind: "held", reason: "reachout_refused", until: null });
    expect(g.due(NOW + REREAD_MS - 1)).toBe(false);
    expect(g.due(NOW + REREAD_MS)).toBe(true);
    g.update({ cap: { state: "NONE" }, timelock: null, at: NOW + REREAD_MS }, NOW + REREAD_MS);
    expect(g.mode(NOW + REREAD_MS)).toEqual({ kind: "open" });
  });
});
