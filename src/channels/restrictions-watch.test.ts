import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RESTRICTIONS_REREAD_MS, RestrictionsWatch } from "./restrictions-watch.js";
import type { Restrictions, Transport } from "./transport.js";

const picture = (at: number, state: "NONE" | "CAPPED" = "NONE"): Restrictions => ({
  cap: { state },
  timelock: { active: false },
  at,
});

/** A watch over a transport whose `restrictions()` answers with `read`. */
function watch(read: () => Promise<Restrictions>) {
  const saved: Restrictions[] = [];
  const log = pino({ level: "silent" });
  const warn = vi.spyOn(log, "warn");
  const transport = { restrictions: vi.fn(read) } as unknown as Transport;
  const w = new RestrictionsWatch(transport, {
    log,
    save: async (r) => {
      saved.push(r);
    },
  });
  return { w, saved, warn, reads: transport.restrictions as ReturnType<typeof vi.fn> };
}

describe("RestrictionsWatch", () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000 }));
  afterEach(() => vi.useRealTimers());

  it("reads when the number connects, again every 5 minutes while connected, never after", async () => {
    const { w, saved, reads } = watch(async () => picture(Date.now()));
    w.onStatus("connecting");
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).not.toHaveBeenCalled();

    w.onStatus("connected");
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.map((r) => r.at)).toEqual([1_000]);
    await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS - 1);
    expect(reads).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved.map((r) => r.at)).toEqual([1_000, 1_000 + RESTRICTIONS_REREAD_MS]);

    w.onStatus("disconnected");
    await vi.advanceTimersByTimeAsync(3 * RESTRICTIONS_REREAD_MS);
    expect(reads).toHaveBeenCalledTimes(2);
    w.onStatus("connected");
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toHaveBeenCalledTimes(3);

    await w.stop();
    await vi.advanceTimersByTimeAsync(3 * RESTRICTIONS_REREAD_MS);
    expect(reads).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("saves every pushed picture, in order", async () => {
    const { w, saved } = watch(async () => picture(0));
    w.onEvent(picture(5, "CAPPED"));
    w.onEvent(picture(6));
    await w.stop();
    expect(saved.map((r) => [r.at, r.cap?.state])).toEqual([
      [5, "CAPPED"],
      [6, "NONE"],
    ]);
  });

  it("logs a failing read at warn and reads again at the next interval", async () => {
    let fail = true;
    const { w, saved, warn } = watch(async () => {
      if (fail) throw new Error("not connected");
      return picture(Date.now());
    });
    w.onStatus("connected");
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS);
    expect(saved).toHaveLength(1);
    await w.stop();
  });
});
