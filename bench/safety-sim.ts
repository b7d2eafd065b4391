/**
 * The simulation behind `npm run bench:safety` (issue 15): one new WhatsApp Web number
 * sending one campaign list for 14 simulated days on the sandbox's restriction model
 * (src/channels/sandbox/restrictions.ts, the `RestrictionModel` itself, driven standalone
 * by a simulated clock), either (a) as Kabar does — the `safe` pacing preset
 * (src/channels/pacing.ts) and the governor (src/modules/campaigns/governor.ts, with the
 * half-rate gap of cold-gate.ts) — or (b) as a fixed 5 s sender does. No real waiting, no
 * database: the model's timers run on {@link SimClock}.
 *
 * What differs from the real sandbox: the model runs without a SandboxNetwork, so nothing
 * is delivered or read (delivered = the model admitted the send), customers never reply,
 * and the warm recipients are told to the model up front (they wrote to the shop before).
 */
import {
  nextSendAt,
  PACING_PRESETS,
  recordFailedSend,
  recordSend,
  type PacingState,
  typingDurationMs,
} from "../src/channels/pacing.js";
import type { Scheduler, TimerHandle } from "../src/channels/sandbox/clock.js";
import { Timers } from "../src/channels/sandbox/clock.js";
import { createRng } from "../src/channels/sandbox/prng.js";
import { CAP_CYCLE_MS, RestrictionModel } from "../src/channels/sandbox/restrictions.js";
import type { E164, Restrictions } from "../src/channels/transport.js";
import { TransportError } from "../src/channels/transport.js";
import { halfRateGapMs } from "../src/modules/campaigns/cold-gate.js";
import { Governor } from "../src/modules/campaigns/governor.js";

const HOUR_MS = 60 * 60_000;
/** A simulated day (the model's cap cycle). */
export const DAY_MS = CAP_CYCLE_MS;
/** The shop's time zone (quiet hours of the safe preset are 21:00–08:00 there). */
const TIME_ZONE = "Asia/Jakarta";
/** The fixed sender's gap between two messages, ms. */
const FIXED_GAP_MS = 5_000;
/** The fixed sender sends from 08:00 to 21:00 local time, like the shop's working day. */
const FIXED_DAY_MS = 13 * HOUR_MS;

/**
 * The bench's ban rule (the model has none): a number is banned at its 3rd timelock within
 * 7 days, or when cold messages sent past the cap (refused with 463 or silently dropped)
 * reach 20 in one cap cycle. Why: owners report bans after 15–20 messages a day to unsaved
 * contacts on new numbers, and numbers that sent 1,000 a day banned at 40–50 (issue 15):
 * 20 sends past a quota of 20 is that 40. Applied to both senders alike.
 */
export const BAN_RULE = { timelocks: 3, withinMs: 7 * DAY_MS, pastCapPerCycle: 20 } as const;

/** Watches one number's timelocks and sends past its cap; see {@link BAN_RULE}. */
export class BanWatch {
  private readonly locks: number[] = [];
  private readonly pastCap = new Map<number, number>();
  bannedAt: number | null = null;

  constructor(private readonly since: number) {}

  /** A timelock started at `at` (epoch ms). */
  lockStarted(at: number): void {
    this.locks.push(at);
    const recent = this.locks.filter((t) => at - t < BAN_RULE.withinMs);
    if (recent.length >= BAN_RULE.timelocks) this.ban(at);
  }

  /** A cold message went past the cap at `at`: refused (463) or silently dropped. */
  sentPastCap(at: number): void {
    const cycle = Math.floor((at - this.since) / DAY_MS);
    const n = (this.pastCap.get(cycle) ?? 0) + 1;
    this.pastCap.set(cycle, n);
    if (n >= BAN_RULE.pastCapPerCycle) this.ban(at);
  }

  private ban(at: number): void {
    this.bannedAt ??= at;
  }
}

/**
 * A simulated clock for the sandbox's `Timers`: time moves only in {@link advanceTo},
 * which fires the due timers in order, each at its own time.
 */
export class SimClock implements Scheduler {
  private readonly queue: Array<{ at: number; seq: number; fn: () => void; live: boolean }> = [];
  private seq = 0;

  constructor(private t: number) {}

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const entry = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, live: true };
    this.queue.push(entry);
    return entry;
  }

  clearTimeout(handle: TimerHandle): void {
    (handle as { live: boolean }).live = false;
  }

  now(): number {
    return this.t;
  }

  /** Moves the clock to `to` (never back), firing each due timer at its time. */
  advanceTo(to: number): void {
    for (;;) {
      let next: (typeof this.queue)[number] | undefined;
      for (const e of this.queue) if (e.live && e.at <= to && (!next || e.at < next.at)) next = e;
      if (!next) break;
      next.live = false;
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    for (let i = this.queue.length - 1; i >= 0; i--) if (!this.queue[i]!.live) this.queue.splice(i, 1);
    this.t = Math.max(this.t, to);
  }
}

