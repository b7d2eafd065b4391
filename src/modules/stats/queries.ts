/**
 * The dashboard's read (the stats module owns no table): per-day counts of campaign
 * recipients' events and contacts' opt-outs, days being calendar days in the shop's zone.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { campaignRecipients, contacts } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { channelInScope, contactInScope } from "../outlets/index.js";
import type { DayCounts } from "./schemas.js";

/** The kinds of event counted per day, in the order of `DayCounts`. */
export const DAY_COUNT_KINDS = [
  "sent",
  "delivered",
  "read",
  "failed",
  "replied",
  "optOuts",
  "suspectedDrops",
] as const;

/**
 * The events of the viewer's outlets (issue 13: recipients sent from their numbers,
 * opt-outs of their contacts; the whole shop for an actor of every outlet) per calendar day in `tz` for the `days` days up to the day of `now`
 * (epoch ms; today included, oldest first, days without events at 0): sent / delivered /
 * read / replied from the campaign recipients' times, failed from the time a recipient
 * failed, suspected drops (recipients still `suspected_drop`) from their sent time, opt-outs
 * from the contacts' opt-out time. `date` is "YYYY-MM-DD".
 */
export async function eventsPerDay(
  db: Db,
  viewer: Actor,
  tz: string,
  days: number,
  now: number,
): Promise<Array<{ date: string } & DayCounts>> {
  const tid = viewer.tenantId;
  // Recipients sent from the viewer's numbers; opt-outs of the viewer's contacts (TRUE for every outlet).
  const tidR = sql`${tid} AND ${channelInScope(viewer, campaignRecipients.channelId)}`;
  const tidC = sql`${tid} AND ${contactInScope(viewer, contacts.id, contacts.homeOutletId)}`;
  const r = await db.execute<{ date: string } & DayCounts>(sql`
        WITH bounds AS (
          SELECT (to_timestamp(${now / 1000}) AT TIME ZONE ${tz})::date AS today
        ), span AS (
          SELECT today - ${days - 1}::int AS first_day, today FROM bounds
        ), since AS (
          SELECT (first_day::timestamp AT TIME ZONE ${tz}) AS at FROM span
        ), events AS (
          SELECT 'sent' AS kind, sent_at AS at FROM campaign_recipients WHERE tenant_id = ${tidR} AND sent_at >= (SELECT at FROM since)
          UNION ALL SELECT 'delivered', delivered_at FROM campaign_recipients WHERE tenant_id = ${tidR} AND delivered_at >= (SELECT at FROM since)
          UNION ALL SELECT 'read', read_at FROM campaign_recipients WHERE tenant_id = ${tidR} AND read_at >= (SELECT at FROM since)
          UNION ALL SELECT 'replied', replied_at FROM campaign_recipients WHERE tenant_id = ${tidR} AND replied_at >= (SELECT at FROM since)
          UNION ALL SELECT 'failed', updated_at FROM campaign_recipients WHERE tenant_id = ${tidR} AND status = 'failed' AND updated_at >= (SELECT at FROM since)
          UNION ALL SELECT 'suspectedDrops', sent_at FROM campaign_recipients WHERE tenant_id = ${tidR} AND status = 'suspected_drop' AND sent_at >= (SELECT at FROM since)
          UNION ALL SELECT 'optOuts', opted_out_at FROM contacts WHERE tenant_id = ${tidC} AND opted_out AND opted_out_at >= (SELECT at FROM since)
        ), per_day AS (
          SELECT (at AT TIME ZONE ${tz})::date AS day, kind, count(*)::int AS n FROM events GROUP BY 1, 2
        )
        SELECT to_char(d, 'YYYY-MM-DD') AS date,
          ${sql.join(
            DAY_COUNT_KINDS.map(
              (k) => sql`coalesce(sum(p.n) FILTER (WHERE p.kind = ${k}), 0)::int AS ${sql.identifier(k)}`,
            ),
            sql`, `,
          )}
        FROM span, generate_series(span.first_day, span.today, interval '1 day') AS d
        LEFT JOIN per_day p ON p.day = d::date
        GROUP BY d ORDER BY d`);
  return r.rows;
}
