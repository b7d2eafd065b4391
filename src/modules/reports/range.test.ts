import { describe, expect, it } from "vitest";
import { KabarError } from "../../lib/errors.js";
import { resolveRange, todayIn } from "./range.js";

// 2026-12-06T17:30:00Z is 00:30 on 7 December in WIB and 01:30 in WITA, 6 December in UTC.
const NOW = Date.parse("2026-12-06T17:30:00Z");

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as KabarError).status === 400 ? Object.keys((e as { fields?: object }).fields ?? {}) : e;
  }
  return "no error";
};

describe("a report's range", () => {
  it("defaults to the 30 days up to today in the shop's zone", () => {
    expect(todayIn("Asia/Jakarta", NOW)).toBe("2026-12-07");
    expect(resolveRange({}, "Asia/Jakarta", NOW)).toEqual({ from: "2026-11-08", to: "2026-12-07" });
    expect(resolveRange({ to: "2026-03-01" }, "Asia/Jakarta", NOW)).toEqual({
      from: "2026-01-31",
      to: "2026-03-01",
    });
  });

  it("takes up to three years and refuses more, naming from; a to before from names to", () => {
    expect(resolveRange({ from: "2023-12-07", to: "2026-12-07" }, "Asia/Jakarta", NOW).from).toBe(
      "2023-12-07",
    );
    expect(() => resolveRange({ from: "2023-12-06", to: "2026-12-07" }, "Asia/Jakarta", NOW)).toThrow(
      KabarError,
    );
    expect(
      fieldsOf(() => resolveRange({ from: "2023-12-06", to: "2026-12-07" }, "Asia/Jakarta", NOW)),
    ).toEqual(["from"]);
    expect(
      fieldsOf(() => resolveRange({ from: "2026-12-02", to: "2026-12-01" }, "Asia/Jakarta", NOW)),
    ).toEqual(["to"]);
  });
});
