import { describe, expect, it } from "vitest";
import { isOptOut } from "./intake.js";

describe("isOptOut", () => {
  const words = ["STOP", "BERHENTI", "UNSUBSCRIBE"];
  it("matches a keyword alone, ignoring case, spaces and trailing punctuation", () => {
    for (const text of ["STOP", "stop", " Berhenti ", "berhenti!", "Unsubscribe.", "STOP!!"])
      expect(isOptOut(text, words), text).toBe(true);
  });
  it("does not match a keyword inside a sentence, or an empty message", () => {
    for (const text of ["jangan stop dulu", "STOP kirim promo ya", "berhentilah", "", undefined])
      expect(isOptOut(text, words), String(text)).toBe(false);
  });
  it("follows the shop's own words", () => {
    expect(isOptOut("cukup", ["CUKUP"])).toBe(true);
    expect(isOptOut("stop", ["CUKUP"])).toBe(false);
  });
});
