import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keyedThrottle } from "./throttle.js";

describe("keyedThrottle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const runs: Array<[string, number]> = [];
    const t = keyedThrottle(
      250,
      async (key) => void runs.push([key, Date.now()]),
      (err) => {
        throw err;
      },
    );
    return { runs, t };
  };

  it("runs at once for a quiet key, then at most once per interval with the trailing call", async () => {
    const { runs, t } = setup();
    const start = Date.now();
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.length).toBe(1);
    for (let i = 0; i < 20; i++) {
      t.trigger("a");
      await vi.advanceTimersByTimeAsync(10);
    }
    // 200 ms of triggers after the first run: one trailing run at 250 ms.
    await vi.advanceTimersByTimeAsync(100);
    expect(runs.map(([, at]) => at - start)).toEqual([0, 250]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs.length).toBe(2);
    t.close();
  });

  it("keys are independent", async () => {
    const { runs, t } = setup();
    t.trigger("a");
    t.trigger("b");
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(300);
    expect(runs.map(([k]) => k)).toEqual(["a", "b", "a"]);
    t.close();
  });

  it("never runs one key twice at the same time; a trigger during a run runs it again after", async () => {
    let active = 0;
    let maxActive = 0;
    let count = 0;
    const t = keyedThrottle(
      50,
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        count++;
        await new Promise((r) => setTimeout(r, 200));
        active--;
      },
      () => {},
    );
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(10);
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(1000);
    expect(maxActive).toBe(1);
    expect(count).toBe(2);
    t.close();
  });

  it("close cancels pending runs and ignores later triggers", async () => {
    const { runs, t } = setup();
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(0);
    t.trigger("a");
    t.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs.length).toBe(1);
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs.length).toBe(1);
  });

  it("hands a failure to onError and keeps going", async () => {
    const errors: unknown[] = [];
    let n = 0;
    const t = keyedThrottle(
      10,
      async () => {
        if (++n === 1) throw new Error("boom");
      },
      (err) => errors.push(err),
    );
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(50);
    t.trigger("a");
    await vi.advanceTimersByTimeAsync(50);
    expect(errors.length).toBe(1);
    expect(n).toBe(2);
    t.close();
  });
});
