import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { tenantTimeZone } from "../tenants/index.js";
import { DAY_COUNT_KINDS as KINDS, eventsPerDay } from "./queries.js";
import type { DayCounts, Overview } from "./schemas.js";

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
      const tz = (await tenantTimeZone(db, actor.tenantId)) ?? "Asia/Jakarta";
      const rows = await eventsPerDay(db, actor.tenantId, tz, days, now);
      const list = rows.map((row) => ({ date: row.date, ...pick(row) }));
      const totals = zero();
      for (const d of list) for (const k of KINDS) totals[k] += d[k];
      return { timeZone: tz, days: list, totals, today: pick(list[list.length - 1] ?? zero()) };
    },
  };
}

function zero(): DayCounts {
  return { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, optOuts: 0, suspectedDrops: 0 };
}

function pick(row: DayCounts): DayCounts {
  return Object.fromEntries(KINDS.map((k) => [k, Number(row[k])])) as DayCounts;
}
