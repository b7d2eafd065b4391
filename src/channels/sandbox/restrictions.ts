/**
 * The sandbox's model of what WhatsApp restricts a number to in 2026 (issue 15): the
 * new-chat cap per cycle with its four states, the reach-out timelock that follows a cold
 * send past the cap (error 463), and the sends that are accepted but silently never
 * delivered. Deterministic: every roll is keyed by the network's seed and the message id,
 * every time comes from the network's Scheduler and is scaled by `timeScale`.
 */
import type { E164, NewChatCap, NewChatCapState, Restrictions } from "../transport.js";
import { TransportError } from "../transport.js";
import type { Timer, Timers } from "./clock.js";
import { createRng } from "./prng.js";
import type { SandboxStore } from "./store.js";

/** What the model needs from its network (a part of `SandboxContext`). */
interface RestrictionContext {
  readonly seed: string;
  readonly store: Pick<SandboxStore, "listDeliveries" | "firstMessagesFrom">;
  readonly timers: Timers;
}

/** One cap cycle, simulated ms (WhatsApp's cycle is a day). */
export const CAP_CYCLE_MS = 24 * 60 * 60 * 1_000;
/** How long a timelock the cap starts lasts, simulated ms. */
const AUTO_TIMELOCK_MS = 24 * 60 * 60 * 1_000;
/** The enforcement type of the timelocks the sandbox starts (WhatsApp's name for quality locks). */
const TIMELOCK_TYPE = "BIZ_QUALITY";
/** Share of cold sends during a timelock that are accepted and never delivered (the rest get 463). */
const DROP_WHILE_LOCKED = 0.25;
/** Share of cold sends past the cap that are silently dropped instead of starting a timelock. */
const DROP_WHILE_CAPPED = 0.1;
/** Warm-up: the new-chat quota of a number's first day, and the most it grows to. */
const FIRST_DAY_QUOTA = 20;
const FULL_QUOTA = 250;
/** Growth of the quota per day of age. */
const DAILY_GROWTH = 1.2;

/** The share of the quota (percent) from which each warning state starts. */
const THRESHOLDS: ReadonlyArray<[NewChatCapState, number]> = [
  ["CAPPED", 100],
  ["SECOND_WARNING", 85],
  ["FIRST_WARNING", 60],
];

/**
 * The new chats a number may start in a cycle at `ageDays` whole days old:
 * `min(250, round(20 × 1.2^ageDays))` — 20 on day 0, ~50 after 5 days, ~124 after 9, 250
 * from day 14. Why: owners report bans after 15–20 messages a day to unsaved contacts on
 * new numbers (issue 15), so a new number starts at 20; WhatsApp lifts limits as a number
 * keeps a good record, here steadily over two weeks; 250 is Meta's own first tier of
 * business-initiated conversations a day for a new Cloud API number, a fair ceiling for a
 * WhatsApp Web number that behaves.
 */
export function warmUpQuota(ageDays: number): number {
  const days = Math.max(0, Math.floor(ageDays));
  return Math.min(FULL_QUOTA, Math.round(FIRST_DAY_QUOTA * DAILY_GROWTH ** days));
}

/** The cap state of `used` new chats out of `total` (≥ 60 %, ≥ 85 %, 100 %). */
export function capState(used: number, total: number): NewChatCapState {
  for (const [state, percent] of THRESHOLDS) if (used * 100 >= percent * total) return state;
  return "NONE";
}

/** The fewest new chats out of `total` that put the cap in `state`. */
function usedFor(state: NewChatCapState, total: number): number {
  const percent = THRESHOLDS.find(([s]) => s === state)?.[1] ?? 0;
  return Math.ceil((percent * total) / 100);
}

/** A `cap` fault's `used` above the cycle's `total` (the fault left `total` as it was). */
export class CapUsedAboveTotal extends RangeError {
  constructor(
    readonly used: number,
    readonly total: number,
  ) {
    super(`cap used must be an integer from 0 to ${total}, got ${used}`);
  }
}

/** A fault that changes a number's restrictions (see `SandboxFault`). */
export type RestrictionFault =
  | { type: "cap"; state?: NewChatCapState; total?: number; used?: number }
  | { type: "timelock"; minutes: number }
  | { type: "unlock" };

/** What happens to a send the model admitted. */
type Admission = "send" | "drop";

/**
 * The restrictions of one sandbox channel. A *new chat* is the first message of a cycle
 * to a phone that never wrote to the channel (a *cold* send); messages to phones that
 * wrote to it (*warm*), and later messages of a chat started in the cycle, always go.
 *
 * Cycles are `CAP_CYCLE_MS` (scaled) long, counted from the number's `since`; the quota
 * follows {@link warmUpQuota} of the number's age. `counting` off (the network's
 * `newChatCap` option), cold sends count only once a `cap` fault engaged the cycle.
 * A cold send past the cap is silently dropped ({@link DROP_WHILE_CAPPED}) or starts a
 * timelock of `AUTO_TIMELOCK_MS`; while locked, cold sends fail with `reachout_locked`
 * (463) or, for {@link DROP_WHILE_LOCKED} of them, are accepted and never delivered.
 *
 * Restarts: the cycle's `used` is recomputed from the store on first use (the cycle's
 * deliveries to phones that had not written first); the timelock and a fault's override
 * live in memory and are lost, and a dropped message's fate is replayed after a restart.
 */
