import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, segmentOf, type RfmFacts } from "./rules.js";

const facts = (over: Partial<RfmFacts>): RfmFacts => ({
  recencyDays: 10,
  ordersEver: 3,
  r: 3,
  f: 3,
  m: 3,
  ...over,
});
const seg = (over: Partial<RfmFacts>) => segmentOf(facts(over), DEFAULT_THRESHOLDS);

describe("RFM segments", () => {
  it("names each segment by the first rule that matches", () => {
    expect(seg({ recencyDays: 181, r: 5, f: 5, m: 5 })).toBe("inactive");
    expect(seg({ ordersEver: 1, recencyDays: 30, r: 5, f: 1, m: 5 })).toBe("new");
    expect(seg({ r: 4, f: 4, m: 4 })).toBe("champions");
    expect(seg({ r: 2, f: 3, m: 1 })).toBe("at_risk");
    expect(seg({ r: 1, f: 1, m: 3 })).toBe("at_risk");
    expect(seg({ r: 3, f: 2, m: 5 })).toBe("big_spender");
    expect(seg({ r: 3, f: 4, m: 2 })).toBe("loyal");
    expect(seg({ r: 4, f: 2, m: 2 })).toBe("promising");
    expect(seg({ r: 3, f: 2, m: 2 })).toBe("need_attention");
  });
  it("a one-time buyer past the new window is judged by their scores", () => {
    expect(seg({ ordersEver: 1, recencyDays: 31, r: 4, f: 1, m: 1 })).toBe("promising");
  });
  it("follows the shop's thresholds", () => {
    const t = { ...DEFAULT_THRESHOLDS, inactiveDays: 90, loyalScore: 5 };
    expect(segmentOf(facts({ recencyDays: 91 }), t)).toBe("inactive");
    expect(segmentOf(facts({ r: 3, f: 4, m: 2 }), t)).toBe("need_attention");
  });
});
