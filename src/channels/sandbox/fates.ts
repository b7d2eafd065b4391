/**
 * What happens to a channel's messages after the 'sent' tick: the delivered and read
 * receipts and the customer's reply that `messageFate` decides, each at its time. When a
 * channel first connects in a process, the fates of the messages an earlier process sent
 * are replayed, as WhatsApp hands a linked device its pending receipts and messages when
 * it reconnects: nothing is lost when Kabar is killed while receipts are on their way.
 */
import type { InboundMessage, ReceiptEvent } from '../transport.js';
import type { FateStep, VirtualPhone } from './behaviour.js';
import { messageFate, replyMessageId } from './behaviour.js';
import type { SandboxChannel, SandboxContext } from './connection.js';
import type { SandboxDelivery } from './store.js';

/** How far back a replay looks for deliveries, in real ms (24 h). */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1_000;

/** Where fates send their events (the transport emits them, or holds them while offline). */
export interface FateEvents {
  receipt(event: ReceiptEvent): void;
  message(message: InboundMessage): void;
}

/** A fate step and the epoch ms (real time) it is due. */
export interface TimedStep {
  step: FateStep;
  at: number;
}

/**
 * When each step of a fate is due: the delivery's `sentAt` plus the scaled delays of the
 * steps so far, rounded to whole ms. The same inputs always give the same times, so a
 * replay after a restart lands every step where the first process would have.
 */
export function fateTimeline(steps: FateStep[], sentAt: number, scaled: (simulatedMs: number) => number): TimedStep[] {
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
  private replayed = false;
  private replaying: Promise<void> | null = null;

  constructor(
    private readonly channel: Readonly<SandboxChannel>,
    private readonly ctx: SandboxContext,
    private readonly events: FateEvents,
  ) {}

  /** Plays the fate of a message the network just accepted: every step from a timer. */
  play(delivery: SandboxDelivery, phone: VirtualPhone): void {
    this.schedule(this.fateOf(delivery, phone), 0);
  }

  /**
   * Replays, once per player, the fates of the channel's deliveries accepted in the
   * {@link REPLAY_WINDOW_MS} before `before`, the first time the channel connected in this
   * process (every later delivery is this process's own, and already playing). Steps
   * whose time has passed are emitted at once, in order (a reply is stored at the phone
   * first, under its deterministic id); the others are scheduled as usual. Events an
   * earlier process already emitted are emitted again: Kabar only moves receipts forward
   * and de-duplicates messages by id. A concurrent call shares the running replay; when
   * the store fails, the next call tries again.
   * @throws whatever `listDeliveries` throws
   */
  replay(before: number): Promise<void> {
    if (this.replayed) return Promise.resolve();
    this.replaying ??= this.replayOnce(before).finally(() => {
      this.replaying = null;
    });
    return this.replaying;
  }

  private async replayOnce(before: number): Promise<void> {
    const deliveries = await this.ctx.store.listDeliveries(this.channel.id, before - REPLAY_WINDOW_MS);
    this.replayed = true;
    const now = this.ctx.timers.now();
    for (const delivery of deliveries) {
      if (delivery.at >= before) continue;
      if (this.ctx.timers.isClosed) return;
      const fate = this.fateOf(delivery, this.ctx.behaviourOf(delivery.to));
      const next = fate.steps.findIndex((timed) => timed.at > now);
      for (const timed of next === -1 ? fate.steps : fate.steps.slice(0, next)) await this.run(fate, timed);
      if (next !== -1) this.schedule(fate, next);
    }
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
    if (step.kind !== 'reply') {
      this.events.receipt({ messageId: delivery.messageId, status: step.kind, to: delivery.to, at });
      return;
    }
    const messageId = replyMessageId(this.ctx.seed, this.channel.id, delivery.messageId);
    try {
      await this.ctx.store.recordPhoneMessage({ messageId, from: delivery.to, to: this.channel.phone, text: step.text, at });
    } catch (error) {
      this.ctx.reportError(error);
      return;
    }
    this.events.message({ messageId, from: delivery.to, profileName: phone.name, text: step.text, at });
  }
}