/** One recipient of the campaign list; `warm` ones wrote to the shop before. */
export interface Recipient {
  phone: E164;
  warm: boolean;
}

/** What one sender did on one simulated day (`day` 0 = the number's first). */
export interface DayRow {
  day: number;
  deliveredWarm: number;
  deliveredCold: number;
  /** Accepted by WhatsApp and never delivered. */
  dropped: number;
  /** Refused with error 463. */
  refused: number;
  /** Recipients still waiting at the end of the day (held back, or refused to be tried again). */
  left: number;
  /** The cap at the end of the sending day (21:00): state and used/total. */
  cap: string;
  timelocks: number;
  banned: boolean;
}

/** The campaign list: `count` recipients, a `warmShare` of them warm (seeded). */
export function campaignList(seed: string, count: number, warmShare: number): Recipient[] {
  return Array.from({ length: count }, (_, i) => ({
    phone: `+62812${String(30_000_000 + i)}` as E164,
    warm: createRng(seed, "warm", String(i)).next() < warmShare,
  }));
}

/** The outcome of one send on the model. */
type Outcome = "delivered" | "dropped" | "refused";

/** One number on the restriction model with its ban watch and per-day counters. */
class SimNumber {
  readonly clock: SimClock;
  readonly model: RestrictionModel;
  readonly ban: BanWatch;
  readonly rows: DayRow[] = [];
  private locked = false;
  private seq = 0;
  onChange: (r: Restrictions) => void = () => {};

  constructor(
    seed: string,
    readonly since: number,
    recipients: Recipient[],
  ) {
    this.clock = new SimClock(since);
    this.ban = new BanWatch(since);
    const store = {
      listDeliveries: async () => [],
      firstMessagesFrom: async () => new Map<E164, number>(),
    };
    const ctx = { seed, store, timers: new Timers(this.clock, 1) };
    this.model = new RestrictionModel(
      { id: "bench", phone: "+6281100000000" as E164 },
      ctx,
      since,
      true,
      (r) => {
        const active = r.timelock?.active === true;
        if (active && !this.locked) {
          this.ban.lockStarted(this.clock.now());
          this.row(this.clock.now()).timelocks++;
        }
        this.locked = active;
        this.onChange(r);
      },
    );
    for (const r of recipients) if (r.warm) this.model.noteInbound(r.phone);
  }

  dayOf(at: number): number {
    return Math.floor((at - this.since) / DAY_MS);
  }

  /** The row of the day `at` falls in (created on first use). */
  row(at: number): DayRow {
    const day = this.dayOf(at);
    while (this.rows.length <= day) {
      const d = this.rows.length;
      this.rows.push({
        day: d,
        deliveredWarm: 0,
        deliveredCold: 0,
        dropped: 0,
        refused: 0,
        left: 0,
        cap: "",
        timelocks: 0,
        banned: false,
      });
    }
    return this.rows[day]!;
  }

  get banned(): boolean {
    return this.ban.bannedAt !== null;
  }

  /** Sends to `r` now and counts the outcome. */
  async send(r: Recipient): Promise<Outcome> {
    const now = this.clock.now();
    const row = this.row(now);
    let outcome: Outcome;
    try {
      outcome = (await this.model.admit(r.phone, `m-${this.seq++}`)) === "send" ? "delivered" : "dropped";
    } catch (error) {
      if (!(error instanceof TransportError) || error.code !== "reachout_locked") throw error;
      outcome = "refused";
    }
    if (outcome === "delivered") r.warm ? row.deliveredWarm++ : row.deliveredCold++;
    else {
      outcome === "dropped" ? row.dropped++ : row.refused++;
      this.ban.sentPastCap(now);
    }
    return outcome;
  }

  /** Closes day `day`: the cap at 21:00 local (13 h after the 08:00 cycle start), what is left, the ban. */
  async closeDay(day: number, left: number): Promise<void> {
    const row = this.row(this.since + day * DAY_MS);
    const { cap } = await this.model.picture();
    row.cap = `${cap?.state ?? "NONE"} ${cap?.used ?? 0}/${cap?.total ?? "-"}`;
    row.left = left;
    row.banned = this.ban.bannedAt !== null && this.dayOf(this.ban.bannedAt) <= day;
  }
}