export class RestrictionModel {
  private cycle = Number.NaN;
  private used = 0;
  /** A `cap` fault's total for the current cycle. */
  private totalOverride: number | undefined;
  /** Phones whose chat this cycle started (they count once). */
  private readonly started = new Set<E164>();
  /** Phones known to have written to the channel. */
  private readonly warm = new Set<E164>();
  private lock: { endsAt: number; type: string; timer: Timer } | null = null;
  private cycleTimer: Timer | null = null;
  private loaded: Promise<void> | null = null;

  /**
   * @param since epoch ms the number's age counts from (cycles start there)
   * @param counting whether cold sends count against the quota without a fault
   * @param changed called with the new picture when the cap's state or the timelock changes
   */
  constructor(
    private readonly channel: { readonly id: string; readonly phone: E164 },
    private readonly ctx: RestrictionContext,
    private readonly since: number,
    private readonly counting: boolean,
    private readonly changed: (r: Restrictions) => void,
  ) {}

  /** The restrictions now, after recounting the cycle from the store the first time. */
  async picture(): Promise<Restrictions> {
    await this.load();
    return this.snapshot();
  }

  /** A phone wrote to the channel: it is warm from now on. */
  noteInbound(phone: E164): void {
    this.warm.add(phone);
  }

  /**
   * Decides a send to `to`: "send" (as usual) or "drop" (accepted, never delivered);
   * synchronously when nothing restricts the number.
   * @throws TransportError `reachout_locked` (463, not retryable) for a cold send while locked
   * @throws what the store throws while looking up whether `to` is warm
   */
  admit(to: E164, messageId: string): Admission | Promise<Admission> {
    this.roll();
    if (!this.engaged()) return "send"; // synchronously: nothing to look up
    return this.admitCold(to, messageId);
  }

  private async admitCold(to: E164, messageId: string): Promise<Admission> {
    await this.load();
    if (this.warm.has(to) || this.started.has(to) || (await this.wroteBefore(to))) return "send";
    this.roll();
    if (this.started.has(to)) return "send";
    if (this.lock) return this.locked(messageId);
    const { total } = this.cap();
    if (capState(this.used, total) === "CAPPED") {
      if (this.roll01(messageId, "capped-drop") < DROP_WHILE_CAPPED) return "drop";
      this.startLock(this.ctx.timers.scaled(AUTO_TIMELOCK_MS), TIMELOCK_TYPE);
      return this.locked(messageId);
    }
    const before = capState(this.used, total);
    this.started.add(to);
    this.used++;
    if (capState(this.used, total) !== before) this.announce();
    this.armCycleEnd();
    return "send";
  }

  /**
   * Applies a restriction fault: `cap` sets this cycle's `total` and `used` (or the least
   * `used` that gives `state`; `used` wins over `state`); `timelock` locks the number for
   * `minutes` simulated minutes; `unlock` lifts a lock. Announces a change.
   * @throws RangeError for a total < 1 or minutes ≤ 0; {@link CapUsedAboveTotal} for a
   *   used < 0 or above the total
   */
  async inject(fault: RestrictionFault): Promise<void> {
    await this.load();
    this.roll();
    if (fault.type === "unlock") return this.unlock();
    if (fault.type === "timelock") {
      if (!(fault.minutes > 0)) throw new RangeError(`timelock minutes must be > 0, got ${fault.minutes}`);
      this.startLock(this.ctx.timers.scaled(fault.minutes * 60_000), TIMELOCK_TYPE);
      return;
    }
    const total = fault.total ?? this.cap().total;
    if (!Number.isInteger(total) || total < 1)
      throw new RangeError(`cap total must be an integer ≥ 1, got ${total}`);
    const used = fault.used ?? (fault.state ? usedFor(fault.state, total) : Math.min(this.used, total));
    if (!Number.isInteger(used) || used < 0 || used > total) throw new CapUsedAboveTotal(used, total);
    this.totalOverride = total;
    this.used = used;
    this.armCycleEnd();
    this.announce();
  }

  /** Cancels the model's timers (the network closes them anyway). */
  stop(): void {
    if (this.lock) this.ctx.timers.cancel(this.lock.timer);
    if (this.cycleTimer) this.ctx.timers.cancel(this.cycleTimer);
  }

  /** Whether cold sends are checked at all: counting, a fault's cap this cycle, or a lock. */
  private engaged(): boolean {
    return this.counting || this.totalOverride !== undefined || this.lock !== null;
  }

