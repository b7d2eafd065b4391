import { describe, expect, it } from "vitest";
import { codButtons, codReplyOf, parseCodAnswer } from "./cod.js";

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

describe("codReplyOf", () => {
  const ORDER = "0b6f7e1c-5a4d-4c3b-9a2e-1f0e9d8c7b6a";
  const OTHER = "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6";
  const [yes, cancel] = codButtons(ORDER);
  const tap = (b: { id: string; title: string }, kind: "reply_button" | "quick_reply" = "reply_button") => ({
    text: b.title,
    button: { kind, ...b },
  });

  it("gives two buttons YA and BATAL within Meta's limits (title ≤ 20, id ≤ 256)", () => {
    expect(codButtons(ORDER).map((b) => b.title)).toEqual(["YA", "BATAL"]);
    for (const b of codButtons(ORDER)) expect(b.id.length).toBeLessThanOrEqual(256);
  });

  it("answers a tap on the order's own button by its id, and typed words as before", () => {
    expect(codReplyOf(tap(yes!), ORDER)).toBe("yes");
    expect(codReplyOf(tap(cancel!), ORDER)).toBe("no");
    expect(codReplyOf({ text: "Batal kak", button: null }, ORDER)).toBe("no");
  });

  it("leaves for a person a stale tap under another order's question and a foreign button, whatever its label", () => {
    expect(codReplyOf(tap(codButtons(OTHER)[0]!), ORDER)).toBeNull();
    expect(codReplyOf(tap({ id: "reminder:reorder", title: "YA" }), ORDER)).toBeNull();
    expect(codReplyOf(tap({ id: `cod:maybe:${ORDER}`, title: "YA" }), ORDER)).toBeNull();
  });

  it("reads a template's quick-reply button (the shop's own payload) by its label", () => {
    expect(codReplyOf(tap({ id: "KONFIRMASI", title: "Ya" }, "quick_reply"), ORDER)).toBe("yes");
  });
});