/**
 * Sender (a): the `safe` pacing preset and the governor. Warm recipients always go (as
 * pacing allows); cold ones only when the governor's mode is open, or half (twice the
 * pacing gap since the last cold send); a 463 makes the governor hold and the recipient
 * waits for its turn again. Recipients go in list order.
 */
export async function runKabar(
  seed: string,
  since: number,
  list: Recipient[],
  days: number,
): Promise<DayRow[]> {
  const recipients = list.map((r, index) => ({ ...r, index }));
  const n = new SimNumber(seed, since, recipients);
  const governor = new Governor();
  n.onChange = (r) => governor.update(r, n.clock.now());
  const policy = PACING_PRESETS.safe;
  const rand = createRng(seed, "pacing");
  const pacing: PacingState = { channelCreatedAt: since, sentAt: [], consecutiveFailures: 0 };
  const warm = recipients.filter((r) => r.warm);
  const cold = recipients.filter((r) => !r.warm);
  let wi = 0;
  let ci = 0;
  let lastColdAt: number | null = null;
  const end = since + days * DAY_MS;
  let closed = 0;
  const closeDaysBefore = async (t: number) => {
    for (; closed < days && since + (closed + 1) * DAY_MS <= t; closed++) {
      n.clock.advanceTo(Math.max(n.clock.now(), since + closed * DAY_MS + FIXED_DAY_MS));
      await n.closeDay(closed, warm.length - wi + cold.length - ci);
    }
  };
  while (!n.banned && (wi < warm.length || ci < cold.length)) {
    const at = nextSendAt(policy, pacing, n.clock.now(), TIME_ZONE, () => rand.next()).at;
    if (at >= end) break;
    await closeDaysBefore(at);
    n.clock.advanceTo(at);
    let now = n.clock.now();
    if (governor.due(now)) governor.update(await n.model.picture(), now);
    const mode = governor.mode(now);
    const gapOk = lastColdAt === null || now >= lastColdAt + halfRateGapMs(policy);
    const coldOk = ci < cold.length && (mode.kind === "open" || (mode.kind === "half" && gapOk));
    const nextWarm = wi < warm.length ? warm[wi]! : null;
    const nextCold = coldOk ? cold[ci]! : null;
    const pick =
      nextWarm && nextCold ? (nextWarm.index < nextCold.index ? nextWarm : nextCold) : (nextWarm ?? nextCold);
    if (!pick) {
      // Only cold ones are left and they are held: wait for the governor's next check.
      const wake =
        mode.kind === "half" && lastColdAt !== null
          ? lastColdAt + halfRateGapMs(policy)
          : (governor.nextCheckAt(now) ?? now + 5 * 60_000);
      if (wake >= end) break;
      await closeDaysBefore(wake);
      n.clock.advanceTo(wake);
      continue;
    }
    n.clock.advanceTo(now + typingDurationMs(policy, () => rand.next()));
    now = n.clock.now();
    const outcome = await n.send(pick);
    if (outcome === "refused") {
      governor.refuse(now);
      recordFailedSend(pacing, now, false);
      continue;
    }
    recordSend(pacing, now);
    if (pick.warm) wi++;
    else {
      ci++;
      lastColdAt = now;
    }
  }
  await closeDaysBefore(end);
  return n.rows.slice(0, days);
}

/**
 * Sender (b): one message every 5 s from 08:00 to 21:00, in list order, ignoring every
 * warning; a 463 is a failure, skipped, and tried again on the next day's pass (the shop
 * re-sends to whoever did not get it); a dropped message looked sent, so it is not.
 * `enforceBan` false: the number keeps sending after the ban rule is met (what the model
 * alone does to such a sender); `banned` then tells the rule was met.
 */
export async function runFixed(
  seed: string,
  since: number,
  list: Recipient[],
  days: number,
  enforceBan = true,
): Promise<DayRow[]> {
  const n = new SimNumber(seed, since, list);
  let pending = list.map((r) => ({ ...r }));
  for (let day = 0; day < days; day++) {
    const start = since + day * DAY_MS;
    const failed: Recipient[] = [];
    let i = 0;
    for (
      let t = start;
      t < start + FIXED_DAY_MS && i < pending.length && !(enforceBan && n.banned);
      t += FIXED_GAP_MS
    ) {
      n.clock.advanceTo(t);
      const r = pending[i++]!;
      if ((await n.send(r)) === "refused") failed.push(r);
    }
    pending = [...failed, ...pending.slice(i)];
    n.clock.advanceTo(start + FIXED_DAY_MS);
    await n.closeDay(day, pending.length);
  }
  return n.rows.slice(0, days);
}
