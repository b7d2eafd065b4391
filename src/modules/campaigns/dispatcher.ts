import type { Logger } from "pino";
import type { Db, Tx } from "../../db/client.js";
import type { EventHook } from "../../db/event-hooks.js";
import type { Bus } from "../../lib/bus.js";
import {
  nextSendAt,
  recordFailedSend,
  recordSend,
  shouldPause,
  typingDurationMs,
  type PacingPolicy,
  type PacingState,
} from "../../channels/pacing.js";
import type { ReceiptEvent } from "../../channels/transport.js";
import { recentSendTimes } from "../inbox/index.js";
import { finishCampaigns } from "./finish.js";
import { OutboxRecorder } from "./recorder.js";
import { ColdGate } from "./cold-gate.js";
import type { ChannelSender, SenderChannel } from "../../channels/sender.js";
import {
  asTransportError,
  failedSend,
  outgoingOf,
  type RunningCampaign,
  transportMediaOrError,
} from "./send-outcome.js";
import {
  claimRecipients,
  markSendingUnknown,
  pauseRunningCampaigns,
  requeueSendingRecipients,
  runningCampaignsOfChannel,
  type ClaimedRecipient,
} from "./queries/dispatch.js";
import { takeoverFor } from "./takeover.js";
import { claimWithUnits, requeueWithUnits } from "./metering.js";

/** Knobs of a dispatcher (tests and benchmarks shorten its waits). */
export interface DispatcherOptions {
  /** Base of the exponential retry backoff for retryable errors, ms (default 30 s). */
  retryBaseMs?: number;
  /** Attempts before a retryable error fails the recipient (default 5). */
  maxAttempts?: number;
  /** How often an idle dispatcher looks for work without being woken, ms (default 2 s). */
  idleMs?: number;
  /** Benchmark hook: ms from send() resolving to the outcome committed, per message. */
  onOverhead?: (ms: number[]) => void;
  rand?: () => number;
  /** The governor's clock, epoch ms (default Date.now; tests move it past a cycle's or a lock's end). */
  now?: () => number;
  /**
   * Called in the transaction that finishes a campaign (`campaign.status`) and in the one
   * that writes a batch of receipts of agents' messages (`message.status`): outgoing
   * webhooks, passed in by the composition root.
   */
  events?: EventHook;
  /**
   * SaaS mode (KABAR_MODE=saas, from the composition root): claims take message units
   * (metering.ts) and outcomes not sent give them back. Single mode: false, nothing asked.
   */
  metered?: boolean;
  /** Test hook: the dispatcher of `channelId` found nothing to send and sleeps (one idle turn). */
  onIdle?: (channelId: string) => void;
}

type Claimed = ClaimedRecipient;

const CLAIM_BATCH = 500;

/**
 * Sends the recipients of one channel in the running campaigns whose pool has it (DESIGN.md
 * §5): claims its due recipients — and those a stopped or capped number of the pool hands
 * over (takeover.ts) — with FOR UPDATE SKIP LOCKED (marking them `sending` before anything
 * leaves), asks the pacing policy when the next send may happen, sends with the recipient's
 * stable message id, and hands outcomes to the OutboxRecorder. Pauses the channel's campaigns
 * on a ban / logout signal (unless another number of the pool is connected) or after N
 * consecutive failures. On a WhatsApp Web number, the
 * governor (cold-gate.ts) slows or holds sends to cold recipients (new chats) while
 * WhatsApp's new-chat cap, a reach-out timelock or error 463 says so; warm ones go on.
 */
export class Dispatcher implements ChannelSender {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private running: Promise<void> | null = null;
  private pacing: PacingState;
  readonly recorder: OutboxRecorder;
  private readonly rand: () => number;
  private readonly gate: ColdGate;

  constructor(
    private readonly db: Db,
    private readonly channel: SenderChannel,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly opts: DispatcherOptions = {},
  ) {
    this.rand = opts.rand ?? Math.random;
    this.pacing = { channelCreatedAt: channel.createdAt.getTime(), sentAt: [], consecutiveFailures: 0 };
    this.recorder = new OutboxRecorder(
      db,
      channel.id,
      (ids) => {
        for (const campaignId of ids)
          this.bus.emit("campaign.progress", { tenantId: channel.tenantId, campaignId });
      },
      (err) => this.log.error({ err, channelId: channel.id }, "recording send outcomes failed"),
      opts.onOverhead,
      opts.events,
      opts.metered ? channel.tenantId : undefined,
    );
    this.gate = new ColdGate(
      db,
      channel,
      bus,
      log,
      () => this.recorder.outcomesWritten(),
      () => this.wake(),
      opts.now ?? Date.now,
    );
  }

  /** Starts the loop (recovering recipients a crash left in `sending` first). */
  start(): void {
    if (!this.running) this.gate.listen();
    this.running ??= this.loop().catch((err) =>
      this.log.error({ err, channelId: this.channel.id }, "dispatcher stopped on error"),
    );
  }

