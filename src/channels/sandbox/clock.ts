/**
 * Time for the sandbox: an injectable scheduler (real timers by default, fake ones in
 * tests) and a registry of the network's pending timers, scaled by `timeScale` and
 * cancelled all at once when the network closes.
 */

/** An opaque handle returned by {@link Scheduler.setTimeout}. */
export type TimerHandle = unknown;

/**
 * The three clock operations the sandbox uses. Inject one to drive the sandbox from a
 * test clock; delays are in real milliseconds (already scaled), `now()` in epoch ms.
 */
export interface Scheduler {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  now(): number;
}

/**
 * The default scheduler: Node's global timers (looked up at call time, so
 * `vi.useFakeTimers()` applies) and `Date.now()`. Timers are `unref`'d: a pending
 * simulated receipt never keeps the process alive.
 */
export const realScheduler: Scheduler = {
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  now: () => Date.now(),
};

/** A pending timer registered with {@link Timers}; pass it to `cancel`. */
export interface Timer {
  handle?: TimerHandle;
}

/**
 * The network's timers. Delays are given in simulated ms and multiplied by `timeScale`
 * (1 = real time, 0.001 = 1000× faster). `close()` cancels everything still pending and
 * makes later `after` / `at` calls no-ops.
 */
export class Timers {
  private readonly live = new Set<Timer>();
  private closed = false;

  /** @throws RangeError when `timeScale` is negative or not finite */
  constructor(
    private readonly scheduler: Scheduler,
    private readonly timeScale: number,
  ) {
    if (!Number.isFinite(timeScale) || timeScale < 0) {
      throw new RangeError(`timeScale must be a finite number ≥ 0, got ${timeScale}`);
    }
  }

  /** Epoch ms from the scheduler's clock. */
  now(): number {
    return this.scheduler.now();
  }

  /** Real ms for a simulated duration. */
  scaled(simulatedMs: number): number {
    return simulatedMs * this.timeScale;
  }

  /** Runs `fn` once after `simulatedMs` (scaled). Does nothing once closed. */
  after(simulatedMs: number, fn: () => void): Timer {
    return this.schedule(this.scaled(simulatedMs), fn);
  }

  /**
   * Runs `fn` once at epoch ms `when` on the scheduler's clock (not scaled): from a timer
   * even when `when` has passed, never synchronously. Does nothing once closed.
   */
  at(when: number, fn: () => void): Timer {
    return this.schedule(Math.max(0, when - this.now()), fn);
  }

  /** Cancels a pending timer; a fired or cancelled one is ignored. */
  cancel(timer: Timer): void {
    if (!this.live.delete(timer)) return;
    this.scheduler.clearTimeout(timer.handle);
  }

  /** True after {@link close}. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Cancels every pending timer; later `after` / `at` calls schedule nothing. */
  close(): void {
    this.closed = true;
    for (const timer of this.live) this.scheduler.clearTimeout(timer.handle);
    this.live.clear();
  }

  private schedule(realMs: number, fn: () => void): Timer {
    const timer: Timer = {};
    if (this.closed) return timer;
    this.live.add(timer);
    timer.handle = this.scheduler.setTimeout(() => {
      this.live.delete(timer);
      fn();
    }, realMs);
    return timer;
  }
}
