import { describe, expect, it } from "vitest";
import { formatInZone, formatIsoInZone, zoneAbbreviation } from "./time.js";

const at = new Date("2026-12-01T01:00:00Z");

describe("time zone display", () => {
  it("uses Indonesian abbreviations for the three zones", () => {
    expect(zoneAbbreviation("Asia/Jakarta")).toBe("WIB");
    expect(zoneAbbreviation("Asia/Pontianak")).toBe("WIB");
    expect(zoneAbbreviation("Asia/Makassar")).toBe("WITA");
    expect(zoneAbbreviation("Asia/Jayapura")).toBe("WIT");
  });

  it("falls back to what Intl says elsewhere", () => {
    expect(zoneAbbreviation("UTC", at)).toBe("UTC");
    expect(zoneAbbreviation("Asia/Singapore", at)).toBe("GMT+8");
  });

  it("shows the same instant in each zone", () => {
    expect(formatInZone(at, "Asia/Jakarta")).toBe("2026-12-01 08:00 WIB");
    expect(formatInZone(at, "Asia/Makassar")).toBe("2026-12-01 09:00 WITA");
    expect(formatInZone(at, "Asia/Jayapura")).toBe("2026-12-01 10:00 WIT");
    expect(formatInZone(at, "UTC")).toBe("2026-12-01 01:00 UTC");
  });

  it("shows midnight as 00, and seconds on request", () => {
    expect(formatInZone(new Date("2026-12-01T17:00:05Z"), "Asia/Jakarta", true)).toBe(
      "2026-12-02 00:00:05 WIB",
    );
  });

  it("crosses the date line correctly", () => {
    expect(formatInZone(new Date("2026-12-31T20:30:00Z"), "Asia/Jayapura")).toBe("2027-01-01 05:30 WIT");
  });

  it("shows a missing time as –", () => {
    expect(formatIsoInZone(null, "Asia/Jakarta")).toBe("–");
    expect(formatIsoInZone("2026-12-01T01:00:00.000Z", "Asia/Makassar")).toBe("2026-12-01 09:00 WITA");
  });

  it("rejects unknown zones", () => {
    expect(() => formatInZone(at, "Mars/Base")).toThrow(RangeError);
  });
});