  /** Stops after the current send; resolves when outcomes are written. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    this.gate.unlisten();
    this.recorder.dropStrays();
    await this.recorder.idle();
  }

  /** Wakes an idle or waiting dispatcher (new campaign, resume, reconnect, pause). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Routes a transport receipt to the recorder. A "sent" receipt (the server's ack) is
   * dropped: the dispatcher records "sent" itself when send() resolves, which is the same
   * event (Baileys status 2, the sandbox's ack), so writing it twice would only cost time.
   */
  onReceipt(r: ReceiptEvent): void {
    if (r.status === "sent") return;
    // A new chat accepted, then refused (463): back to pending, held; cold sends stop.
    if (r.status === "failed" && r.error?.code === "reachout_locked" && this.gate.governed) {
      this.gate.refusedLate(r.messageId);
      return;
    }
    this.recorder.recordReceipt(r);
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const t = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        this.woken = false;
        done();
      };
    });
  }

  /**
   * Runs until stopped. A database error (a blip, a failover) does not end it: the step is
   * logged and tried again after a growing pause (1 s doubling to 30 s); claimed
   * recipients stay "sending" and are recovered like after a crash if it never recovers.
   */
  private async loop(): Promise<void> {
    let failures = 0;
    let ready = false;
    while (!this.stopped) {
      try {
        if (!ready) {
          await this.recoverInFlight();
          await this.loadRecentSends();
          ready = true;
        }
        await this.step();
        failures = 0;
      } catch (err) {
        failures++;
        this.log.error({ err, channelId: this.channel.id, failures }, "dispatcher step failed; trying again");
        await this.sleep(Math.min(30_000, 1000 * 2 ** (failures - 1)));
      }
    }
  }

  /** One turn of the loop: wait, or claim and send one batch. */
  private async step(): Promise<void> {
    const idle = this.opts.idleMs ?? 2000;
    if (this.channel.status() !== "connected") {
      await this.sleep(idle);
      return;
    }
    const campaigns = await this.runningCampaigns();
    if (campaigns.size === 0) {
      this.opts.onIdle?.(this.channel.id);
      await this.sleep(idle);
      return;
    }
    const policy = this.channel.policy();
    const permit = await this.gate.permit([...campaigns.keys()], policy);
    const paced = policy.concurrency <= 1;
    if (paced) {
      const next = nextSendAt(policy, this.pacing, Date.now(), this.channel.timeZone, this.rand);
      if (next.at > Date.now()) {
        await this.sleep(next.at - Date.now());
        return;
      }
    }
    // Under the cap's first warning a batch takes one recipient, so a cold one is sent alone.
    const limit = paced || permit.single ? 1 : CLAIM_BATCH;
    const takeover = await takeoverFor(this.db, this.channel, campaigns, (this.opts.now ?? Date.now)());
    const claim = (db: Db | Tx, n: number) =>
      claimRecipients(db, this.channel.id, [...campaigns.keys()], n, permit.cold, takeover);
    const batch = this.opts.metered ? await this.claimMetered(limit, claim) : await claim(this.db, limit);
    if (batch.length === 0) {
      await this.recorder.outcomesWritten();
      await this.completeFinished([...campaigns.keys()]);
      this.opts.onIdle?.(this.channel.id);
      await this.sleep(idle);
      return;
    }
    await this.sendAll(batch, campaigns, policy);
  }

  private async sendAll(
    batch: Claimed[],
    campaigns: Map<string, RunningCampaign>,
    policy: PacingPolicy,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const r = batch[next++]!;
        if (this.stopped || this.channel.status() !== "connected") {
          this.recorder.recordFailed({
            recipientId: r.id,
            status: "pending",
            code: "interrupted",
            reason: "Sending was interrupted",
            retryAt: Date.now(),
          });
          continue;
        }
        // Claimed in the same batch as a send WhatsApp just refused (463): not sent now.
        const held = this.gate.holdBack(r);
        if (held) {
          this.recorder.recordFailed(held);
          continue;
        }
        await this.sendOne(
          r,
          campaigns.get(r.campaign_id) ?? { media: null, waTemplate: null, poolSize: 1 },
          policy,
        );
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(Math.max(1, policy.concurrency), batch.length) }, worker),
    );
  }

  private async sendOne(r: Claimed, campaign: RunningCampaign, policy: PacingPolicy): Promise<void> {
    const { transport } = this.channel;
    try {
      const outgoing = outgoingOf(r, campaign, this.channel.kind);
      if (policy.typing && transport.setTyping) {
        await transport.setTyping(r.phone, true);
        await new Promise((res) => setTimeout(res, typingDurationMs(policy, this.rand)));
      }
      const result = await transport.send(r.phone, outgoing, { messageId: r.message_id });
      this.pacing = recordSend(this.pacing, Date.now());
      this.pacing.consecutiveFailures = 0;
      // A recipient taken over from another number is a new chat here, whatever it was there.
      if (!r.warm || r.taken) this.gate.coldSent(Date.now());
      this.recorder.recordSent({
        recipientId: r.id,
        at: result.at,
        networkId: result.messageId !== r.message_id ? result.messageId : undefined,
        resolvedAt: this.opts.onOverhead ? performance.now() : undefined,
      });
    } catch (err) {
      // A sent message ends "typing…" by itself; a failed one must end it explicitly.
      if (policy.typing) await transport.setTyping?.(r.phone, false).catch(() => {});
      await this.onSendError(r, err, policy);
    }
  }

  /** SaaS mode: claims within the shop's units left; none left pauses its campaigns (`quota_exhausted`). */
  private async claimMetered(
    limit: number,
    claim: (db: Db | Tx, n: number) => Promise<Claimed[]>,
  ): Promise<Claimed[]> {
    const { batch, paused } = await claimWithUnits(this.db, this.channel.tenantId, limit, claim);
    for (const id of paused) {
      this.log.warn({ campaignId: id, reason: "quota_exhausted" }, "campaign paused");
      this.bus.emit("campaign.status", {
        tenantId: this.channel.tenantId,
        campaignId: id,
        status: "paused",
        reason: "quota_exhausted",
      });
    }
    return batch;
  }

  private retry() {
    return { maxAttempts: this.opts.maxAttempts ?? 5, retryBaseMs: this.opts.retryBaseMs ?? 30_000 };
  }

  private async onSendError(r: Claimed, err: unknown, policy: PacingPolicy): Promise<void> {
    const e = asTransportError(err);
    // A failed attempt keeps the policy's gap before the next send, and a rate-limit
    // answer stretches it (pacing.ts, rateLimitedGapMs): failing never speeds sending up.
    this.pacing = recordFailedSend(this.pacing, Date.now(), e.code === "rate_limited");
    if (e.code === "reachout_locked") {
      this.recorder.recordFailed(this.gate.refused(r, e, this.opts.maxAttempts ?? 5));
      return;
    }
    if (e.stopChannel) {
      this.recorder.recordFailed({
        recipientId: r.id,
        status: "pending",
        code: e.code,
        reason: e.message,
        retryAt: Date.now(),
      });
      await this.pauseCampaigns(e.code === "banned" ? "channel_blocked" : "channel_logged_out");
      return;
    }
    if (e.code === "not_on_whatsapp") {
      this.recorder.recordFailed(failedSend(r, e, this.retry(), this.rand, Date.now()));
      return;
    }
    // A message refused for the customer's own reason (outside the 24-hour window) says
    // nothing about the number's health: it does not count towards pausing the channel.
    if (e.code !== "outside_window") this.pacing.consecutiveFailures++;
    this.recorder.recordFailed(failedSend(r, e, this.retry(), this.rand, Date.now()));
    if (shouldPause(policy, this.pacing)) {
      this.pacing.consecutiveFailures = 0;
      await this.pauseCampaigns("too_many_failures");
    }
  }

  /**
   * Pauses the running campaigns of the channel, saying why; a campaign with another
   * connected number in its pool goes on (that number takes this one's recipients over),
   * except after too many failures in a row (something is wrong with the message itself).
   */
  async pauseCampaigns(reason: string): Promise<void> {
    const paused = await pauseRunningCampaigns(
      this.db,
      this.channel.id,
      reason,
      reason === "too_many_failures",
    );
    for (const id of paused) {
      this.log.warn({ campaignId: id, reason }, "campaign paused");
      this.bus.emit("campaign.status", {
        tenantId: this.channel.tenantId,
        campaignId: id,
        status: "paused",
        reason,
      });
    }
  }

  private async recoverInFlight(): Promise<void> {
    // Metered: a requeued recipient gives its unit back (it is claimed again); one marked
    // unknown keeps it (its message may have left).
    const n = this.channel.dedupes
      ? this.opts.metered
        ? await requeueWithUnits(this.db, this.channel.tenantId, this.channel.id)
        : await requeueSendingRecipients(this.db, this.channel.id)
      : await markSendingUnknown(this.db, this.channel.id);
    if (n)
      this.log.warn(
        { channelId: this.channel.id, recipients: n },
        "recovered recipients left in sending by a previous run",
      );
  }

  private async loadRecentSends(): Promise<void> {
    for (const at of await recentSendTimes(this.db, this.channel.id))
      this.pacing = recordSend(this.pacing, at);
  }

  private async runningCampaigns(): Promise<Map<string, RunningCampaign>> {
    const rows = await runningCampaignsOfChannel(this.db, this.channel.id);
    return new Map(
      rows.map((c) => [
        c.id,
        {
          media: c.media ? transportMediaOrError(c.media, c.media_path) : null,
          waTemplate: c.wa_template,
          poolSize: c.pool_size,
        },
      ]),
    );
  }

  /** Finishes the campaigns done sending (finish.ts) and announces each on the bus. */
  private async completeFinished(campaignIds: string[]): Promise<void> {
    const finished = await finishCampaigns(this.db, this.channel.tenantId, campaignIds, this.opts.events);
    for (const status of finished) this.bus.emit("campaign.status", status);
  }
}
