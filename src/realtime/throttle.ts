/**
 * A throttle per key: `fn(key)` runs at once for a key that has been quiet for
 * `intervalMs`, otherwise once at the end of the interval (trailing), so the latest state
 * always goes out, a key never runs more than once per interval, and never twice at once.
 */
interface KeyedThrottle {
  /** Asks for `fn(key)` to run soon. */
  trigger(key: string): void;
  /** Cancels every pending run; later triggers are ignored. */
  close(): void;
}

interface KeyState {
  lastRun: number;
  /** The pending (trailing) run. */
  timer: NodeJS.Timeout | null;
  /** Forgets the key once it has been quiet for an interval. */
  expiry: NodeJS.Timeout | null;
  running: boolean;
  /** Triggered while running: run once more when done. */
  again: boolean;
}

/**
 * @param intervalMs least time between two starts of `fn` for one key
 * @param fn the work for a key; a rejection goes to `onError`
 */
export function keyedThrottle(
  intervalMs: number,
  fn: (key: string) => Promise<void>,
  onError: (err: unknown, key: string) => void,
  now: () => number = Date.now,
): KeyedThrottle {
  const keys = new Map<string, KeyState>();
  let closed = false;

  function run(key: string, s: KeyState): void {
    s.timer = null;
    if (closed) return;
    s.running = true;
    s.again = false;
    s.lastRun = now();
    fn(key)
      .catch((err: unknown) => onError(err, key))
      .finally(() => {
        s.running = false;
        if (s.again) schedule(key, s);
        else if (!closed)
          s.expiry = setTimeout(
            () => keys.get(key) === s && !s.running && !s.timer && keys.delete(key),
            intervalMs,
          ).unref();
      });
  }

  function schedule(key: string, s: KeyState): void {
    if (closed || s.timer) return;
    if (s.running) {
      s.again = true;
      return;
    }
    const wait = s.lastRun + intervalMs - now();
    if (wait <= 0) run(key, s);
    else s.timer = setTimeout(() => run(key, s), wait);
  }

  return {
    trigger(key) {
      let s = keys.get(key);
      if (!s) {
        s = { lastRun: -Infinity, timer: null, expiry: null, running: false, again: false };
        keys.set(key, s);
      }
      if (s.expiry) clearTimeout(s.expiry);
      s.expiry = null;
      schedule(key, s);
    },
    close() {
      closed = true;
      for (const s of keys.values()) {
        if (s.timer) clearTimeout(s.timer);
        if (s.expiry) clearTimeout(s.expiry);
      }
      keys.clear();
    },
  };
}
