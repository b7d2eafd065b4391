/**
 * The outbox recorder's statements (recorder.ts): send outcomes and receipts written in
 * batches. A batch is ONE statement per kind: the recipients and, through the inbox
 * module's statement parts, the messages they become (DESIGN.md §5).
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { applyFailedReceipts, applyReceipts, insertCampaignMessages } from "../../inbox/index.js";

/** A recipient whose send the network accepted, as the recorder writes it. */
interface SentRow {
  recipientId: number;
  /** Epoch ms. */
  at: number;
  /** The network's own id when it differs from Kabar's (Cloud API wamid). */
  networkId?: string;
}

/** A recipient whose send did not go through, as the recorder writes it. */
interface FailedRow {
  recipientId: number;
  status: "pending" | "failed" | "skipped";
  code: string;
  reason: string;
  /** For `pending`: epoch ms of the next attempt. */
  retryAt?: number;
}

/** A receipt that moves a message forward: rank sent 2, delivered 3, read 4. */
export interface ReceiptRow {
  messageId: string;
  status: "sent" | "delivered" | "read";
  rank: number;
  /** Epoch ms. */
  at: number;
  /** Cloud API: Meta's pricing of the message, stored on its recipient. */
  pricing?: { category: string; billable: boolean };
}

/** A receipt of a message the network refused after accepting it. */
export interface FailedReceiptRow {
  messageId: string;
  code: string;
  reason: string;
}

/**
 * Recipients still `sending` become `sent` (a network id replaces Kabar's id: receipts refer
 * to it; such networks never get a resend, so the id is free to change), and each gets its
 * outgoing message row. One statement.
 * @returns the campaign ids of the batch's recipients
 */
export async function recordSentBatch(db: Db, channelId: string, items: SentRow[]): Promise<string[]> {
  const ids = items.map((i) => i.recipientId);
  const ats = items.map((i) => new Date(i.at).toISOString());
  const networkIds = items.map((i) => i.networkId ?? null);
  const r = await db.execute<{ campaign_id: string }>(sql`
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
      ins AS (${insertCampaignMessages(
        channelId,
        sql`(SELECT s.tenant_id, s.contact_id, s.ext_id AS external_id, s.text,
               CASE WHEN s.status IN ('delivered', 'read') THEN s.status ELSE 'sent' END AS status,
               s.campaign_id, s.sent_at_v AS created_at, s.delivered_at, s.read_at FROM src s)`,
      )})
      SELECT DISTINCT campaign_id FROM src`);
  return r.rows.map((x) => x.campaign_id);
}

/**
 * Recipients still `sending` go back to `pending` (with their next attempt), or become
 * `failed` or `skipped`, with the reason. One statement.
 * @returns the distinct campaign ids touched, and how many recipients moved (their message
 *   units are given back in SaaS mode)
 */
export async function recordFailedBatch(
  db: Db | Tx,
  items: FailedRow[],
): Promise<{ campaignIds: string[]; moved: number }> {
  const payload = JSON.stringify(
    items.map((i) => ({
      id: i.recipientId,
      status: i.status,
      code: i.code,
      reason: i.reason,
      retry_at: i.retryAt ? new Date(i.retryAt).toISOString() : null,
    })),
  );
  const r = await db.execute<{ campaign_id: string }>(sql`
      UPDATE campaign_recipients r
      SET status = v.status, failure_code = v.code, failure_reason = v.reason,
          next_attempt_at = coalesce(v.retry_at, r.next_attempt_at), updated_at = now()
      FROM jsonb_to_recordset(${payload}::jsonb) AS v(id bigint, status text, code text, reason text, retry_at timestamptz)
      WHERE r.id = v.id AND r.status = 'sending'
      RETURNING r.campaign_id`);
  return { campaignIds: [...new Set(r.rows.map((x) => x.campaign_id))], moved: r.rows.length };
}

/** An agent's message (not a campaign's) whose status a receipt changed: a `message.status` event. */
export interface AgentStatusChange {
  /** Kabar's id (messages.id). */
  id: string;
  tenantId: string;
  channelId: string;
  contactId: string;
  status: string;
  /** The network's reason of a failure (first 500 characters), else null. */
  error: string | null;
}

/** What a receipt batch touched: its campaigns, and the agents' messages whose status moved. */
export interface ReceiptsWritten {
  campaignIds: string[];
  changed: AgentStatusChange[];
  /**
   * The receipts' network ids that named no message and no recipient of the channel (yet):
   * Meta may post a status before its answer to the send, with the wamid, is recorded.
   */
  unmatched: string[];
  /**
   * Recipients a receipt proved sent while they were `pending` again (a crash requeued them,
   * giving their message unit back): in SaaS mode their unit is taken again.
   */
  revived: number;
}

/** The row a receipt statement answers (see {@link receiptsWritten}). */
type ReceiptsRow = {
  campaign_ids: string[];
  changed: AgentStatusChange[];
  unmatched: string[];
  revived?: number;
};

/**
 * The last SELECT of a receipt statement: over its CTEs `rcp` (recipients) and `msg`
 * (message rows), and its receipts `v`. `unmatched` is read in the statement's snapshot,
 * before its own updates, so a row the statement moved counts as matched.
 */
