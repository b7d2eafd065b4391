import { describe, expect, it } from "vitest";
import { matchesKeyword, pickRule, type MatchContext } from "./matcher.js";
import type { MatchableRule } from "./rules.js";

const CH = "channel-1";
const base = (id: string, priority = 50, created = 0) => ({
  id,
  channelId: null,
  priority,
  createdAt: new Date(1_700_000_000_000 + created),
});
const keyword = (
  id: string,
  keywords: string[],
  mode: "exact" | "contains" | "starts_with" = "contains",
  caseSensitive = false,
  priority = 50,
  created = 0,
): MatchableRule => ({
  ...base(id, priority, created),
  type: "keyword",
  config: { keywords, mode, caseSensitive },
});
const welcome = (id: string, afterDays: number | null = null, priority = 50): MatchableRule => ({
  ...base(id, priority),
  type: "welcome",
  config: { afterDays },
});
const fallback = (id: string, priority = 0): MatchableRule => ({
  ...base(id, priority),
  type: "fallback",
  config: {},
});
const outside = (id: string, priority = 50): MatchableRule => ({
  ...base(id, priority),
  type: "outside_hours",
  config: { schedule: { mon: [{ start: "08:00", end: "17:00" }] }, holidays: [] },
});

// Monday 2026-11-23 10:00 WIB (open) and 20:00 WIB (closed).
const OPEN = Date.parse("2026-11-23T10:00:00+07:00");
const CLOSED = Date.parse("2026-11-23T20:00:00+07:00");
const ctx = (text: string | null, over: Partial<MatchContext> = {}): MatchContext => ({
  text,
  channelId: CH,
  at: OPEN,
  timeZone: "Asia/Jakarta",
  previousInboundAt: OPEN - 60_000,
  ...over,
});

describe("matchesKeyword", () => {
  it("exact, contains and starts with, ignoring case and surrounding spaces by default", () => {
    const cfg = (mode: "exact" | "contains" | "starts_with", caseSensitive = false) => ({
      keywords: ["harga", "Ongkir"],
      mode,
      caseSensitive,
    });
    expect(matchesKeyword(cfg("exact"), "  HARGA ")).toBe(true);
    expect(matchesKeyword(cfg("exact"), "harga berapa")).toBe(false);
    expect(matchesKeyword(cfg("contains"), "Kak, harganya berapa?")).toBe(true);
    expect(matchesKeyword(cfg("contains"), "ongkir ke Bandung?")).toBe(true);
    expect(matchesKeyword(cfg("starts_with"), "Harga baju merah")).toBe(true);
    expect(matchesKeyword(cfg("starts_with"), "Berapa harga baju")).toBe(false);
    expect(matchesKeyword(cfg("exact", true), "harga")).toBe(true);
    expect(matchesKeyword(cfg("exact", true), "Harga")).toBe(false);
    expect(matchesKeyword(cfg("contains", true), "ongkir?")).toBe(false);
    expect(matchesKeyword(cfg("contains", true), "Ongkir?")).toBe(true);
    expect(matchesKeyword(cfg("contains"), null)).toBe(false);
  });
});

describe("pickRule", () => {
  it("higher priority wins; a tie goes keyword > welcome > outside hours, then the oldest rule", () => {
    const rules = [welcome("w", null, 50), keyword("k", ["halo"], "contains", false, 50), outside("o", 50)];
    const first = ctx("halo", { previousInboundAt: null, at: CLOSED });
    expect(pickRule(rules, first)?.id).toBe("k");
    expect(pickRule([welcome("w", null, 50), outside("o", 50)], first)?.id).toBe("w");
    expect(pickRule([...rules, outside("o2", 51)], first)?.id).toBe("o2");
    const older = keyword("older", ["halo"], "contains", false, 50, 0);
    const newer = keyword("newer", ["halo"], "contains", false, 50, 1000);
    expect(pickRule([newer, older], ctx("halo"))?.id).toBe("older");
    // Same priority, same age: the smaller id, whatever the input order.
    expect(pickRule([keyword("b", ["halo"]), keyword("a", ["halo"])], ctx("halo"))?.id).toBe("a");
  });

  it("a fallback answers only when nothing else matches, even with a higher priority", () => {
    const rules = [fallback("f", 100), keyword("k", ["harga"], "contains", false, 10)];
    expect(pickRule(rules, ctx("harga?"))?.id).toBe("k");
    expect(pickRule(rules, ctx("apa kabar"))?.id).toBe("f");
    expect(pickRule([keyword("k", ["harga"])], ctx("apa kabar"))).toBeNull();
  });

  it("welcome: the first message ever, or the first after N days", () => {
    expect(pickRule([welcome("w")], ctx("halo", { previousInboundAt: null }))?.id).toBe("w");
    expect(pickRule([welcome("w")], ctx("halo", { previousInboundAt: OPEN - 30 * 86_400_000 }))).toBeNull();
    expect(pickRule([welcome("w", 7)], ctx("halo", { previousInboundAt: OPEN - 7 * 86_400_000 }))?.id).toBe(
      "w",
    );
    expect(pickRule([welcome("w", 7)], ctx("halo", { previousInboundAt: OPEN - 6 * 86_400_000 }))).toBeNull();
  });

  it("outside hours answers only when the shop is closed", () => {
    expect(pickRule([outside("o")], ctx("halo", { at: OPEN }))).toBeNull();
    expect(pickRule([outside("o")], ctx("halo", { at: CLOSED }))?.id).toBe("o");
  });

  it("ignores rules of another channel and opt-out confirmations", () => {
    const other = { ...keyword("k", ["halo"]), channelId: "channel-2" };
    expect(pickRule([other], ctx("halo"))).toBeNull();
    expect(pickRule([{ ...other, channelId: CH }], ctx("halo"))?.id).toBe("k");
    expect(pickRule([{ ...base("x"), type: "opt_out", config: {} }], ctx("stop"))).toBeNull();
  });
});
