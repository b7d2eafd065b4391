/**
 * The delivery ledger's statement (jobs/suspect-drops.ts): `sent` recipients with no
 * delivery receipt past their channel kind's window become `suspected_drop` (failure code
 * `suspected_drop`, so the screen and the report explain it; a receipt clears it).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";

/** Campaigns whose recipients the sweep marked, with how many, per tenant. */
export interface MarkedDrops {
  tenantId: string;
  campaignId: string;
  marked: number;
}

/**
 * Marks every `sent` recipient whose `sent_at` is older than `now` minus the window of its
 * number's kind (the recipient's channel) as `suspected_drop`. One set-based statement; it reads the
 * partial index `campaign_recipients_sent_idx` (sent_at WHERE status = 'sent') up to the
 * shortest window, then checks each row's own kind. A receipt racing it wins either way
 * (the row is re-checked under its lock: only a row still `sent` is marked).
 * @param windowsMs window per channel kind, ms (every kind present)
 * @returns the campaigns touched, each with its tenant and count
 */
export async function markSuspectedDrops(
  db: Db,
  windowsMs: Record<string, number>,
  now: Date,
): Promise<MarkedDrops[]> {
  const kinds = Object.keys(windowsMs);
  const ms = kinds.map((k) => windowsMs[k]!);
  const shortest = Math.min(...ms);
  const r = await db.execute<{ tenant_id: string; campaign_id: string; n: number }>(sql`
      WITH w AS (SELECT unnest(${sql.param(kinds)}::text[]) AS kind, unnest(${sql.param(ms)}::bigint[]) AS ms),
      upd AS (
        UPDATE campaign_recipients r SET status = 'suspected_drop', failure_code = 'suspected_drop',
          failure_reason = 'Accepted by the WhatsApp server but no delivery receipt within ' || (w.ms / 60000) || ' minutes', updated_at = now()
        FROM channels ch JOIN w ON w.kind = ch.kind
        WHERE r.status = 'sent' AND r.sent_at < ${now.toISOString()}::timestamptz - make_interval(secs => ${shortest / 1000})
          AND ch.id = r.channel_id
          AND r.sent_at < ${now.toISOString()}::timestamptz - make_interval(secs => w.ms / 1000.0)
        RETURNING r.tenant_id, r.campaign_id)
      SELECT tenant_id, campaign_id, count(*)::int AS n FROM upd GROUP BY tenant_id, campaign_id`);
  return r.rows.map((x) => ({ tenantId: x.tenant_id, campaignId: x.campaign_id, marked: x.n }));
}
