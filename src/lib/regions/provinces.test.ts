import { describe, expect, it } from "vitest";
import { PROVINCES, provinceCode, provinceName } from "./provinces.js";

describe("provinces", () => {
  it("lists the 38 provinces with unique codes", () => {
    expect(PROVINCES).toHaveLength(38);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(38);
  });
  it("reads codes, names and the usual short names", () => {
    expect(provinceCode("32")).toBe("32");
    expect(provinceCode(" Jawa Barat ")).toBe("32");
    expect(provinceCode("jabar")).toBe("32");
    expect(provinceCode("DKI Jakarta")).toBe("31");
    expect(provinceCode("Jakarta")).toBe("31");
    expect(provinceCode("Papua Barat Daya")).toBe("96");
    expect(provinceCode("Atlantis")).toBeNull();
    expect(provinceCode("99")).toBeNull();
  });
  it("names a code", () => {
    expect(provinceName("51")).toBe("Bali");
    expect(provinceName("00")).toBeNull();
  });
});
