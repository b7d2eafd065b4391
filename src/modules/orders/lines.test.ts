import { describe, expect, it } from "vitest";
import type { KabarError } from "../../lib/errors.js";
import type { ProductRow } from "../products/index.js";
import { orderAmounts, priceLines } from "./lines.js";

const product = (over: Partial<ProductRow>): ProductRow => ({
  id: "00000000-0000-4000-8000-000000000001",
  tenantId: "t",
  sku: "KOPI-250",
  name: "Kopi Gayo 250 g",
  price: 85_000,
  category: null,
  image: null,
  active: true,
  consumptionDays: 14,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...over,
});

const thrown = (f: () => unknown): KabarError => {
  try {
    f();
  } catch (e) {
    return e as KabarError;
  }
  throw new Error("did not throw");
};

describe("priceLines", () => {
  const kopi = product({});
  const teh = product({
    id: "00000000-0000-4000-8000-000000000002",
    sku: "TEH-50",
    name: "Teh",
    price: 20_000,
  });
  it("copies SKU, name and price; finds SKUs in any case; keeps a given price", () => {
    const lines = priceLines(
      [
        { sku: "kopi-250", quantity: 2 },
        { productId: teh.id, quantity: 1, unitPrice: 18_000 },
      ],
      [kopi, teh],
    );
    expect(lines).toEqual([
      {
        position: 0,
        productId: kopi.id,
        sku: "KOPI-250",
        name: "Kopi Gayo 250 g",
        quantity: 2,
        unitPrice: 85_000,
        lineTotal: 170_000,
      },
      {
        position: 1,
        productId: teh.id,
        sku: "TEH-50",
        name: "Teh",
        quantity: 1,
        unitPrice: 18_000,
        lineTotal: 18_000,
      },
    ]);
  });
  it("names every unknown or inactive line", () => {
    const e = thrown(() =>
      priceLines(
        [
          { sku: "KOPI-250", quantity: 1 },
          { sku: "NOPE", quantity: 1 },
          { productId: teh.id, quantity: 1 },
        ],
        [kopi, { ...teh, active: false }],
      ),
    );
    expect(e.code).toBe("unknown_product");
    expect(e.fields).toEqual({
      "lines.1.sku": "unknown product",
      "lines.2.productId": "product is inactive",
    });
  });
  it("refuses more than Rp2 billion", () => {
    expect(thrown(() => priceLines([{ sku: "KOPI-250", quantity: 30_000 }], [kopi])).code).toBe(
      "order_amount_too_large",
    );
  });
});

describe("orderAmounts", () => {
  const lines = priceLines([{ sku: "KOPI-250", quantity: 2 }], [product({})]);
  it("subtracts the discount and adds shipping", () => {
    expect(orderAmounts(lines, 20_000, 15_000)).toEqual({
      subtotal: 170_000,
      discount: 20_000,
      shippingCost: 15_000,
      total: 165_000,
    });
  });
  it("refuses a discount larger than the amount", () => {
    expect(thrown(() => orderAmounts(lines, 200_000, 0)).code).toBe("discount_too_large");
  });
});
