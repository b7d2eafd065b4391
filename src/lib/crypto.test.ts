import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./crypto.js";

describe("seal / open (AES-256-GCM)", () => {
  const key = randomBytes(32);
  it("round-trips, with a fresh IV each time", () => {
    const a = seal(key, "token rahasia", "ch-1");
    const b = seal(key, "token rahasia", "ch-1");
    expect(a.equals(b)).toBe(false);
    expect(open(key, a, "ch-1").toString()).toBe("token rahasia");
  });
  it("refuses another key, another aad, or a flipped byte", () => {
    const s = seal(key, "x", "ch-1");
    expect(() => open(randomBytes(32), s, "ch-1")).toThrow();
    expect(() => open(key, s, "ch-2")).toThrow();
    const t = Buffer.from(s);
    t.writeUInt8(t.readUInt8(t.length - 1) ^ 1, t.length - 1);
    expect(() => open(key, t, "ch-1")).toThrow();
  });
});
