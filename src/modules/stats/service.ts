import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { tenants } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import type { DayCounts, Overview } from "./schemas.js";

const KINDS = ["sent", "delivered", "read", "failed", "replied", "optOuts"] as const;

/**
 * Dashboard figures. Each event is counted on the day it happened, days being calendar
 * days in the shop's time zone (tenant setting, WIB default), grouped in SQL with
 * `AT TIME ZONE`: sent / delivered / read / replied from the campaign recipients' times,
 * failed from the time a recipient failed, opt-outs from the contacts' opt-out time.
 * Every query is scoped to the actor's tenant; owners and agents may read.
 */
export function createStatsService(db: Db) {
  return {
    /**
     * The last `days` days (today included, oldest first) with per-day counts, their totals
     * and today's. `now` (epoch ms) decides what "today" is.
     */
    async overview(actor: Actor, days: number, now = Date.now()): Promise<Overview> {
      const [t] = await db
        .select({ timeZone: tenants.timeZone })
        .from(tenants)
        .where(eq(tenants.id, actor.tenantId));
      const tz = t?.timeZone ?? "Asia/Jakarta";
      const tid = actor.tenantId;
      const r = await db.execute<{ date: string } & DayCounts>(sql`
        WITH bounds AS (
          SELECT (to_timestamp(${now / 1000}) AT TIME ZONE ${tz})::date AS today
        ), span AS (
          SELECT today - ${days - 1}::int AS first_day, today FROM bounds
        ), since AS (
          SELECT (first_day::timestamp AT TIME ZONE ${tz}) AS at FROM span
        ), events AS (
          SELECT 'sent' AS kind, sent_at AS at FROM campaign_recipients WHERE tenant_id = ${tid} AND sent_at >= (SELECT at FROM since)
          UNION ALL SELECT 'delivered', delivered_at FROM campaign_recipients WHERE tenant_id = ${tid} AND delivered_at >= (SELECT at FROM since)
          UNION ALL SELECT 'read', read_at FROM campaign_recipients WHERE tenant_id = ${tid} AND read_at >= (SELECT at FROM since)
          UNION ALL SELECT 'replied', replied_at FROM campaign_recipients WHERE tenant_id = ${tid} AND replied_at >= (SELECT at FROM since)
          UNION ALL SELECT 'failed', updated_at FROM campaign_recipients WHERE tenant_id = ${tid} AND status = 'failed' AND updated_at >= (SELECT at FROM since)
          UNION ALL SELECT 'optOuts', opted_out_at FROM contacts WHERE tenant_id = ${tid} AND opted_out AND opted_out_at >= (SELECT at FROM since)
        ), per_day AS (
          SELECT (at AT TIME ZONE ${tz})::date AS day, kind, count(*)::int AS n FROM events GROUP BY 1, 2
        )
        SELECT to_char(d, 'YYYY-MM-DD') AS date,
          ${sql.join(
            KINDS.map(
              (k) => sql`coalesce(sum(p.n) FILTER (WHERE p.kind = ${k}), 0)::int AS ${sql.identifier(k)}`,
            ),
            sql`, `,
          )}
        FROM span, generate_series(span.first_day, span.today, interval '1 day') AS d
        LEFT JOIN per_day p ON p.day = d::date
        GROUP BY d ORDER BY d`);
      const list = r.rows.map((row) => ({ date: row.date, ...pick(row) }));
      const totals = zero();
      for (const d of list) for (const k of KINDS) totals[k] += d[k];
      return { timeZone: tz, days: list, totals, today: pick(list[list.length - 1] ?? zero()) };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;

function zero(): DayCounts {
  return { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, optOuts: 0 };
}

function pick(row: DayCounts): DayCounts {
  return Object.fromEntries(KINDS.map((k) => [k, Number(row[k])])) as DayCounts;
}
