import { describe, expect, it } from "vitest";
import { isOpen, type WorkingHours } from "./working-hours.js";

const WIB = "Asia/Jakarta";
/** An instant given as WIB wall-clock time (UTC+7, no daylight saving). */
const wib = (local: string) => new Date(`${local}+07:00`);

// 2026-11-21 is a Saturday, 2026-11-22 a Sunday, 2026-11-23 a Monday.
const office: WorkingHours = {
  schedule: {
    mon: [{ start: "08:00", end: "17:00" }],
    tue: [
      { start: "08:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ],
    sat: [{ start: "09:00", end: "14:00" }],
  },
  holidays: [],
};

describe("isOpen", () => {
  it("is open inside a day interval and closed at its end, on days without hours and on unlisted days", () => {
    expect(isOpen(office, wib("2026-11-23T08:00:00"), WIB)).toBe(true);
    expect(isOpen(office, wib("2026-11-23T16:59:59"), WIB)).toBe(true);
    expect(isOpen(office, wib("2026-11-23T17:00:00"), WIB)).toBe(false);
    expect(isOpen(office, wib("2026-11-23T07:59:00"), WIB)).toBe(false);
    expect(isOpen(office, wib("2026-11-22T10:00:00"), WIB)).toBe(false); // Sunday
    expect(isOpen(office, wib("2026-11-24T12:30:00"), WIB)).toBe(false); // Tuesday lunch break
    expect(isOpen(office, wib("2026-11-24T13:30:00"), WIB)).toBe(true);
  });

  it("reads the weekday and hour in the shop time zone, not in UTC", () => {
    // Monday 08:30 WIB is Monday 01:30 UTC; Monday 06:00 WIB is Sunday 23:00 UTC.
    expect(isOpen(office, new Date("2026-11-23T01:30:00Z"), WIB)).toBe(true);
    expect(isOpen(office, new Date("2026-11-22T23:00:00Z"), WIB)).toBe(false);
    // The same instant in WITA (UTC+8) is 09:30: still open; in UTC 01:30: closed.
    expect(isOpen(office, new Date("2026-11-23T01:30:00Z"), "Asia/Makassar")).toBe(true);
    expect(isOpen(office, new Date("2026-11-23T01:30:00Z"), "UTC")).toBe(false);
  });

  it("an interval across midnight (22:00–06:00) is open until the next morning", () => {
    const night: WorkingHours = { schedule: { sat: [{ start: "22:00", end: "06:00" }] }, holidays: [] };
    expect(isOpen(night, wib("2026-11-21T21:59:00"), WIB)).toBe(false);
    expect(isOpen(night, wib("2026-11-21T22:00:00"), WIB)).toBe(true);
    expect(isOpen(night, wib("2026-11-21T23:59:59"), WIB)).toBe(true);
    expect(isOpen(night, wib("2026-11-22T00:00:00"), WIB)).toBe(true); // Sunday, from Saturday's shift
    expect(isOpen(night, wib("2026-11-22T05:59:00"), WIB)).toBe(true);
    expect(isOpen(night, wib("2026-11-22T06:00:00"), WIB)).toBe(false);
    expect(isOpen(night, wib("2026-11-22T22:30:00"), WIB)).toBe(false); // Sunday has no shift
    expect(isOpen(night, wib("2026-11-21T03:00:00"), WIB)).toBe(false); // Friday had no shift
  });

  it("a holiday is closed all day, including the overnight part of a shift that starts on it", () => {
    const nightly: WorkingHours = {
      schedule: {
        fri: [{ start: "22:00", end: "06:00" }],
        sat: [{ start: "22:00", end: "06:00" }],
        sun: [{ start: "22:00", end: "06:00" }],
      },
      holidays: ["2026-11-21"],
    };
    expect(isOpen({ ...office, holidays: ["2026-11-21"] }, wib("2026-11-21T10:00:00"), WIB)).toBe(false);
    expect(isOpen(nightly, wib("2026-11-21T03:00:00"), WIB)).toBe(false); // Friday's shift ends on the holiday
    expect(isOpen(nightly, wib("2026-11-21T23:00:00"), WIB)).toBe(false);
    expect(isOpen(nightly, wib("2026-11-22T02:00:00"), WIB)).toBe(false); // Saturday's shift started on the holiday
    expect(isOpen(nightly, wib("2026-11-22T22:30:00"), WIB)).toBe(true);
    expect(isOpen(nightly, wib("2026-11-20T23:00:00"), WIB)).toBe(true);
  });

  it("a holiday is a date in the shop time zone", () => {
    const h: WorkingHours = {
      schedule: { sat: [{ start: "00:00", end: "24:00" }], sun: [{ start: "00:00", end: "24:00" }] },
      holidays: ["2026-11-22"],
    };
    // 2026-11-21T18:00Z is already Sunday 01:00 in WIB: the holiday.
    expect(isOpen(h, new Date("2026-11-21T18:00:00Z"), WIB)).toBe(false);
    expect(isOpen(h, new Date("2026-11-21T16:00:00Z"), WIB)).toBe(true);
  });
});
