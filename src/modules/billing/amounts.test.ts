import { describe, expect, it } from "vitest";
import { newOrderId, ppnAmount } from "./amounts.js";

describe("PPN in integer rupiah", () => {
  it("rounds half up to a whole rupiah", () => {
    expect(ppnAmount(150_000, 11)).toBe(16_500);
    expect(ppnAmount(99_999, 11)).toBe(11_000);
    expect(ppnAmount(149_000, 11)).toBe(16_390);
    expect(ppnAmount(50, 11)).toBe(6); // 5.5 → 6
    expect(ppnAmount(149_000, 12.5)).toBe(18_625);
    expect(ppnAmount(149_000, 0)).toBe(0);
  });
});

describe("order ids", () => {
  it("are KBR-<yyyymmdd>-<10 characters>, within Midtrans' 50", () => {
    const id = newOrderId(new Date("2026-12-07T03:00:00Z"));
    expect(id).toMatch(/^KBR-20261207-[0-9A-Z]{10}$/);
    expect(newOrderId(new Date())).not.toBe(newOrderId(new Date()));
  });
});
