/**
 * What happens to a channel's messages after the 'sent' tick: the delivered and read
 * receipts and the customer's reply that `messageFate` decides, each at its time. When a
 * channel connects in a process, the fates of the messages another process sent (an
 * earlier run, or another Kabar that held the channel meanwhile) are replayed, as WhatsApp
 * hands a linked device its pending receipts and messages when it reconnects: nothing is
 * lost when Kabar is killed while receipts are on their way, nor when a channel is handed
 * from one process to another and back.
 */
import type { InboundMessage, ReceiptEvent } from "../transport.js";
import type { FateStep, VirtualPhone } from "./behaviour.js";
import { messageFate, replyMessageId } from "./behaviour.js";
import type { SandboxChannel, SandboxContext } from "./connection.js";
import type { SandboxDelivery } from "./store.js";

/** How far back a replay looks for deliveries, in real ms (24 h). */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1_000;
/**
 * How far before the previous replay a later replay looks again, in real ms: deliveries
 * another process was still writing then, or stamped by a clock a little behind ours.
 */
const REPLAY_OVERLAP_MS = 60_000;
/** A player prunes the ids it knows once it knows this many (see `FatePlayer.known`). */
const KNOWN_PRUNE_AT = 20_000;

/** Where fates send their events (the transport emits them, or holds them while offline). */
interface FateEvents {
  receipt(event: ReceiptEvent): void;
  message(message: InboundMessage): void;
}

/** A fate step and the epoch ms (real time) it is due. */
interface TimedStep {
  step: FateStep;
  at: number;
}

/**
 * When each step of a fate is due: the delivery's `sentAt` plus the scaled delays of the
 * steps so far, rounded to whole ms. The same inputs always give the same times, so a
 * replay after a restart lands every step where the first process would have.
 */
export function fateTimeline(
  steps: FateStep[],
  sentAt: number,
  scaled: (simulatedMs: number) => number,
): TimedStep[] {
  let simulated = 0;
  return steps.map((step) => {
    simulated += step.afterMs;
    return { step, at: sentAt + Math.round(scaled(simulated)) };
  });
}

/** One delivery with the phone it went to and its timed fate. */
interface Fate {
  delivery: SandboxDelivery;
  phone: VirtualPhone;
  steps: TimedStep[];
}

/**
 * Plays the fates of one channel's messages. Each event carries the time its step was
 * due (not the time a late timer or a replay emitted it).
 */
export class FatePlayer {
  /**
   * Deliveries whose fate this player plays or played (its own sends and replayed ones),
   * by message id, with their send time (epoch ms): a replay skips them. Entries older
   * than any later replay can list are pruned.
   */
  private readonly known = new Map<string, number>();
  /** The `before` of the last replay that succeeded; undefined before the first. */
  private replayedUpTo: number | undefined;
  private replaying: Promise<void> = Promise.resolve();
  /** `known` is pruned when it reaches this size (doubling while everything in it is recent). */
  private pruneAt = KNOWN_PRUNE_AT;

  constructor(
    private readonly channel: Readonly<SandboxChannel>,
    private readonly ctx: SandboxContext,
    private readonly events: FateEvents,
  ) {}

  /** Plays the fate of a message the network just accepted: every step from a timer. */
  play(delivery: SandboxDelivery, phone: VirtualPhone): void {
    this.remember(delivery);
    this.schedule(this.fateOf(delivery, phone), 0);
  }

  /**
   * A message the network accepted and silently dropped (a restricted number, see
   * restrictions.ts): no receipt or reply follows, and a replay in this process skips it.
   */
  silence(delivery: SandboxDelivery): void {
    this.remember(delivery);
  }

