import { describe, expect, it } from "vitest";
import { presetRange, shopToday } from "./range";

// 17:30 UTC on 6 December is already 7 December in WIB (00:30) and WITA.
const NOW = Date.parse("2026-12-06T17:30:00Z");

describe("the reports' range presets", () => {
  it("count days up to today in the shop's zone", () => {
    expect(shopToday("Asia/Jakarta", NOW)).toBe("2026-12-07");
    expect(shopToday("UTC", NOW)).toBe("2026-12-06");
    expect(presetRange("7", "Asia/Jakarta", NOW)).toEqual({ from: "2026-12-01", to: "2026-12-07" });
    expect(presetRange("30", "Asia/Makassar", NOW)).toEqual({ from: "2026-11-08", to: "2026-12-07" });
    expect(presetRange("90", "Asia/Jakarta", NOW)).toEqual({ from: "2026-09-09", to: "2026-12-07" });
    expect(presetRange("month", "Asia/Jakarta", NOW)).toEqual({ from: "2026-12-01", to: "2026-12-07" });
    const kept = { from: "2026-01-01", to: "2026-01-31" };
    expect(presetRange("custom", "Asia/Jakarta", NOW, kept)).toBe(kept);
  });
});