const receiptsWrittenSelect = (channelId: string, revived = sql`0`) => sql`
      SELECT ARRAY(SELECT DISTINCT campaign_id FROM rcp) AS campaign_ids, ${revived} AS revived,
        coalesce((SELECT json_agg(json_build_object('id', id, 'tenantId', tenant_id, 'channelId', channel_id,
            'contactId', contact_id, 'status', status, 'error', left(error, 500)))
          FROM msg WHERE campaign_id IS NULL AND was IS DISTINCT FROM status), '[]'::json) AS changed,
        ARRAY(SELECT v.message_id FROM v
          WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = ${channelId}::uuid AND m.external_id = v.message_id)
            AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.message_id = v.message_id)) AS unmatched`;

/** Reads a receipt statement's answer. */
function receiptsWritten(rows: ReceiptsRow[]): ReceiptsWritten {
  const r = rows[0];
  return {
    campaignIds: r?.campaign_ids ?? [],
    changed: r?.changed ?? [],
    unmatched: r?.unmatched ?? [],
    revived: Number(r?.revived ?? 0),
  };
}

/**
 * Receipts move the channel's messages and their recipients forward only (sent → delivered
 * → read); a suspected drop ranks as `sent`, so a late delivered or read receipt settles it. A receipt for a recipient that is pending again (a crash cut its send short, and
 * the receipt came as an offline notification) or unknown proves the message arrived: it is
 * not sent again, and its message row is written here. Meta's pricing of the message
 * (category, billable) is kept on the recipient from the first receipt that carries it. One statement.
 * @returns the distinct campaign ids touched, the agents' messages whose status moved, and
 *   the receipts that named nothing of the channel
 */
export async function recordReceiptBatch(
  db: Db | Tx,
  channelId: string,
  items: ReceiptRow[],
): Promise<ReceiptsWritten> {
  const payload = JSON.stringify(
    items.map((i) => ({
      message_id: i.messageId,
      status: i.status,
      rank: i.rank,
      at: new Date(i.at).toISOString(),
      pricing_category: i.pricing?.category ?? null,
      billable: i.pricing?.billable ?? null,
    })),
  );
  const r = await db.execute<ReceiptsRow>(sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS v(message_id text, status text, rank int, at timestamptz, pricing_category text, billable boolean)),
      msg AS (${applyReceipts(channelId, sql.raw("v"))}),
      rcp AS (
        UPDATE campaign_recipients r SET
          status = CASE WHEN v.rank > (CASE old.status WHEN 'sent' THEN 2 WHEN 'suspected_drop' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 ELSE 1 END) THEN v.status ELSE r.status END,
          sent_at = coalesce(r.sent_at, v.at),
          delivered_at = CASE WHEN v.rank >= 3 THEN coalesce(r.delivered_at, v.at) ELSE r.delivered_at END,
          read_at = CASE WHEN v.rank >= 4 THEN coalesce(r.read_at, v.at) ELSE r.read_at END,
          pricing_category = coalesce(v.pricing_category, r.pricing_category),
          billable = coalesce(v.billable, r.billable),
          failure_code = NULL, failure_reason = NULL, updated_at = now()
        FROM v, campaign_recipients old
        WHERE old.message_id = v.message_id AND r.id = old.id
          AND (old.status IN ('pending', 'unknown', 'sending', 'sent', 'suspected_drop', 'delivered')
               OR (old.status = 'read' AND v.pricing_category IS NOT NULL AND old.pricing_category IS NULL))
        RETURNING r.*, old.status AS was),
      ins AS (${insertCampaignMessages(
        channelId,
        sql`(SELECT x.tenant_id, x.contact_id, x.message_id AS external_id, x.text, x.status, x.campaign_id,
               x.sent_at AS created_at, x.delivered_at, x.read_at FROM rcp x WHERE x.was IN ('pending', 'unknown'))`,
      )})
      ${receiptsWrittenSelect(channelId, sql`(SELECT count(*)::int FROM rcp WHERE was = 'pending')`)}`);
  return receiptsWritten(r.rows);
}

/**
 * The network refused messages after accepting them (Cloud API status "failed", with Meta's
 * error code): their recipients fail with that reason (a suspected drop too), unless already delivered or read,
 * and so do the message rows. One statement.
 * @returns the distinct campaign ids touched, the agents' messages that failed, and the
 *   receipts that named nothing of the channel
 */
export async function recordFailedReceiptBatch(
  db: Db | Tx,
  channelId: string,
  items: FailedReceiptRow[],
): Promise<ReceiptsWritten> {
  const payload = JSON.stringify(
    items.map((i) => ({ message_id: i.messageId, code: i.code, reason: i.reason })),
  );
  const r = await db.execute<ReceiptsRow>(sql`
      WITH v AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS v(message_id text, code text, reason text)),
      msg AS (${applyFailedReceipts(channelId, sql.raw("v"))}),
      rcp AS (
        UPDATE campaign_recipients r SET status = 'failed', failure_code = v.code, failure_reason = v.reason, updated_at = now()
        FROM v WHERE r.message_id = v.message_id AND r.status IN ('pending', 'unknown', 'sending', 'sent', 'suspected_drop')
        RETURNING r.campaign_id)
      ${receiptsWrittenSelect(channelId)}`);
  return receiptsWritten(r.rows);
}
