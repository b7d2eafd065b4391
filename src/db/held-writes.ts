/**
 * Writes that wait for the database: what arrives from a network while PostgreSQL is away
 * (a restart, a failover, a dropped connection) is kept in memory and written once the
 * database is back, instead of being lost.
 */
import { isDatabaseUnavailable } from "./availability.js";

/** Options of {@link HeldWrites}. */
interface HeldWritesOptions {
  /**
   * Most writes held at once (default {@link DEFAULT_MAX_HELD}). Past it the oldest held
   * write is given up, with `onDropped`: memory stays bounded during a long outage.
   */
  max?: number;
  /** First wait before a retry, ms (default 250); doubled after each failure up to `maxDelayMs`. */
  baseDelayMs?: number;
  /** Longest wait between two retries, ms (default 5 000). */
  maxDelayMs?: number;
  /** Told when a write is first held (the database error). */
  onHeld?: (err: unknown) => void;
  /** Told of each write given up: past `max`, or on `stop()`. */
  onDropped?: (reason: "bound" | "stopped") => void;
}

/** Default bound of held writes per {@link HeldWrites}: 10 000 (a few MB of messages). */
const DEFAULT_MAX_HELD = 10_000;

interface Held {
  dropped: boolean;
  wake: (() => void) | null;
}

/**
 * Runs writes that are idempotent (safe to repeat: e.g. an insert keyed by the network's
 * message id): a write that fails because the database is unavailable
 * (`isDatabaseUnavailable`) is retried with exponential backoff until it succeeds, until
 * it is dropped past the bound (oldest first), or until `stop()`. Any other error is
 * returned at once, as before.
 */
export class HeldWrites {
  private readonly held: Held[] = [];
  private stopped = false;

  constructor(private readonly o: HeldWritesOptions = {}) {}

  /** Writes held right now, waiting for the database. */
  get size(): number {
    return this.held.length;
  }

  /**
   * Runs `write`, holding it while the database is away.
   * @returns true once written, false when it was given up (bound or stop)
   * @throws the first error that is not "database unavailable"
   */
  async run(write: () => Promise<unknown>): Promise<boolean> {
    let entry: Held | null = null;
    let delay = this.o.baseDelayMs ?? 250;
    try {
      for (;;) {
        try {
          await write();
          return true;
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          if (!entry) {
            if (this.stopped) return this.drop(null, "stopped");
            entry = { dropped: false, wake: null };
            this.held.push(entry);
            this.o.onHeld?.(err);
            const max = this.o.max ?? DEFAULT_MAX_HELD;
            while (this.held.length > max) this.drop(this.held[0]!, "bound");
          }
        }
        if (entry.dropped) return false;
        const e = entry;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, delay * (0.75 + Math.random() / 2));
          e.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        e.wake = null;
        if (entry.dropped) return false;
        delay = Math.min(delay * 2, this.o.maxDelayMs ?? 5_000);
      }
    } finally {
      if (entry) {
        const i = this.held.indexOf(entry);
        if (i >= 0) this.held.splice(i, 1);
      }
    }
  }

  /** Gives up every held write (each is reported to `onDropped`); later failures are not held. */
  stop(): void {
    this.stopped = true;
    for (const e of [...this.held]) this.drop(e, "stopped");
  }

  private drop(entry: Held | null, reason: "bound" | "stopped"): false {
    if (entry) {
      entry.dropped = true;
      const i = this.held.indexOf(entry);
      if (i >= 0) this.held.splice(i, 1);
      entry.wake?.();
    }
    this.o.onDropped?.(reason);
    return false;
  }
}
