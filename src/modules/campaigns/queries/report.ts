/**
 * The campaign report's reads (report.ts): the campaign's name with its shop's zone and
 * language, and the recipients in keyset pages with their times as the shop's wall clock.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Actor } from "../../../lib/actor.js";
import { channelInScope } from "../../outlets/index.js";
import type { Db } from "../../../db/client.js";
import { campaigns, tenants } from "../../../db/schema/index.js";

/** The tenant's campaign `campaignId` with what its report needs. @returns undefined when the tenant has none such */
export async function campaignReportHeader(
  db: Db,
  actor: Actor,
  campaignId: string,
): Promise<{ name: string; timeZone: string; locale: string } | undefined> {
  const tenantId = actor.tenantId;
  const [c] = await db
    .select({ name: campaigns.name, timeZone: tenants.timeZone, locale: tenants.locale })
    .from(campaigns)
    .innerJoin(tenants, eq(tenants.id, campaigns.tenantId))
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        eq(campaigns.id, campaignId),
        actor.outletIds ? channelInScope(actor, campaigns.channelId) : undefined,
      ),
    );
  return c;
}

/**
 * A recipient of the report as PostgreSQL answers it: the contact's name ('' when none),
 * the times as ISO text of their wall clock in the shop's zone (see `local`), or null.
 */
type ReportRawRow = {
  id: number;
  phone: string;
  name: string;
  /** The name of the number that sends to the recipient. */
  sender: string;
  status: string;
  failureCode: string | null;
  failureReason: string | null;
  /** Why the governor holds this pending recipient back, or null. */
  heldReason: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
};

/**
 * One keyset page of the tenant's campaign's recipients, in recipient id order after
 * recipient id `after`, at most `limit`, times as wall clock in `timeZone`.
 */
export async function reportPage(
  db: Db,
  tenantId: string,
  campaignId: string,
  timeZone: string,
  after: number,
  limit: number,
): Promise<ReportRawRow[]> {
  return (
    await db.execute<ReportRawRow>(sql`
          SELECT r.id, r.phone, coalesce(c.name, '') AS name, ch.name AS sender, r.status,
            r.failure_code AS "failureCode", r.failure_reason AS "failureReason", CASE WHEN r.status = 'pending' THEN r.held_reason END AS "heldReason",
            ${local(sql`r.sent_at`, timeZone)} AS "sentAt", ${local(sql`r.delivered_at`, timeZone)} AS "deliveredAt",
            ${local(sql`r.read_at`, timeZone)} AS "readAt", ${local(sql`r.replied_at`, timeZone)} AS "repliedAt"
          FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id JOIN channels ch ON ch.id = r.channel_id
          WHERE r.tenant_id = ${tenantId} AND r.campaign_id = ${campaignId} AND r.id > ${after}
          ORDER BY r.id LIMIT ${limit}`)
  ).rows;
}

/**
 * `col` as the ISO text of its wall-clock Date in `timeZone`, to the second
 * ("2026-12-06T14:05:30Z" for 07:05:30 UTC in WIB), or null. PostgreSQL converts: one
 * conversion per cell in the database beats Intl in a loop.
 */
function local(col: SQL, timeZone: string): SQL {
  return sql`to_char(${col} AT TIME ZONE ${timeZone}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}
