import { describe, expect, it } from "vitest";
import { formatRupiah } from "../../lib/rupiah";
import { orderTotals } from "./money";

describe("rupiah", () => {
  it("writes whole rupiah with Indonesian grouping", () => {
    expect(formatRupiah(150000)).toBe("Rp150.000");
    expect(formatRupiah(0)).toBe("Rp0");
    expect(formatRupiah(1234567)).toBe("Rp1.234.567");
    expect(formatRupiah(-5000)).toBe("-Rp5.000");
  });

  it("adds shipping and takes the discount off the lines' sum", () => {
    expect(
      orderTotals(
        [
          { quantity: 2, unitPrice: 75000 },
          { quantity: 1, unitPrice: 20000 },
        ],
        10000,
        15000,
      ),
    ).toEqual({ subtotal: 170000, total: 175000 });
  });
});
