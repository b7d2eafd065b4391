import { describe, expect, it } from "vitest";
import { DEFAULT_META_RATES, marketOfPhone, metaCost, metaRatesEnv, pricedCategory } from "./meta-pricing.js";

describe("Meta rate table", () => {
  it("defaults to Indonesia only, in rupiah per category", () => {
    expect(DEFAULT_META_RATES["62"]).toEqual({ MARKETING: 586.33, UTILITY: 356.65, AUTHENTICATION: 356.65 });
    expect(marketOfPhone(DEFAULT_META_RATES, "+6281234567890")).toBe("62");
    expect(marketOfPhone(DEFAULT_META_RATES, "+60123456789")).toBeNull();
  });

  it("KABAR_META_RATES is merged over the default, market by market and category by category", () => {
    const rates = metaRatesEnv.parse(
      '{"62":{"MARKETING":150},"60":{"MARKETING":1200.5},"*":{"UTILITY":300}}',
    );
    expect(rates["62"]).toEqual({ MARKETING: 150, UTILITY: 356.65, AUTHENTICATION: 356.65 });
    expect(rates["60"]).toEqual({ MARKETING: 1200.5 });
    expect(marketOfPhone(rates, "+60123456789")).toBe("60");
    expect(marketOfPhone(rates, "+14155550100")).toBe("*");
    expect(DEFAULT_META_RATES["62"]?.MARKETING).toBe(586.33);
  });

  it("takes the longest calling code a phone starts with", () => {
    const rates = { "1": { MARKETING: 300 }, "1876": { MARKETING: 900 } };
    expect(marketOfPhone(rates, "+18765550100")).toBe("1876");
    expect(marketOfPhone(rates, "+14155550100")).toBe("1");
  });

  it.each([
    ["not json", "must be JSON"],
    ['{"+62":{"MARKETING":1}}', "country calling code"],
    ['{"62":{"MARKETING":-1}}', ""],
    ['{"62":{"MARKETING":1.234}}', "at most 2 decimals"],
    ['{"62":{"SERVICE":1}}', ""],
  ])("refuses a bad value %s", (value, message) => {
    const r = metaRatesEnv.safeParse(value);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });

  it("prices only Meta's template categories", () => {
    expect(pricedCategory("MARKETING")).toBe("MARKETING");
    expect(pricedCategory("SERVICE")).toBeNull();
    expect(pricedCategory(null)).toBeNull();
  });
});

describe("metaCost", () => {
  it("1,000 MARKETING messages at Rp150 cost Rp150,000", () => {
    const rates = metaRatesEnv.parse('{"62":{"MARKETING":150}}');
    expect(metaCost(rates, "MARKETING", new Map([["6281", 1000]]))).toEqual({
      category: "MARKETING",
      byMarket: [{ market: "62", messages: 1000, rate: 150 }],
      unknownMessages: 0,
      rupiah: 150_000,
    });
  });

  it("sums markets in sen and rounds the total half up to whole rupiah", () => {
    // 3 × 586.33 = 1758.99 → 1759; plus 1 × 0.50 (rest of world) = 1759.49 → 1759
    const rates = { "62": { MARKETING: 586.33 }, "*": { MARKETING: 0.5 } };
    const cost = metaCost(
      rates,
      "MARKETING",
      new Map([
        ["6281", 2],
        ["6285", 1],
        ["1415", 1],
      ]),
    );
    expect(cost.byMarket).toEqual([
      { market: "62", messages: 3, rate: 586.33 },
      { market: "*", messages: 1, rate: 0.5 },
    ]);
    expect(cost.rupiah).toBe(1759);
    expect(metaCost({ "62": { UTILITY: 0.5 } }, "UTILITY", new Map([["62", 1]])).rupiah).toBe(1);
    expect(metaCost({ "62": { UTILITY: 0.49 } }, "UTILITY", new Map([["62", 1]])).rupiah).toBe(0);
  });

  it("counts numbers of markets without a rate as unknown, not in the total", () => {
    const cost = metaCost(
      DEFAULT_META_RATES,
      "AUTHENTICATION",
      new Map([
        ["6281", 10],
        ["6012", 4],
      ]),
    );
    expect(cost.unknownMessages).toBe(4);
    expect(cost.rupiah).toBe(3567); // 10 × 356.65 = 3566.5 → 3567
  });
});
