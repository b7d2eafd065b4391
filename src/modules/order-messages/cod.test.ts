import { describe, expect, it } from "vitest";
import { parseCodAnswer } from "./cod.js";

describe("parseCodAnswer", () => {
  it("reads YA and BATAL from the first word, in any case, punctuation and spacing ignored", () => {
    for (const t of ["YA", "ya", "Ya kak", "  ya!  ", "YA, saya konfirmasi", "ya.\nterima kasih"])
      expect(parseCodAnswer(t)).toBe("yes");
    for (const t of ["BATAL", "batal", "Batal kak, salah pesan", "batal!!"])
      expect(parseCodAnswer(t)).toBe("no");
  });

  it("leaves anything else for a person", () => {
    for (const t of ["iya", "ok", "yaa", "kak ya", "tidak", "jangan batal", "", null, undefined, "👍"])
      expect(parseCodAnswer(t)).toBeNull();
  });
});
