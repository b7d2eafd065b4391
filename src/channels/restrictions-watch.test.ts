import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RESTRICTIONS_REREAD_MS, RestrictionsWatch } from "./restrictions-watch.js";
import type { Restrictions, Transport } from "./transport.js";

const picture = (at: number, state: "NONE" | "CAPPED" = "NONE", used = 0): Restrictions => ({
  cap: { state, total: 50, used, cycleStart: 0, cycleEnd: 86_400_000 },
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
    let used = 0;
    const { w, saved, reads } = watch(async () => picture(Date.now(), "NONE", used++));
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

  it("stores and announces a re-read only when the cap or the timelock changed", async () => {
    let now: Restrictions = picture(0);
    const { w, saved, reads } = watch(async () => ({ ...now, at: Date.now() }));
    w.onStatus("connected");
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.map((r) => r.at)).toEqual([1_000]);

    // Unchanged re-read (only the time read differs): no save, so no event.
    await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(saved).toHaveLength(1);

    // Each kind of change is one save (and so one event).
    const changes: Array<(r: Restrictions) => Restrictions> = [
      (r) => ({ ...r, cap: { ...r.cap!, used: 1 } }),
      (r) => ({ ...r, cap: { ...r.cap!, total: 40 } }),
      (r) => ({ ...r, cap: { ...r.cap!, state: "FIRST_WARNING" } }),
      (r) => ({ ...r, cap: { ...r.cap!, cycleStart: 86_400_000, cycleEnd: 172_800_000 } }),
      (r) => ({ ...r, timelock: { active: true, endsAt: 9_000_000, type: "BIZ_QUALITY" } }),
      (r) => ({ ...r, timelock: { active: true, endsAt: 9_500_000, type: "BIZ_QUALITY" } }),
      (r) => ({ ...r, timelock: { active: false } }),
      (r) => ({ ...r, cap: null }),
    ];
    for (const [i, change] of changes.entries()) {
      now = change(now);
      await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS);
      expect(saved).toHaveLength(2 + i);
      expect(saved.at(-1)).toEqual({ ...now, at: Date.now() });
      await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS);
      expect(saved).toHaveLength(2 + i);
    }

    // A pushed picture equal to the stored one is not stored again either.
    w.onEvent({ ...now, at: Date.now() });
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toHaveLength(1 + changes.length);

    // The first read after a reconnect always stores, even unchanged.
    w.onStatus("disconnected");
    w.onStatus("connected");
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toHaveLength(2 + changes.length);
    await w.stop();
  });

  it("stores an unchanged picture again when storing it failed", async () => {
    const saved: Restrictions[] = [];
    let fail = true;
    const log = pino({ level: "silent" });
    const transport = { restrictions: vi.fn(async () => picture(Date.now())) } as unknown as Transport;
    const w = new RestrictionsWatch(transport, {
      log,
      save: async (r) => {
        if (fail) throw new Error("database down");
        saved.push(r);
      },
    });
    w.onStatus("connected");
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual([]);
    fail = false;
    await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS);
    expect(saved).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(RESTRICTIONS_REREAD_MS);
    expect(saved).toHaveLength(1);
    await w.stop();
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
