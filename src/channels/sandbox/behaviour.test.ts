import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import type { VirtualPhone } from "./behaviour.js";
import { defaultPhone, makeVirtualCustomers, messageFate } from "./behaviour.js";
import { DEFAULT_REPLIES, OPT_OUT_REPLIES } from "./indonesia.js";
import { createRng, hashHex } from "./prng.js";

const phone = (overrides: Partial<VirtualPhone> = {}): VirtualPhone => ({
  phone: "+6281234567890",
  name: "Budi Santoso",
  onWhatsApp: true,
  readRate: 0.7,
  replyRate: 0.1,
  latencyMs: 1_000,
  ...overrides,
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("prng", () => {
  it("replays the same stream for the same key and differs per purpose", () => {
    const draws = (...key: string[]) => {
      const rng = createRng(...key);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draws("s", "m1", "read")).toEqual(draws("s", "m1", "read"));
    expect(draws("s", "m1", "read")).not.toEqual(draws("s", "m1", "reply"));
    expect(draws("s", "ab", "c")).not.toEqual(draws("s", "a", "bc"));
  });

  it("draws within bounds", () => {
    const rng = createRng("bounds");
    for (let i = 0; i < 1_000; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
      expect(rng.next()).toBeLessThan(1);
    }
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it("hashes to stable 24-character hex", () => {
    expect(hashHex("a", "b")).toBe(hashHex("a", "b"));
    expect(hashHex("a", "b")).toMatch(/^[0-9A-F]{24}$/);
    expect(hashHex("a", "b")).not.toBe(hashHex("a", "c"));
  });
});

describe("defaultPhone", () => {
  const numbers = Array.from({ length: 4_000 }, (_, i) => `+62812${String(10_000_000 + i * 7919)}`);
  const phones = numbers.map((n) => defaultPhone("seed", n));

  it("is a pure function of (seed, number)", () => {
    expect(defaultPhone("seed", "+6281200000001")).toEqual(defaultPhone("seed", "+6281200000001"));
    expect(phones.map((p) => p.name)).not.toEqual(numbers.map((n) => defaultPhone("other", n).name));
  });

  it("has the documented averages", () => {
    expect(phones.filter((p) => p.onWhatsApp).length / phones.length).toBeCloseTo(0.95, 1);
    expect(mean(phones.map((p) => p.readRate))).toBeCloseTo(0.7, 1);
    expect(mean(phones.map((p) => p.replyRate))).toBeCloseTo(0.1, 1);
    for (const p of phones) {
      expect(p.latencyMs).toBeGreaterThanOrEqual(300);
      expect(p.latencyMs).toBeLessThanOrEqual(2_500);
    }
  });

  it("never puts a malformed number on WhatsApp", () => {
    expect(["12345", "+0812345678", "hello", "+62"].map((n) => defaultPhone("seed", n).onWhatsApp)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("makeVirtualCustomers", () => {
  const customers = makeVirtualCustomers("demo", 100);

  it("makes unique, valid Indonesian mobile numbers with Indonesian names", () => {
    expect(customers).toHaveLength(100);
    expect(new Set(customers.map((c) => c.phone)).size).toBe(100);
    for (const c of customers) {
      const parsed = parsePhoneNumberFromString(c.phone);
      expect(parsed?.country).toBe("ID");
      expect(parsed?.isValid()).toBe(true);
      expect(parsed?.getType()).toBe("MOBILE");
      expect(c.name).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)?$/);
    }
  });

  it("leaves 5 % off WhatsApp and has a couple of opt-out prone customers", () => {
    expect(customers.filter((c) => !c.onWhatsApp)).toHaveLength(5);
    expect(customers.filter((c) => (c.optOutRate ?? 0) > 0)).toHaveLength(2);
  });

  it("is deterministic and prefix-stable", () => {
    expect(makeVirtualCustomers("demo", 100)).toEqual(customers);
    expect(makeVirtualCustomers("demo", 10)).toEqual(customers.slice(0, 10));
    expect(makeVirtualCustomers("other", 10)).not.toEqual(customers.slice(0, 10));
    expect(() => makeVirtualCustomers("demo", -1)).toThrow(RangeError);
  });
});

describe("messageFate", () => {
  it("is a pure function of (seed, messageId, phone)", () => {
    expect(messageFate("s", "m-1", phone())).toEqual(messageFate("s", "m-1", phone()));
  });

  it("always delivers first, within ±25 % of the latency", () => {
    for (let i = 0; i < 200; i++) {
      const [first] = messageFate("s", `m-${i}`, phone());
      expect(first?.kind).toBe("delivered");
      expect(first?.afterMs).toBeGreaterThanOrEqual(750);
      expect(first?.afterMs).toBeLessThanOrEqual(1_250);
    }
  });

  it("reads with readRate and replies only after reading", () => {
    const fates = Array.from({ length: 3_000 }, (_, i) => messageFate("s", `m-${i}`, phone()));
    const kinds = fates.map((steps) => steps.map((s) => s.kind).join(","));
    expect(new Set(kinds)).toEqual(new Set(["delivered", "delivered,read", "delivered,read,reply"]));
    expect(kinds.filter((k) => k !== "delivered").length / kinds.length).toBeCloseTo(0.7, 1);
    expect(kinds.filter((k) => k.endsWith("reply")).length / kinds.length).toBeCloseTo(0.1, 1);
    for (const steps of fates) {
      const [, read, reply] = steps;
      if (read) expect(read.afterMs).toBeGreaterThanOrEqual(2_000);
      if (read) expect(read.afterMs).toBeLessThanOrEqual(60_000);
      if (reply) expect(reply.afterMs).toBeGreaterThanOrEqual(5_000);
      if (reply) expect(reply.afterMs).toBeLessThanOrEqual(120_000);
    }
  });

  it("replies from the phone list, or the defaults, or opts out", () => {
    const replyOf = (p: VirtualPhone, id: string) => {
      const last = messageFate("s", id, p).at(-1);
      return last?.kind === "reply" ? last.text : undefined;
    };
    const ids = Array.from({ length: 50 }, (_, i) => `m-${i}`);
    expect(ids.map((id) => replyOf(phone({ replyRate: 1, replies: ["Oke"] }), id))).toEqual(
      ids.map(() => "Oke"),
    );
    for (const id of ids) {
      expect(DEFAULT_REPLIES).toContain(replyOf(phone({ replyRate: 1 }), id));
      expect(OPT_OUT_REPLIES).toContain(replyOf(phone({ replyRate: 0, readRate: 0, optOutRate: 1 }), id));
      expect(messageFate("s", id, phone({ readRate: 0, replyRate: 0 }))).toHaveLength(1);
    }
  });
});
