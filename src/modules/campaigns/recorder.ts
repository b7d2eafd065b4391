import { isDatabaseUnavailable } from "../../db/availability.js";
import type { Db, Tx } from "../../db/client.js";
import type { EventHook } from "../../db/event-hooks.js";
import { rawExecutor } from "../../db/transaction.js";
import type { ReceiptPricing, ReceiptStatus } from "../../channels/transport.js";
import { giveBackUnits, takeUnitsUpTo } from "../billing/index.js";
import {
  type FailedReceiptRow,
  type ReceiptRow,
  type ReceiptsWritten,
  recordFailedBatch,
  recordFailedReceiptBatch,
  recordReceiptBatch,
  recordSentBatch,
} from "./queries/recorder.js";

/** A recipient whose send the network accepted. */
interface SentOutcome {
  recipientId: number;
  /** Epoch ms. */
  at: number;
  /** performance.now() when send() resolved; only set when overhead is measured. */
  resolvedAt?: number;
  /** The network's own id when it differs from Kabar's (Cloud API wamid): receipts use it. */
  networkId?: string;
}

/** A recipient whose send did not go through: back to pending later, failed, or skipped. */
export interface FailedOutcome {
  recipientId: number;
  status: "pending" | "failed" | "skipped";
  code: string;
  reason: string;
  /** For `pending`: epoch ms of the next attempt. */
  retryAt?: number;
}

interface Receipt {
  messageId: string;
  status: ReceiptStatus;
  at: number;
  error?: { code: string; reason: string };
  /** Cloud API: Meta's pricing of the message (stored on the recipient). */
  pricing?: ReceiptPricing;
}

/**
 * Writes send outcomes and receipts of one channel in batches, one flush at a time and in
 * arrival order (outcomes of a flush before its receipts), so a receipt can never be
 * overtaken by the "sent" it follows. Everything queued while a flush runs goes into the
 * next one: under load the batches grow by themselves, idle there is no delay.
 *
 * Receipts only move a state forward (sent → delivered → read) and update both the
 * recipient row and the message row (DESIGN.md §5). The statements are in
 * queries/recorder.ts: one per batch and kind (sent, failed, failed receipts, receipts).
 */
