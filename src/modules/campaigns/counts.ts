import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { RECIPIENT_STATUSES } from "../../db/schema/index.js";
import type { CampaignCounts } from "./schemas.js";

/** Recipient counts per state (and replies) for each campaign id; zeros for a campaign with none. */
export async function countsFor(db: Db, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const out = new Map<string, CampaignCounts>();
  for (const id of campaignIds) {
    out.set(id, {
      total: 0,
      replied: 0,
      ...Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])),
    } as CampaignCounts);
  }
  if (campaignIds.length === 0) return out;
  const rows = await db.execute<{ campaign_id: string; status: string; n: number; replied: number }>(sql`
    SELECT campaign_id, status, count(*)::int AS n, count(replied_at)::int AS replied
    FROM campaign_recipients WHERE campaign_id = ANY(${sql.param(campaignIds)}::uuid[]) GROUP BY campaign_id, status`);
  for (const r of rows.rows) {
    const c = out.get(r.campaign_id)!;
    c[r.status as keyof CampaignCounts] = r.n;
    c.total += r.n;
    c.replied += r.replied;
  }
  return out;
}
