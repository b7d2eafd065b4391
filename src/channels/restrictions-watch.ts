/**
 * Keeping a live channel's restrictions (WhatsApp's new-chat cap and reach-out timelock,
 * transport.ts `Restrictions`) known: read from the network when the channel connects and
 * every few minutes while it stays connected, and taken from every `restrictions` event
 * the network pushes; a picture is stored on the channel row and announced on the bus
 * (`channel.restrictions`) by the `save` the manager gives only when it differs from the
 * last one stored (see {@link sameRestrictions}), so open pages do not refetch a number's
 * health every few minutes for nothing.
 */
import type { Logger } from "pino";
import type { ChannelStatus, Restrictions, Transport } from "./transport.js";

/** How often a connected channel's restrictions are read again, ms (5 minutes). */
export const RESTRICTIONS_REREAD_MS = 5 * 60_000;

/** How long stopping waits for a save still running, ms (2 s). */
const STOP_WAIT_MS = 2_000;

/**
 * Whether two pictures say the same: the cap's state, quota numbers (`total`, `used`) and
 * cycle (`cycleStart`, `cycleEnd`), and the timelock's `active`, `endsAt` and `type`. The
 * time each was read (`at`) is not compared.
 */
function sameRestrictions(a: Restrictions, b: Restrictions): boolean {
  const cap = (r: Restrictions) =>
    r.cap && [r.cap.state, r.cap.total, r.cap.used, r.cap.cycleStart, r.cap.cycleEnd];
  const lock = (r: Restrictions) => r.timelock && [r.timelock.active, r.timelock.endsAt, r.timelock.type];
  return JSON.stringify([cap(a), lock(a)]) === JSON.stringify([cap(b), lock(b)]);
}

/** What a watch needs: where a picture goes, and where failures are told. */
interface RestrictionsWatchDeps {
  /** Stores and announces a picture; may reject (logged at warn). */
  save(restrictions: Restrictions): Promise<void>;
  log: Logger;
  /** Re-read interval, ms (default {@link RESTRICTIONS_REREAD_MS}). */
  rereadMs?: number;
}

/**
 * The restriction reading of one live channel, for a transport that has `restrictions()`
 * (a transport without it is never read; its events are still saved). A picture equal to
 * the last one stored ({@link sameRestrictions}) is not saved again, except the first read
 * after each connect, which always is. Saves run one after another, so the last picture is
 * the one stored. A failing read or save is logged at warn and tried again at the next
 * connect, event or re-read (a failed save does not count as stored); it never throws.
 */
export class RestrictionsWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saves: Promise<void> = Promise.resolve();
  private connected = false;
  private stopped = false;
  /** The last picture stored; undefined: none yet (the next one is stored). */
  private stored: Restrictions | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly deps: RestrictionsWatchDeps,
  ) {}

  /** The channel's status changed: reads at once on `connected` (then every few minutes); stops reading otherwise. */
  onStatus(status: ChannelStatus): void {
    if (this.stopped) return;
    const connected = status === "connected";
    if (connected === this.connected) return;
    this.connected = connected;
    this.clearTimer();
    if (connected) this.read(true);
  }

  /** The network pushed a new picture. */
  onEvent(restrictions: Restrictions): void {
    if (this.stopped) return;
    this.save(restrictions);
  }

  /**
   * Stops reading (the channel is let go); resolves when the last save has ended, or after
   * {@link STOP_WAIT_MS} at most: a save is best effort (the next connect reads again), and a
   * database that does not answer must not hold up stopping Kabar or handing the channel over.
   */
  stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, STOP_WAIT_MS);
      t.unref?.();
      void this.saves.then(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Reads now and schedules the next read; `first`: the first read after a connect (always stored). */
  private read(first = false): void {
    const read = this.transport.restrictions?.bind(this.transport);
    if (!read || this.stopped || !this.connected) return;
    read().then(
      (r) => {
        if (!this.stopped) this.save(r, first);
      },
      (err: unknown) =>
        this.deps.log.warn({ err }, "reading the number's restrictions failed; tried again later"),
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.read();
    }, this.deps.rereadMs ?? RESTRICTIONS_REREAD_MS);
    this.timer.unref?.();
  }

  /** Queues storing `restrictions` unless it equals the last stored picture (`force`: store anyway). */
  private save(restrictions: Restrictions, force = false): void {
    this.saves = this.saves.then(async () => {
      if (!force && this.stored && sameRestrictions(this.stored, restrictions)) return;
      try {
        await this.deps.save(restrictions);
        this.stored = restrictions;
      } catch (err) {
        this.deps.log.warn({ err }, "storing the number's restrictions failed");
      }
    });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
