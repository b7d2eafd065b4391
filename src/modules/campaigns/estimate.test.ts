import { describe, expect, it } from "vitest";
import { PACING_PRESETS, type PacingPolicy } from "../../channels/pacing.js";
import { estimateSendSeconds } from "./estimate.js";

const HOUR = 3_600_000;
/** 10:00 WIB on a weekday (03:00 UTC). */
const MORNING = Date.parse("2026-11-23T03:00:00Z");
const WIB = "Asia/Jakarta";

/** No delays, no typing, no quiet hours: only the caps given. */
function capsOnly(caps: Partial<PacingPolicy>): PacingPolicy {
  return { ...PACING_PRESETS.off, concurrency: 1, precheckNumbers: false, ...caps };
}

describe("estimateSendSeconds", () => {
  it("adds the mean gap between sends: 50 on the demo preset take 49 × 1 s", () => {
    expect(
      estimateSendSeconds(PACING_PRESETS.demo, 50, {
        startAt: MORNING,
        channelCreatedAt: MORNING - 90 * 24 * HOUR,
        timeZone: WIB,
      }),
    ).toBe(49);
  });

  it("spills what an hourly cap holds back into the next hours", () => {
    const policy = capsOnly({ perHour: 10 });
    const start = { startAt: MORNING, channelCreatedAt: 0, timeZone: WIB };
    expect(estimateSendSeconds(policy, 10, start)).toBe(0);
    expect(estimateSendSeconds(policy, 11, start)).toBe(3600);
    expect(estimateSendSeconds(policy, 25, start)).toBe(7200);
  });

  it("counts the channel's sends of the last 24 h against the caps", () => {
    const policy = capsOnly({ perHour: 10 });
    const recentSends = Array.from({ length: 10 }, () => MORNING - 0.5 * HOUR);
    expect(
      estimateSendSeconds(policy, 1, { startAt: MORNING, channelCreatedAt: 0, timeZone: WIB, recentSends }),
    ).toBe(1800);
  });

  it("holds a new number to its warm-up: the 21st message of the safe preset goes the next day", () => {
    const start = { startAt: MORNING, channelCreatedAt: MORNING, timeZone: WIB };
    const twenty = estimateSendSeconds(PACING_PRESETS.safe, 20, start);
    expect(twenty).toBeLessThan(3600);
    // The next day's cap opens 24 h after the channel was created; then "typing…" (2.75 s on average).
    expect(estimateSendSeconds(PACING_PRESETS.safe, 21, start)).toBe(86_403);
  });

  it("waits out quiet hours in the shop's time zone", () => {
    const beforeNine = Date.parse("2026-11-23T13:59:50Z"); // 20:59:50 WIB
    const seconds = estimateSendSeconds(PACING_PRESETS.balanced, 5, {
      startAt: beforeNine,
      channelCreatedAt: 0,
      timeZone: WIB,
    });
    // Two go out before 21:00; the rest from 08:00 the next morning.
    expect(seconds).toBeGreaterThan(11 * 3600);
    expect(seconds).toBeLessThan(11 * 3600 + 120);
    // The same five in Jayapura (WIT, UTC+9) start at 22:59: all after 08:00 WIT.
    const wit = estimateSendSeconds(PACING_PRESETS.balanced, 5, {
      startAt: beforeNine,
      channelCreatedAt: 0,
      timeZone: "Asia/Jayapura",
    });
    expect(wit).toBeGreaterThan(9 * 3600);
    expect(wit).toBeLessThan(10 * 3600);
  });

  it("extrapolates a very large audience at the steady rate instead of simulating every send", () => {
    const start = { startAt: MORNING, channelCreatedAt: 0, timeZone: WIB };
    // The demo preset is one send a second, exactly.
    expect(estimateSendSeconds(PACING_PRESETS.demo, 1_000_000, start)).toBe(999_999);
    // The balanced preset is held to 3,000 a day: the 300,000th message goes on day 100,
    // at the time the 3,000th of the first day went.
    const firstDay = estimateSendSeconds(PACING_PRESETS.balanced, 3_000, start);
    const all = estimateSendSeconds(PACING_PRESETS.balanced, 300_000, start);
    expect(Math.abs(all - (99 * 86_400 + firstDay))).toBeLessThan(600);
    // Quiet hours without a daily cap repeat each day too: 400 an hour from 08:00 to 21:00
    // (from 10:00 on the first day, 4,400), so 44,000 end on day 8 at 16:00.
    const quiet = { ...PACING_PRESETS.balanced, perDay: 0 };
    expect(
      Math.abs(estimateSendSeconds(quiet, 4_400 + 7 * 5_200 + 3_200, start) - (8 * 86_400 + 6 * 3600)),
    ).toBeLessThan(600);
  });

  it("estimates nothing to wait for when there is no one to send to or no pacing", () => {
    const start = { startAt: MORNING, channelCreatedAt: 0, timeZone: WIB };
    expect(estimateSendSeconds(PACING_PRESETS.safe, 0, start)).toBe(0);
    expect(estimateSendSeconds(PACING_PRESETS.off, 10_000, start)).toBe(0);
  });
});
