import { sql } from "drizzle-orm";
import { isDatabaseUnavailable } from "../../db/availability.js";
import type { Db } from "../../db/client.js";
import type { ReceiptStatus } from "../../channels/transport.js";

/** A recipient whose send the network accepted. */
export interface SentOutcome {
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
}

/**
 * Writes send outcomes and receipts of one channel in batches, one flush at a time and in
 * arrival order (outcomes of a flush before its receipts), so a receipt can never be
 * overtaken by the "sent" it follows. Everything queued while a flush runs goes into the
 * next one: under load the batches grow by themselves, idle there is no delay.
 *
 * Receipts only move a state forward (sent → delivered → read) and update both the
 * recipient row and the message row (DESIGN.md §5).
 */
export class OutboxRecorder {
  private sent: SentOutcome[] = [];
  private failed: FailedOutcome[] = [];
  private receipts = new Map<string, Receipt>();
  private flushing: Promise<void> | null = null;
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
    if (!prev || RANK[r.status] > RANK[prev.status]) this.receipts.set(r.messageId, r);
  }

  /**
   * Resolves once every send outcome handed in so far is written (receipts, which keep
   * arriving long after, are not waited for): the dispatcher's completion check uses it.
   */
  outcomesWritten(): Promise<void> {
    if (this.written >= this.queued) return Promise.resolve();
    return new Promise((resolve) => this.outcomeWaiters.push({ target: this.queued, resolve }));
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
    const ids = items.map((i) => i.recipientId);
    const ats = items.map((i) => new Date(i.at).toISOString());
    const networkIds = items.map((i) => i.networkId ?? null);
    // A network id (Cloud API wamid) replaces Kabar's id on the recipient and the message:
    // receipts refer to it. Such networks never get a resend, so the id is free to change.
    const r = await this.db.execute<{ campaign_id: string }>(sql`
      WITH v AS (
        SELECT unnest(${sql.param(ids)}::bigint[]) AS id, unnest(${sql.param(ats)}::timestamptz[]) AS at,
               unnest(${sql.param(networkIds)}::text[]) AS network_id),
      upd AS (
        UPDATE campaign_recipients r SET status = 'sent', sent_at = v.at, failure_code = NULL, failure_reason = NULL,
          message_id = coalesce(v.network_id, r.message_id), updated_at = now()
        FROM v WHERE r.id = v.id AND r.status = 'sending'
        RETURNING r.id),
      src AS (
        SELECT r.*, v.at AS sent_at_v, coalesce(v.network_id, r.message_id) AS ext_id FROM campaign_recipients r JOIN v ON v.id = r.id),
      ins AS (
        INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, media, status, campaign_id, created_at, delivered_at, read_at)
        SELECT s.tenant_id, ${this.channelId}::uuid, s.contact_id, 'out', s.ext_id, s.text, c.media,
               CASE WHEN s.status IN ('delivered', 'read') THEN s.status ELSE 'sent' END,
               s.campaign_id, s.sent_at_v, s.delivered_at, s.read_at
        FROM src s JOIN campaigns c ON c.id = s.campaign_id
        ON CONFLICT (channel_id, external_id) DO NOTHING)
      SELECT DISTINCT campaign_id FROM src`);
    if (this.onOverhead) {
      const now = performance.now();
      this.onOverhead(items.map((i) => now - (i.resolvedAt ?? now)));
    }
    return r.rows.map((x) => x.campaign_id);
  }

  private async writeFailed(items: FailedOutcome[]): Promise<string[]> {
    const payload = JSON.stringify(
      items.map((i) => ({
        id: i.recipientId,
        status: i.status,
        code: i.code,
        reason: i.reason,
        retry_at: i.retryAt ? new Date(i.retryAt).toISOString() : null,
      })),
    );
    const r = await this.db.execute<{ campaign_id: string }>(sql`
      UPDATE campaign_recipients r
      SET status = v.status, failure_code = v.code, failure_reason = v.reason,
          next_attempt_at = coalesce(v.retry_at, r.next_attempt_at), updated_at = now()
      FROM jsonb_to_recordset(${payload}::jsonb) AS v(id bigint, status text, code text, reason text, retry_at timestamptz)
      WHERE r.id = v.id AND r.status = 'sending'
      RETURNING r.campaign_id`);
    return [...new Set(r.rows.map((x) => x.campaign_id))];
  }

  private async writeReceipts(all: Receipt[]): Promise<string[]> {
    const failed = all.filter((i) => i.status === "failed");
    const items = all.filter((i) => i.status !== "failed");
    const touched = failed.length ? await this.writeFailedReceipts(failed) : [];
    if (items.length === 0) return touched;
    const payload = JSON.stringify(
      items.map((i) => ({
        message_id: i.messageId,
        status: i.status,
        rank: RANK[i.status],
        at: new Date(i.at).toISOString(),
      })),
    );
    const r = await this.db.execute<{ campaign_id: string }>(sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS v(message_id text, status text, rank int, at timestamptz)),
      msg AS (
        UPDATE messages m SET
          status = CASE WHEN v.rank > (CASE m.status WHEN 'pending' THEN 0 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 ELSE 9 END) THEN v.status ELSE m.status END,
          delivered_at = CASE WHEN v.rank >= 3 THEN coalesce(m.delivered_at, v.at) ELSE m.delivered_at END,
          read_at = CASE WHEN v.rank >= 4 THEN coalesce(m.read_at, v.at) ELSE m.read_at END
        FROM v WHERE m.channel_id = ${this.channelId}::uuid AND m.external_id = v.message_id AND m.direction = 'out'),
      rcp AS (
        UPDATE campaign_recipients r SET
          status = CASE WHEN v.rank > (CASE old.status WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 ELSE 1 END) THEN v.status ELSE r.status END,
          sent_at = coalesce(r.sent_at, v.at),
          delivered_at = CASE WHEN v.rank >= 3 THEN coalesce(r.delivered_at, v.at) ELSE r.delivered_at END,
          read_at = CASE WHEN v.rank >= 4 THEN coalesce(r.read_at, v.at) ELSE r.read_at END,
          failure_code = NULL, failure_reason = NULL, updated_at = now()
        FROM v, campaign_recipients old
        WHERE old.message_id = v.message_id AND r.id = old.id
          AND old.status IN ('pending', 'unknown', 'sending', 'sent', 'delivered')
        RETURNING r.*, old.status AS was),
      -- A receipt for a recipient that is pending again (a crash cut its send short, and
      -- the receipt came as an offline notification) or unknown proves the message arrived:
      -- it is not sent again, and its message row is written here.
      ins AS (
        INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, media, status, campaign_id, created_at, delivered_at, read_at)
        SELECT x.tenant_id, ${this.channelId}::uuid, x.contact_id, 'out', x.message_id, x.text, c.media, x.status, x.campaign_id, x.sent_at, x.delivered_at, x.read_at
        FROM rcp x JOIN campaigns c ON c.id = x.campaign_id WHERE x.was IN ('pending', 'unknown')
        ON CONFLICT (channel_id, external_id) DO NOTHING)
      SELECT DISTINCT campaign_id FROM rcp`);
    return [...new Set([...touched, ...r.rows.map((x) => x.campaign_id)])];
  }

  /**
   * The network refused a message after accepting it (Cloud API status "failed", with
   * Meta's error code): the recipient fails with that reason, unless it was already
   * delivered or read, and so does the message row.
   */
  private async writeFailedReceipts(items: Receipt[]): Promise<string[]> {
    const payload = JSON.stringify(
      items.map((i) => ({
        message_id: i.messageId,
        code: i.error?.code ?? "failed",
        reason: i.error?.reason ?? "The network could not deliver the message",
      })),
    );
    const r = await this.db.execute<{ campaign_id: string }>(sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS v(message_id text, code text, reason text)),
      msg AS (
        UPDATE messages m SET status = 'failed', error = v.reason
        FROM v WHERE m.channel_id = ${this.channelId}::uuid AND m.external_id = v.message_id AND m.direction = 'out'
          AND m.status IN ('pending', 'sent'))
      UPDATE campaign_recipients r SET status = 'failed', failure_code = v.code, failure_reason = v.reason, updated_at = now()
      FROM v WHERE r.message_id = v.message_id AND r.status IN ('pending', 'unknown', 'sending', 'sent')
      RETURNING r.campaign_id`);
    return [...new Set(r.rows.map((x) => x.campaign_id))];
  }
}

const RANK: Record<ReceiptStatus, number> = { sent: 2, delivered: 3, read: 4, failed: 5 };

/** Wait before writing again after a failed write, ms. */
const RETRY_MS = 1000;

/**
 * Most messages whose receipts wait in memory for an unavailable database, per channel:
 * 100 000 (one entry per message, its furthest state). Past it the oldest are dropped
 * with an error logged.
 */
export const MAX_HELD_RECEIPTS = 100_000;
