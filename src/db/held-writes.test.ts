import { describe, expect, it } from "vitest";
import { HeldWrites } from "./held-writes.js";

const unavailable = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

/** A write that fails with "database unavailable" while `down.value` is true, and counts its successes. */
function writeTo(down: { value: boolean }, done: string[], name: string) {
  return async () => {
    if (down.value) throw unavailable();
    done.push(name);
  };
}

describe("HeldWrites", () => {
  it("holds writes while the database is unavailable and writes them once it is back", async () => {
    const down = { value: true };
    const done: string[] = [];
    let held = 0;
    const w = new HeldWrites({ baseDelayMs: 5, maxDelayMs: 20, onHeld: () => held++ });
    const a = w.run(writeTo(down, done, "a"));
    const b = w.run(writeTo(down, done, "b"));
    await new Promise((r) => setTimeout(r, 30));
    expect(w.size).toBe(2);
    expect(done).toEqual([]);
    down.value = false;
    expect(await Promise.all([a, b])).toEqual([true, true]);
    expect(done.sort()).toEqual(["a", "b"]);
    expect(held).toBe(2);
    expect(w.size).toBe(0);
  });

  it("gives up the oldest past its bound, and everything on stop", async () => {
    const down = { value: true };
    const done: string[] = [];
    const dropped: string[] = [];
    const w = new HeldWrites({
      max: 2,
      baseDelayMs: 5,
      maxDelayMs: 10,
      onDropped: (reason) => dropped.push(reason),
    });
    const first = w.run(writeTo(down, done, "1"));
    await new Promise((r) => setTimeout(r, 1));
    const second = w.run(writeTo(down, done, "2"));
    await new Promise((r) => setTimeout(r, 1));
    const third = w.run(writeTo(down, done, "3"));
    expect(await first).toBe(false);
    expect(dropped).toEqual(["bound"]);
    w.stop();
    expect(await Promise.all([second, third])).toEqual([false, false]);
    expect(dropped).toEqual(["bound", "stopped", "stopped"]);
    expect(done).toEqual([]);
  });

  it("returns any other error at once", async () => {
    const w = new HeldWrites();
    await expect(
      w.run(async () => Promise.reject(Object.assign(new Error("duplicate key"), { code: "23505" }))),
    ).rejects.toThrow("duplicate key");
    expect(w.size).toBe(0);
  });
});
