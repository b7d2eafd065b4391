import { describe, expect, it } from "vitest";
import { formatRupiah } from "./rupiah.js";

describe("formatRupiah", () => {
  it("writes whole rupiah with dots between thousands", () => {
    expect(formatRupiah(150000)).toBe("Rp150.000");
    expect(formatRupiah(0)).toBe("Rp0");
    expect(formatRupiah(1250000)).toBe("Rp1.250.000");
    expect(formatRupiah(-5000)).toBe("-Rp5.000");
    expect(formatRupiah(999.9)).toBe("Rp999");
  });
});