  /**
   * Replays, each time the channel connects in this process, the fates of the channel's
   * deliveries this player does not know: on the first connect those accepted in the
   * {@link REPLAY_WINDOW_MS} before `before` (what an earlier process sent), on a later
   * one those since the previous replay (less {@link REPLAY_OVERLAP_MS}) — what another
   * process sent while it held the channel, whose timers stopped when it handed the
   * channel back. Deliveries at or after `before` are this process's own. Steps whose
   * time has passed are emitted at once, in order (a reply is stored at the phone first,
   * under its deterministic id); the others are scheduled as usual. Events another
   * process already emitted are emitted again: Kabar only moves receipts forward and
   * de-duplicates messages by id. Calls run one after the other; when the store fails,
   * the next call looks back as far as the failed one would have.
   * @throws whatever `listDeliveries` throws
   */
  replay(before: number): Promise<void> {
    const run = this.replaying.catch(() => undefined).then(() => this.replayOnce(before));
    this.replaying = run;
    return run;
  }

  private async replayOnce(before: number): Promise<void> {
    const since =
      this.replayedUpTo === undefined
        ? before - REPLAY_WINDOW_MS
        : Math.max(before - REPLAY_WINDOW_MS, this.replayedUpTo - REPLAY_OVERLAP_MS);
    const deliveries = await this.ctx.store.listDeliveries(this.channel.id, since);
    this.replayedUpTo = Math.max(this.replayedUpTo ?? before, before);
    const now = this.ctx.timers.now();
    for (const delivery of deliveries) {
      if (delivery.at >= before || this.known.has(delivery.messageId)) continue;
      if (this.ctx.timers.isClosed) return;
      this.remember(delivery);
      const fate = this.fateOf(delivery, this.ctx.behaviourOf(delivery.to));
      const next = fate.steps.findIndex((timed) => timed.at > now);
      for (const timed of next === -1 ? fate.steps : fate.steps.slice(0, next)) await this.run(fate, timed);
      if (next !== -1) this.schedule(fate, next);
    }
    this.prune(this.replayedUpTo - REPLAY_OVERLAP_MS);
  }

  private remember(delivery: SandboxDelivery): void {
    this.known.set(delivery.messageId, delivery.at);
    if (this.known.size < this.pruneAt) return;
    this.prune(this.ctx.timers.now() - REPLAY_WINDOW_MS);
    this.pruneAt = Math.max(KNOWN_PRUNE_AT, 2 * this.known.size);
  }

  /** Forgets the known deliveries sent before `cutoff` (epoch ms): no later replay lists them. */
  private prune(cutoff: number): void {
    for (const [id, at] of this.known) if (at < cutoff) this.known.delete(id);
  }

  private fateOf(delivery: SandboxDelivery, phone: VirtualPhone): Fate {
    const steps = messageFate(this.ctx.seed, delivery.messageId, phone);
    return { delivery, phone, steps: fateTimeline(steps, delivery.at, (ms) => this.ctx.timers.scaled(ms)) };
  }

  /** Runs step `index` of `fate` when it is due, then the steps after it. */
  private schedule(fate: Fate, index: number): void {
    const timed = fate.steps[index];
    if (!timed) return;
    this.ctx.timers.at(timed.at, () => {
      void this.run(fate, timed);
      this.schedule(fate, index + 1);
    });
  }

  /** Emits one step; never rejects (a failed reply write is reported, the reply dropped). */
  private async run({ delivery, phone }: Fate, { step, at }: TimedStep): Promise<void> {
    if (step.kind !== "reply") {
      this.events.receipt({ messageId: delivery.messageId, status: step.kind, to: delivery.to, at });
      return;
    }
    const messageId = replyMessageId(this.ctx.seed, this.channel.id, delivery.messageId);
    try {
      await this.ctx.store.recordPhoneMessage({
        messageId,
        from: delivery.to,
        to: this.channel.phone,
        text: step.text,
        at,
      });
    } catch (error) {
      this.ctx.reportError(error);
      return;
    }
    this.events.message({ messageId, from: delivery.to, profileName: phone.name, text: step.text, at });
  }
}
