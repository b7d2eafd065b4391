/**
 * The dispatcher's side of the governor (issue 15): reads a WhatsApp Web number's
 * restrictions (before its campaigns send, on the pushed `restrictions` event, and at
 * most every 5 minutes), decides what cold recipients may do (governor.ts), marks the
 * held ones in the database, and tells the shop once per change (`channel.restricted`).
 */
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Bus } from "../../lib/bus.js";
import type { PacingPolicy } from "../../channels/pacing.js";
import type { SenderChannel } from "../../channels/sender.js";
import type { Restrictions, TransportError } from "../../channels/transport.js";
import { type ColdMode, Governor, REREAD_MS, sameMode } from "./governor.js";
import {
  type HeldReason,
  holdColdRecipients,
  releaseColdRecipients,
  requeueRefusedRecipients,
} from "./queries/governor.js";

declare module "../../lib/bus.js" {
  interface BusEvents {
    /**
     * What a WhatsApp Web number's campaigns may send to new chats changed (issue 15):
     * `state` `half_rate` (cap's first warning), a held reason (cold sends stop), or
     * `resumed`; `until` epoch ms when known. Once per change, not per recipient.
     */
    "channel.restricted": {
      tenantId: string;
      channelId: string;
      state: "half_rate" | HeldReason | "resumed";
      until: number | null;
    };
  }
}

/**
 * The least gap between two cold sends under FIRST_WARNING, ms: twice the policy's mean
 * gap (`minDelayMs + maxDelayMs`), at least 1 s, so a number at its first warning starts
 * new chats at half the rate it would (warm recipients keep the policy's own gap).
 */
export function halfRateGapMs(policy: PacingPolicy): number {
  return Math.max(1000, policy.minDelayMs + policy.maxDelayMs);
}

/** What the next claim may take: cold recipients or only warm ones, and at most one cold at a time (`single`). */
interface ColdPermit {
  cold: boolean;
  single: boolean;
}

/** What the gate needs of a claimed recipient. */
interface GatedRecipient {
  id: number;
  warm: boolean;
  /** Attempts including this one. */
  attempts: number;
}

/** A send outcome the gate decides, for the OutboxRecorder. */
interface HeldOutcome {
  recipientId: number;
  status: "pending" | "failed";
  code: string;
  reason: string;
  retryAt?: number;
}

/** One channel's gate on cold sends; see the file's comment. */
export class ColdGate {
  private readonly governor = new Governor();
  /** The mode last written to the database; null until the first (a restart may find stale marks). */
  private applied: ColdMode | null = null;
  /** The running campaigns last marked held (a campaign started meanwhile gets marked too). */
  private markedFor = "";
  private lastColdAt: number | null = null;
  private refusedMessages: string[] = [];
  private readonly onPushed = (r: Restrictions) => {
    this.governor.update(r, this.now());
    this.wake();
  };

  constructor(
    private readonly db: Db,
    private readonly channel: SenderChannel,
    private readonly bus: Bus,
    private readonly log: Logger,
    /** Waits for every send outcome handed to the recorder to be written. */
    private readonly outcomesWritten: () => Promise<void>,
    private readonly wake: () => void,
    /** The governor's clock, epoch ms (tests move it past a cycle's or a lock's end). */
    private readonly now: () => number,
  ) {}

  /** True when the channel's kind tells its restrictions (WhatsApp Web, the sandbox). */
  get governed(): boolean {
    return typeof this.channel.transport.restrictions === "function";
  }

  /** Listens for pushed restrictions. */
  listen(): void {
    if (this.governed) this.channel.transport.on("restrictions", this.onPushed);
  }

  /** Stops listening. */
  unlisten(): void {
    if (this.governed) this.channel.transport.off("restrictions", this.onPushed);
  }

  /** What cold recipients may do now (`open` for an ungoverned channel). */
  mode(): ColdMode {
    return this.governed ? this.governor.mode(this.now()) : { kind: "open" };
  }

