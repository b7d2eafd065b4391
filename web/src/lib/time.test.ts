import { describe, expect, it } from "vitest";
import { formatDateTime, formatNumber, formatTime, zoneName } from "./time";

const at = "2026-11-21T02:30:00.000Z"; // 09:30 in Jakarta, 10:30 in Makassar, 11:30 in Jayapura

describe("times in the shop time zone", () => {
  it("shows Indonesian zones by their usual names", () => {
    expect(formatDateTime(at, "Asia/Jakarta", "id")).toMatch(/21 Nov 2026.*09[.:]30 WIB$/);
    expect(formatDateTime(at, "Asia/Makassar", "id")).toMatch(/10[.:]30 WITA$/);
    expect(formatDateTime(at, "Asia/Jayapura", "en")).toMatch(/11:30 WIT$/);
  });

  it("uses Intl's short name for other zones, and the chat shows the time only", () => {
    expect(zoneName("Asia/Tokyo", new Date(at), "en")).toMatch(/GMT\+9|JST/);
    expect(formatTime(at, "Asia/Jakarta", "id")).toMatch(/^09[.:]30$/);
  });

  it("groups digits the way each language does", () => {
    expect(formatNumber(12345, "id")).toBe("12.345");
    expect(formatNumber(12345, "en")).toBe("12,345");
  });
});
