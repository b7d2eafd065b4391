import { describe, expect, it } from "vitest";
import { allowanceStart, periodEndFrom, trialEndFrom, upgradePrice } from "./period.js";

describe("periodEndFrom", () => {
  it("adds a calendar month on the shop's wall clock (31 Jan → 28 Feb, WIB)", () => {
    const start = new Date("2027-01-31T03:00:00Z"); // 10:00 WIB
    expect(periodEndFrom(start, "monthly", "Asia/Jakarta").toISOString()).toBe("2027-02-28T03:00:00.000Z");
  });

  it("adds a month by the shop's date, not UTC's (1 Mar 00:30 WITA is still 28 Feb in UTC)", () => {
    const start = new Date("2027-02-28T16:30:00Z"); // 1 Mar 00:30 WITA
    expect(periodEndFrom(start, "monthly", "Asia/Makassar").toISOString()).toBe("2027-03-31T16:30:00.000Z");
  });

  it("adds a year for a yearly cycle", () => {
    expect(periodEndFrom(new Date("2026-12-07T00:00:00Z"), "yearly", "Asia/Jakarta").toISOString()).toBe(
      "2027-12-07T00:00:00.000Z",
    );
  });

  it("ends a trial after whole days", () => {
    expect(trialEndFrom(new Date("2026-12-07T00:00:00Z"), 14).toISOString()).toBe("2026-12-21T00:00:00.000Z");
  });
});

describe("upgradePrice", () => {
  const period = { start: new Date("2027-01-01T00:00:00Z"), end: new Date("2027-01-31T00:00:00Z") };

  it("charges the price difference for the share of the period left, in whole rupiah", () => {
    // Half of a 30-day period left: half of Rp250.000.
    expect(upgradePrice(149_000, 399_000, period, new Date("2027-01-16T00:00:00Z"))).toBe(125_000);
    // A third left: 250,000 / 3 = 83,333.33 → 83,333.
    expect(upgradePrice(149_000, 399_000, period, new Date("2027-01-21T00:00:00Z"))).toBe(83_333);
    // Two thirds left: 166,666.67 → 166,667 (half up).
    expect(upgradePrice(149_000, 399_000, period, new Date("2027-01-11T00:00:00Z"))).toBe(166_667);
  });

  it("charges the whole difference at the period's start and nothing at its end", () => {
    expect(upgradePrice(149_000, 399_000, period, period.start)).toBe(250_000);
    expect(upgradePrice(149_000, 399_000, period, period.end)).toBe(0);
  });

  it("charges nothing for a package that is not dearer", () => {
    expect(upgradePrice(399_000, 149_000, period, new Date("2027-01-16T00:00:00Z"))).toBe(0);
  });
});

describe("allowanceStart", () => {
  const start = new Date("2027-01-31T03:00:00Z"); // 31 Jan 10:00 WIB
  it("is the period's start during its first month", () => {
    expect(allowanceStart(start, new Date("2027-02-10T00:00:00Z"), "Asia/Jakarta")).toEqual(start);
    expect(allowanceStart(start, new Date("2027-01-01T00:00:00Z"), "Asia/Jakarta")).toEqual(start);
  });
  it("is the last monthly anniversary on the shop's wall clock", () => {
    expect(allowanceStart(start, new Date("2027-02-28T03:00:00Z"), "Asia/Jakarta").toISOString()).toBe(
      "2027-02-28T03:00:00.000Z",
    );
    expect(allowanceStart(start, new Date("2027-02-28T02:59:59Z"), "Asia/Jakarta")).toEqual(start);
    expect(allowanceStart(start, new Date("2027-07-15T00:00:00Z"), "Asia/Jakarta").toISOString()).toBe(
      "2027-06-30T03:00:00.000Z",
    );
  });
});
