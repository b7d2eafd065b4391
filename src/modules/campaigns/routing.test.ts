import { describe, expect, it } from "vitest";
import { createSplitter, type PoolMember } from "./routing.js";

const member = (channelId: string, over: Partial<PoolMember> = {}): PoolMember => ({
  channelId,
  weight: 1,
  rail: "web",
  score: 100,
  usable: true,
  coldOk: true,
  ...over,
});
const cold = { wroteTo: null, recent: false };
const deal = (split: ReturnType<typeof createSplitter>, n: number, r = cold) =>
  Array.from({ length: n }, () => split(r).channelId);
const tally = (ids: string[]) =>
  Object.fromEntries([...new Set(ids)].sort().map((id) => [id, ids.filter((x) => x === id).length]));

describe("splitting a campaign's recipients over its pool", () => {
  it("deals by weight, exactly and interleaved", () => {
    const split = createSplitter([member("A", { weight: 3 }), member("B", { weight: 1 })], "weighted");
    const first = deal(split, 8);
    expect(first).toEqual(["A", "A", "B", "A", "A", "A", "B", "A"]);
    expect(tally(deal(split, 400))).toEqual({ A: 300, B: 100 });
  });

  it("scales a weight by the number's health score", () => {
    const split = createSplitter([member("A", { score: 90 }), member("B", { score: 30 })], "weighted");
    expect(tally(deal(split, 400))).toEqual({ A: 300, B: 100 });
  });

  it("keeps a customer on the number they last wrote to, warm there", () => {
    const split = createSplitter([member("A", { weight: 100 }), member("B")], "weighted");
    expect(split({ wroteTo: "B", recent: false })).toEqual({ channelId: "B", warm: true });
    // …unless that number stopped: then they are dealt like anyone else, and a new chat there.
    const stopped = createSplitter([member("A"), member("B", { usable: false })], "weighted");
    expect(stopped({ wroteTo: "B", recent: false })).toEqual({ channelId: "A", warm: false });
  });

  it("gives new chats only to numbers that may start them, while any may", () => {
    const split = createSplitter([member("A", { coldOk: false }), member("B")], "weighted");
    expect(tally(deal(split, 10))).toEqual({ B: 10 });
    // A customer who wrote to the shop lately is no new chat: any number may send.
    expect(tally(deal(split, 10, { wroteTo: null, recent: true }))).toEqual({ A: 5, B: 5 });
    // When none may, they are dealt anyway (held there until the cap or lock lifts).
    const none = createSplitter([member("A", { coldOk: false }), member("B", { coldOk: false })], "weighted");
    expect(tally(deal(none, 10))).toEqual({ A: 5, B: 5 });
  });

  it("hybrid: warm over WhatsApp Web, new chats over the Cloud API", () => {
    const split = createSplitter([member("web"), member("cloud", { rail: "cloud" })], "hybrid");
    expect(split({ wroteTo: null, recent: true })).toEqual({ channelId: "web", warm: true });
    expect(split(cold)).toEqual({ channelId: "cloud", warm: false });
    // A customer who chats with the Cloud API number stays there.
    expect(split({ wroteTo: "cloud", recent: false })).toEqual({ channelId: "cloud", warm: true });
  });

  it("uses stopped numbers only when the whole pool stopped", () => {
    const split = createSplitter(
      [member("A", { usable: false }), member("B", { usable: false })],
      "weighted",
    );
    expect(tally(deal(split, 4))).toEqual({ A: 2, B: 2 });
  });
});
