import { describe, expect, it } from "vitest";
import { likeEscape, phoneDigits } from "./list.js";

describe("phoneDigits", () => {
  it("reads a local Indonesian number as its E.164 digits", () => {
    expect(phoneDigits("0812-3456")).toBe("628123456");
    expect(phoneDigits("+62 812 34")).toBe("6281234");
    expect(phoneDigits("(0812) 34")).toBe("6281234");
  });
  it("is null for text, or fewer than 3 digits", () => {
    expect(phoneDigits("Budi 0812")).toBeNull();
    expect(phoneDigits("08")).toBeNull();
    expect(phoneDigits("ongkir")).toBeNull();
  });
});

describe("likeEscape", () => {
  it("makes %, _ and \\ plain characters", () => {
    expect(likeEscape("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(likeEscape("Halo kak")).toBe("Halo kak");
  });
});