export class OutboxRecorder {
  private sent: SentOutcome[] = [];
  private failed: FailedOutcome[] = [];
  private receipts = new Map<string, Receipt>();
  private flushing: Promise<void> | null = null;
  /** Receipts that named no message yet: network id → how often written so far. */
  private strayTries = new Map<string, number>();
  private strayTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];
  /** Outcomes (sent + failed) handed in, and written so far. */
  private queued = 0;
  private written = 0;
  private outcomeWaiters: Array<{ target: number; resolve: () => void }> = [];

  constructor(
    private readonly db: Db,
    private readonly channelId: string,
    /** Called after each flush with the campaign ids whose recipients changed. */
    private readonly onFlushed: (campaignIds: Set<string>) => void,
    private readonly onError: (err: unknown) => void,
    /** Benchmark hook: ms from send() resolving to the "sent" outcome committed, per message. */
    private readonly onOverhead?: (ms: number[]) => void,
    /** Called in each receipt batch's transaction with the agents' messages whose status moved. */
    private readonly events?: EventHook,
    /**
     * SaaS mode: the channel's shop, whose message units the recipients recorded as not sent
     * give back (one `giveBackUnits` per batch, in the batch's transaction). Absent: unmetered.
     */
    private readonly meteredTenantId?: string,
  ) {}

  recordSent(o: SentOutcome): void {
    this.queued++;
    this.sent.push(o);
    this.kick();
  }

  recordFailed(o: FailedOutcome): void {
    this.queued++;
    this.failed.push(o);
    this.kick();
  }

  recordReceipt(r: Receipt): void {
    this.recordReceiptQuietly(r);
    this.kick();
  }

  /** Queues a receipt, keeping only the furthest state per message. */
  private recordReceiptQuietly(r: Receipt): void {
    const prev = this.receipts.get(r.messageId);
    const pricing = r.pricing ?? prev?.pricing;
    if (!prev || RANK[r.status] > RANK[prev.status])
      this.receipts.set(r.messageId, pricing ? { ...r, pricing } : r);
    else if (pricing && !prev.pricing) this.receipts.set(r.messageId, { ...prev, pricing });
  }

  /**
   * Resolves once every send outcome handed in so far is written (receipts, which keep
   * arriving long after, are not waited for): the dispatcher's completion check uses it.
   */
  outcomesWritten(): Promise<void> {
    if (this.written >= this.queued) return Promise.resolve();
    return new Promise((resolve) => this.outcomeWaiters.push({ target: this.queued, resolve }));
  }

  /** Forgets the receipts still waiting for their message (the channel's dispatcher stops). */
  dropStrays(): void {
    for (const t of this.strayTimers) clearTimeout(t);
    this.strayTimers.clear();
    this.strayTries.clear();
  }

  /**
   * Receipts whose network id named no message and no recipient: the id may not be written
   * yet (Meta can post a status before Kabar has recorded the wamid its send answered, and a
   * scaled sandbox clock does it often), so each is written again after STRAY_RETRY_MS[n]
   * and given up after the last (a message Kabar never sent, e.g. one sent from the phone).
   */
  private holdStrays(receipts: Receipt[], unmatched: string[]): void {
    const stray = new Set(unmatched);
    for (const r of receipts) if (!stray.has(r.messageId)) this.strayTries.delete(r.messageId);
    const byDelay = new Map<number, Receipt[]>();
    for (const r of receipts) {
      if (!stray.has(r.messageId)) continue;
      const tries = this.strayTries.get(r.messageId) ?? 0;
      const delay = STRAY_RETRY_MS[tries];
      if (delay === undefined) {
        this.strayTries.delete(r.messageId);
        continue;
      }
      this.strayTries.set(r.messageId, tries + 1);
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), r]);
    }
    for (const [delay, again] of byDelay) {
      const t = setTimeout(() => {
        this.strayTimers.delete(t);
        for (const r of again) this.recordReceiptQuietly(r);
        this.kick();
      }, delay);
      t.unref();
      this.strayTimers.add(t);
    }
  }

  /** Resolves once everything queued so far (receipts too) is written. */
  idle(): Promise<void> {
    if (!this.flushing && this.pending() === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private pending(): number {
    return this.sent.length + this.failed.length + this.receipts.size;
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      while (this.pending() > 0) {
        const [sent, failed, receipts] = [this.sent, this.failed, [...this.receipts.values()]];
        this.sent = [];
        this.failed = [];
        this.receipts = new Map();
        const touched = new Set<string>();
        try {
          if (sent.length) for (const id of await this.writeSent(sent)) touched.add(id);
          if (failed.length) for (const id of await this.writeFailed(failed)) touched.add(id);
          this.written += sent.length + failed.length;
          this.outcomeWaiters = this.outcomeWaiters.filter((w) => {
            if (w.target > this.written) return true;
            w.resolve();
            return false;
          });
        } catch (err) {
          // The database is unreachable or failing: keep the outcomes and try again shortly
          // (each write is idempotent: it only moves rows still in "sending").
          this.onError(err);
          this.sent.unshift(...sent);
          this.failed.unshift(...failed);
          for (const r of receipts) this.recordReceiptQuietly(r);
          await new Promise((r) => setTimeout(r, RETRY_MS));
          continue;
        }
        try {
          if (receipts.length) for (const id of await this.writeReceipts(receipts)) touched.add(id);
        } catch (err) {
          this.onError(err);
          if (isDatabaseUnavailable(err)) {
            // The database is away: the receipts wait (the write is idempotent: a state only
            // moves forward), at most MAX_HELD_RECEIPTS messages, oldest given up past that.
            const newer = this.receipts;
            this.receipts = new Map();
            for (const r of receipts) this.recordReceiptQuietly(r);
            for (const r of newer.values()) this.recordReceiptQuietly(r);
            const excess = this.receipts.size - MAX_HELD_RECEIPTS;
            if (excess > 0) {
              for (const key of [...this.receipts.keys()].slice(0, excess)) this.receipts.delete(key);
              this.onError(
                new Error(
                  `${excess} receipts waiting for the database were dropped (more than ${MAX_HELD_RECEIPTS} waiting)`,
                ),
              );
            }
            if (touched.size) this.onFlushed(touched);
            await new Promise((r) => setTimeout(r, RETRY_MS));
            continue;
          }
          // Any other failure: receipts are best effort; the next one for a message carries its state.
        }
        if (touched.size) this.onFlushed(touched);
      }
      this.flushing = null;
      for (const w of this.idleWaiters.splice(0)) w();
    })();
  }

  private async writeSent(items: SentOutcome[]): Promise<string[]> {
    const campaignIds = await recordSentBatch(this.db, this.channelId, items);
    if (this.onOverhead) {
      const now = performance.now();
      this.onOverhead(items.map((i) => now - (i.resolvedAt ?? now)));
    }
    return campaignIds;
  }

  /** Writes not-sent outcomes; metered, their units go back in the same transaction. */
  private async writeFailed(items: FailedOutcome[]): Promise<string[]> {
    const tenantId = this.meteredTenantId;
    if (!tenantId) return (await recordFailedBatch(this.db, items)).campaignIds;
    return this.db.transaction(async (tx) => {
      const { campaignIds, moved } = await recordFailedBatch(tx, items);
      await giveBackUnits(tx, tenantId, moved);
      return campaignIds;
    });
  }

  /** Failed receipts first, then the others; each kind is one statement. */
  private async writeReceipts(all: Receipt[]): Promise<string[]> {
    const failed: FailedReceiptRow[] = [];
    const forward: ReceiptRow[] = [];
    for (const i of all) {
      if (i.status === "failed") {
        failed.push({
          messageId: i.messageId,
          code: i.error?.code ?? "failed",
          reason: i.error?.reason ?? "The network could not deliver the message",
        });
      } else
        forward.push({
          messageId: i.messageId,
          status: i.status,
          rank: RANK[i.status],
          at: i.at,
          ...(i.pricing ? { pricing: i.pricing } : {}),
        });
    }
    const hook = this.events;
    const write = async (db: Db | Tx) => {
      const none: ReceiptsWritten = { campaignIds: [], changed: [], unmatched: [], revived: 0 };
      const a = failed.length ? await recordFailedReceiptBatch(db, this.channelId, failed) : none;
      const b = forward.length ? await recordReceiptBatch(db, this.channelId, forward) : none;
      // Metered: a requeued recipient (its unit given back) that a receipt proves sent takes it again.
      if (this.meteredTenantId && b.revived > 0) await takeUnitsUpTo(db, this.meteredTenantId, b.revived);
      this.holdStrays(all, [...a.unmatched, ...b.unmatched]);
      return {
        campaignIds: [...new Set([...a.campaignIds, ...b.campaignIds])],
        changed: [...a.changed, ...b.changed],
      };
    };
    if (!hook && !this.meteredTenantId) return (await write(this.db)).campaignIds;
    // The agents' messages whose status moved are `message.status` events, recorded (by the
    // hook: outgoing webhooks) in the batch's own transaction.
    return this.db.transaction(async (tx) => {
      const written = await write(tx);
      if (hook && written.changed.length > 0)
        await hook(
          tx,
          rawExecutor(tx),
          written.changed.map((m) => ({
            name: "message.status" as const,
            payload: {
              tenantId: m.tenantId,
              channelId: m.channelId,
              contactId: m.contactId,
              messageId: m.id,
              status: m.status,
              error: m.error,
            },
          })),
        );
      return written.campaignIds;
    });
  }
}

const RANK: Record<ReceiptStatus, number> = { sent: 2, delivered: 3, read: 4, failed: 5 };

/**
 * Waits before writing a receipt that named no message again, ms, one per try: about 36 s
 * in all, far past any answer to a send, then it is given up.
 */
const STRAY_RETRY_MS = [100, 400, 1_500, 5_000, 10_000, 20_000];

/** Wait before writing again after a failed write, ms. */
const RETRY_MS = 1000;

/**
 * Most messages whose receipts wait in memory for an unavailable database, per channel:
 * 100 000 (one entry per message, its furthest state). Past it the oldest are dropped
 * with an error logged.
 */
const MAX_HELD_RECEIPTS = 100_000;
