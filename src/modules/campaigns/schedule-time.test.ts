import { describe, expect, it } from "vitest";
import { KabarError } from "../../lib/errors.js";
import { toUtc, zoneOffsetMs } from "./schedule-time.js";

describe("toUtc", () => {
  it("reads a local time in the shop time zone: 09:00 WIB, WITA and WIT are different instants", () => {
    expect(toUtc("2026-12-01T09:00", "Asia/Jakarta").toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(toUtc("2026-12-01 09:00", "Asia/Makassar").toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(toUtc("2026-12-01T09:00:30", "Asia/Jayapura").toISOString()).toBe("2026-12-01T00:00:30.000Z");
  });

  it("takes an ISO time with an offset as it is, whatever the zone", () => {
    expect(toUtc("2026-12-01T09:00:00+07:00", "Asia/Jayapura").toISOString()).toBe(
      "2026-12-01T02:00:00.000Z",
    );
    expect(toUtc("2026-12-01T02:00:00Z", "Asia/Jakarta").toISOString()).toBe("2026-12-01T02:00:00.000Z");
  });

  it("refuses times that do not exist or are not times, naming the field", () => {
    for (const bad of [
      "2099-02-31T09:00",
      "2099-02-31T09:00:00+07:00",
      "2026-12-01T24:00",
      "besok jam 9",
      "2026-12-01T09:00junk",
    ]) {
      const err = (() => {
        try {
          toUtc(bad, "Asia/Jakarta");
        } catch (e) {
          return e;
        }
      })();
      expect(err, bad).toBeInstanceOf(KabarError);
      expect((err as KabarError).fields).toHaveProperty("at");
    }
  });

  it("refuses an unknown time zone with its own code", () => {
    expect(() => toUtc("2026-12-01T09:00", "Asia/Bandung")).toThrow(
      expect.objectContaining({ code: "invalid_time_zone" }),
    );
  });

  it("knows the Indonesian offsets", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(zoneOffsetMs(now, "Asia/Jakarta") / 3_600_000).toBe(7);
    expect(zoneOffsetMs(now, "Asia/Makassar") / 3_600_000).toBe(8);
    expect(zoneOffsetMs(now, "Asia/Jayapura") / 3_600_000).toBe(9);
  });
});