  /**
   * Before a claim: reads the restrictions when due, applies a change (marks or releases
   * held recipients, tells the shop), puts late-refused recipients back, and answers what
   * the claim may take. `campaignIds`: the channel's running campaigns.
   */
  async permit(campaignIds: string[], policy: PacingPolicy): Promise<ColdPermit> {
    if (!this.governed) return { cold: true, single: false };
    const now = this.now();
    if (this.governor.due(now)) await this.read(now);
    if (this.refusedMessages.length) await this.requeueRefused();
    const mode = this.governor.mode(now);
    const key = campaignIds.slice().sort().join(",");
    if (
      this.applied === null ||
      !sameMode(mode, this.applied) ||
      (mode.kind === "held" && key !== this.markedFor)
    ) {
      await this.apply(mode, key);
    }
    if (mode.kind === "held") return { cold: false, single: false };
    if (mode.kind === "half") {
      const ok = this.lastColdAt === null || Date.now() >= this.lastColdAt + halfRateGapMs(policy);
      return { cold: ok, single: true };
    }
    return { cold: true, single: false };
  }

  /** A cold recipient was handed to the network (half rate counts from it). */
  coldSent(at: number): void {
    this.lastColdAt = at;
  }

  /**
   * WhatsApp refused the send to `r` with error 463 (`e`): a signal about the number, not
   * the customer. Cold sends stop until the number may reach out again; the recipient
   * goes back to pending, never tried again at once: a cold one waits for the hold to end,
   * a warm one (its chat gone?) for the next read, and fails after `maxAttempts` refusals.
   * @returns the outcome to record
   */
  refused(r: GatedRecipient, e: TransportError, maxAttempts: number): HeldOutcome {
    if (this.governed) this.governor.refuse(this.now());
    const retry = r.warm || !this.governed;
    const failed = retry && r.attempts >= maxAttempts;
    const base = { recipientId: r.id, code: e.code, reason: e.message };
    if (failed) return { ...base, status: "failed" };
    return { ...base, status: "pending", retryAt: Date.now() + (retry ? REREAD_MS : 0) };
  }

  /**
   * The outcome of a cold recipient claimed while cold sends became held (in the same batch
   * as a send WhatsApp refused): back to pending, not sent. Undefined when it may be sent.
   */
  holdBack(r: GatedRecipient): HeldOutcome | undefined {
    if (r.warm || this.mode().kind !== "held") return undefined;
    return {
      recipientId: r.id,
      status: "pending",
      code: "held",
      reason: "New chats from this number are held back for now",
      retryAt: Date.now(),
    };
  }

  /** A failed receipt with error 463 for `messageId`: the recipient goes back to pending, held. */
  refusedLate(messageId: string): void {
    this.governor.refuse(this.now());
    this.refusedMessages.push(messageId);
    this.wake();
  }

  private async read(now: number): Promise<void> {
    try {
      this.governor.update(await this.channel.transport.restrictions!(), now);
    } catch (err) {
      // Not connected, or WhatsApp did not answer: keep what is known, ask again later.
      this.governor.readFailed(now);
      this.log.warn({ err, channelId: this.channel.id }, "reading the number's restrictions failed");
    }
  }

  private async requeueRefused(): Promise<void> {
    const ids = this.refusedMessages.splice(0);
    await this.outcomesWritten();
    const touched = await requeueRefusedRecipients(
      this.db,
      this.channel.id,
      ids,
      "WhatsApp refused a new chat from this number (error 463)",
    );
    this.progress(touched);
  }

  private async apply(mode: ColdMode, key: string): Promise<void> {
    // A recipient just refused (463) is written back to pending before it is marked held.
    await this.outcomesWritten();
    const before = this.applied;
    const changed = before === null || !sameMode(mode, before);
    const touched =
      mode.kind === "held"
        ? await holdColdRecipients(
            this.db,
            this.channel.id,
            mode.reason,
            mode.until === null ? null : new Date(mode.until),
          )
        : before === null || before.kind === "held"
          ? await releaseColdRecipients(this.db, this.channel.id)
          : [];
    this.markedFor = mode.kind === "held" ? key : "";
    this.applied = mode;
    this.progress(touched);
    if (!changed) return;
    const state = mode.kind === "held" ? mode.reason : mode.kind === "half" ? "half_rate" : "resumed";
    // A first read that finds nothing wrong tells nothing (after a restart: nothing new).
    if (state === "resumed" && (before === null || before.kind === "open")) return;
    this.log.warn(
      { channelId: this.channel.id, state, until: "until" in mode ? mode.until : null },
      "new chats restricted",
    );
    this.bus.emit("channel.restricted", {
      tenantId: this.channel.tenantId,
      channelId: this.channel.id,
      state,
      until: mode.kind === "open" ? null : mode.until,
    });
  }

  private progress(campaignIds: string[]): void {
    for (const campaignId of campaignIds)
      this.bus.emit("campaign.progress", { tenantId: this.channel.tenantId, campaignId });
  }
}