  private locked(messageId: string): Admission {
    if (this.roll01(messageId, "locked-drop") < DROP_WHILE_LOCKED) return "drop";
    const until = this.lock ? new Date(this.lock.endsAt).toISOString() : "later";
    throw new TransportError(
      "reachout_locked",
      `This number may not message new contacts until ${until} (WhatsApp error 463, sandbox)`,
      false,
    );
  }

  private roll01(messageId: string, purpose: string): number {
    return createRng(this.ctx.seed, this.channel.id, messageId, purpose).next();
  }

  private startLock(realMs: number, type: string): void {
    if (this.lock) this.ctx.timers.cancel(this.lock.timer);
    const endsAt = this.ctx.timers.now() + realMs;
    const timer = this.ctx.timers.at(endsAt, () => {
      this.lock = null;
      this.announce();
    });
    this.lock = { endsAt, type, timer };
    this.announce();
  }

  private unlock(): void {
    if (!this.lock) return;
    this.ctx.timers.cancel(this.lock.timer);
    this.lock = null;
    this.announce();
  }

  /** The scaled cycle length, real ms; 0 when time does not pass (timeScale 0: one endless cycle). */
  private cycleMs(): number {
    return this.ctx.timers.scaled(CAP_CYCLE_MS);
  }

  private cycleIndexAt(now: number): number {
    const len = this.cycleMs();
    return len > 0 ? Math.floor((now - this.since) / len) : 0;
  }

  /**
   * Starts a new cycle when the current one ended: used 0, the fault's override gone,
   * announced when the ended cycle had used anything (its state goes back to NONE).
   */
  private roll(): void {
    const index = this.cycleIndexAt(this.ctx.timers.now());
    if (index === this.cycle) return;
    const hadAny = this.used > 0 || this.totalOverride !== undefined;
    this.cycle = index;
    this.used = 0;
    this.totalOverride = undefined;
    this.started.clear();
    if (this.cycleTimer) this.ctx.timers.cancel(this.cycleTimer);
    this.cycleTimer = null;
    if (hadAny) this.announce();
  }

  /** Schedules the announcement of the cycle's end (once per cycle, only when it used anything). */
  private armCycleEnd(): void {
    const len = this.cycleMs();
    if (len <= 0 || this.cycleTimer) return;
    const end = this.since + (this.cycle + 1) * len;
    this.cycleTimer = this.ctx.timers.at(end, () => {
      this.cycleTimer = null;
      const cycle = this.cycle;
      this.roll();
      if (this.cycle === cycle) this.armCycleEnd(); // a timer a hair early: wait again
    });
  }

  private cap(): NewChatCap & { total: number } {
    const len = this.cycleMs();
    const now = this.ctx.timers.now();
    const ageDays = len > 0 ? (now - this.since) / len : 0;
    const total = this.totalOverride ?? warmUpQuota(ageDays);
    return {
      state: capState(this.used, total),
      total,
      used: this.used,
      ...(len > 0 && {
        cycleStart: this.since + this.cycle * len,
        cycleEnd: this.since + (this.cycle + 1) * len,
      }),
    };
  }

  private snapshot(): Restrictions {
    this.roll();
    const cap: NewChatCap = this.engaged() ? this.cap() : { state: "NONE" };
    const timelock = this.lock
      ? { active: true, endsAt: this.lock.endsAt, type: this.lock.type }
      : { active: false };
    return { cap, timelock, at: this.ctx.timers.now() };
  }

  private announce(): void {
    this.changed(this.snapshot());
  }

  /** Whether `to` wrote to the channel before now (from the store; remembered once true). */
  private async wroteBefore(to: E164): Promise<boolean> {
    const first = (await this.ctx.store.firstMessagesFrom(this.channel, [to])).get(to);
    if (first === undefined || first > this.ctx.timers.now()) return false;
    this.warm.add(to);
    return true;
  }

  /** Recounts the current cycle's new chats from the store, once (after a restart). */
  private load(): Promise<void> {
    this.loaded ??= this.recount().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  private async recount(): Promise<void> {
    this.roll();
    const len = this.cycleMs();
    if (!this.counting || len <= 0) return;
    const cycle = this.cycle;
    const deliveries = await this.ctx.store.listDeliveries(this.channel.id, this.since + cycle * len);
    const firstTo = new Map<E164, number>();
    for (const d of deliveries) if (!firstTo.has(d.to)) firstTo.set(d.to, d.at);
    if (firstTo.size === 0) return;
    const wrote = await this.ctx.store.firstMessagesFrom(this.channel, [...firstTo.keys()]);
    if (this.cycle !== cycle) return;
    for (const [phone, at] of firstTo) {
      const first = wrote.get(phone);
      if (first !== undefined && first <= at) continue;
      if (this.started.has(phone)) continue;
      this.started.add(phone);
      this.used++;
    }
    this.armCycleEnd();
  }
}
