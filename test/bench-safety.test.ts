/**
 * The `npm run bench:safety` simulation (bench/safety-sim.ts): its ban rule, its clock, and
 * the two senders' day accounting on the sandbox's restriction model. No database needed;
 * it lives here because bench/ has no test project.
 */
import { describe, expect, it } from "vitest";
import {
  BanWatch,
  campaignList,
  DAY_MS,
  type DayRow,
  runFixed,
  runKabar,
  SimClock,
} from "../bench/safety-sim.js";

const SINCE = Date.parse("2026-03-02T01:00:00Z"); // 08:00 in Jakarta
const HOUR = 60 * 60_000;

const total = (rows: DayRow[], f: (r: DayRow) => number) => rows.reduce((n, r) => n + f(r), 0);

describe("the safety bench's ban rule", () => {
  it("bans at the third timelock within 7 days, not when they are spread wider", () => {
    const spread = new BanWatch(SINCE);
    for (const day of [0, 4, 8]) spread.lockStarted(SINCE + day * DAY_MS);
    expect(spread.bannedAt).toBeNull();

    const close = new BanWatch(SINCE);
    for (const day of [0, 3]) close.lockStarted(SINCE + day * DAY_MS);
    expect(close.bannedAt).toBeNull();
    close.lockStarted(SINCE + 6 * DAY_MS);
    expect(close.bannedAt).toBe(SINCE + 6 * DAY_MS);
  });

  it("bans at the 20th cold send past the cap in one cycle, not at 19, nor at 20 over two cycles", () => {
    const split = new BanWatch(SINCE);
    for (let i = 0; i < 10; i++) split.sentPastCap(SINCE + 20 * HOUR + i);
    for (let i = 0; i < 10; i++) split.sentPastCap(SINCE + DAY_MS + HOUR + i);
    expect(split.bannedAt).toBeNull();

    const one = new BanWatch(SINCE);
    for (let i = 0; i < 19; i++) one.sentPastCap(SINCE + HOUR + i);
    expect(one.bannedAt).toBeNull();
    one.sentPastCap(SINCE + 2 * HOUR);
    expect(one.bannedAt).toBe(SINCE + 2 * HOUR);
  });
});

describe("the safety bench's clock", () => {
  it("fires due timers in time order, each at its own time, and skips cancelled ones", () => {
    const clock = new SimClock(0);
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => fired.push(["late", clock.now()]), 300);
    const gone = clock.setTimeout(() => fired.push(["cancelled", clock.now()]), 200);
    clock.setTimeout(() => fired.push(["early", clock.now()]), 100);
    clock.clearTimeout(gone);
    clock.advanceTo(250);
    expect(fired).toEqual([["early", 100]]);
    expect(clock.now()).toBe(250);
    clock.advanceTo(1_000);
    expect(fired).toEqual([
      ["early", 100],
      ["late", 300],
    ]);
  });
});

describe("the two senders over a 4-day warm-up", () => {
  const list = campaignList("test-seed", 400, 0.3);
  const warm = list.filter((r) => r.warm).length;

  it("Kabar never pushes the number past its cap: no 463, no drop, no timelock, no ban, every warm one delivered", async () => {
    const rows = await runKabar("test-seed", SINCE, list, 4);
    expect(rows.map((r) => r.day)).toEqual([0, 1, 2, 3]);
    expect(total(rows, (r) => r.refused + r.dropped + r.timelocks)).toBe(0);
    expect(rows.some((r) => r.banned)).toBe(false);
    // The cap's quota is 20, 24, 29, 35 new chats; cold sends stop at its second warning.
    expect(rows.map((r) => r.cap)).toEqual([
      "FIRST_WARNING 12/20",
      "SECOND_WARNING 21/24",
      "SECOND_WARNING 25/29",
      "SECOND_WARNING 30/35",
    ]);
    expect(total(rows, (r) => r.deliveredWarm)).toBeLessThanOrEqual(warm);
    const sent = total(rows, (r) => r.deliveredWarm + r.deliveredCold);
    expect(rows.at(-1)!.left).toBe(list.length - sent);
  });

  it("the fixed 5 s sender runs past the cap on day 1, is timelocked and banned, and sends nothing more", async () => {
    const rows = await runFixed("test-seed", SINCE, list, 4);
    expect(rows[0]).toMatchObject({ deliveredCold: 20, timelocks: 1, banned: true, cap: "CAPPED 20/20" });
    expect(rows[0]!.refused + rows[0]!.dropped).toBe(20);
    expect(rows.slice(1).every((r) => r.banned && r.deliveredWarm + r.deliveredCold === 0)).toBe(true);
  });

  it("without the ban, the fixed sender is timelocked day after day and loses messages to drops and 463", async () => {
    const rows = await runFixed("test-seed", SINCE, list, 4, false);
    expect(rows.filter((r) => r.timelocks === 1).length).toBeGreaterThanOrEqual(2);
    expect(rows[0]!.deliveredWarm).toBe(warm);
    expect(rows.every((r) => r.banned)).toBe(true); // the rule was met on day 1
    expect(total(rows, (r) => r.dropped)).toBeGreaterThan(0);
    expect(rows.map((r) => r.deliveredCold).slice(0, 2)).toEqual([20, 24]);
  });

  it("plays the same days under the same seed", async () => {
    expect(await runFixed("test-seed", SINCE, list, 2)).toEqual(await runFixed("test-seed", SINCE, list, 2));
    expect(await runKabar("test-seed", SINCE, list, 2)).toEqual(await runKabar("test-seed", SINCE, list, 2));
  });
});
