/** The statement behind a campaign's actual Meta cost (actual-cost.ts). */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";

/**
 * The campaign's recipients Meta billed (status webhook `pricing.billable`), counted by
 * Meta's pricing category and the first 4 digits of their E.164 phone (enough for every
 * country calling code: what the rate table is read by). Tenant-scoped.
 */
export async function billedRecipients(
  db: Db,
  tenantId: string,
  campaignId: string,
): Promise<Array<{ category: string; prefix: string; n: number }>> {
  return (
    await db.execute<{ category: string; prefix: string; n: number }>(sql`
      SELECT pricing_category AS category, substr(ltrim(phone, '+'), 1, 4) AS prefix, count(*)::int AS n
      FROM campaign_recipients
      WHERE tenant_id = ${tenantId} AND campaign_id = ${campaignId} AND billable AND pricing_category IS NOT NULL
      GROUP BY 1, 2`)
  ).rows;
}
