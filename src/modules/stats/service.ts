import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { tenantTimeZone } from "../tenants/index.js";
import { narrowToOutlet } from "../outlets/index.js";
import { DAY_COUNT_KINDS as KINDS, eventsPerDay } from "./queries.js";
import type { DayCounts, Overview } from "./schemas.js";

/**
 * Dashboard figures. Each event is counted on the day it happened, days being calendar
 * days in the shop's time zone (tenant setting, WIB default), grouped in SQL with
 * `AT TIME ZONE`: sent / delivered / read / replied from the campaign recipients' times,
 * failed from the time a recipient failed, opt-outs from the contacts' opt-out time.
 * Every query is scoped to the actor's tenant and outlets (issue 13); owners and agents may read.
 */
export function createStatsService(db: Db) {
  return {
    /**
     * The last `days` days (today included, oldest first) with per-day counts, their totals
     * and today's, for the actor's outlets combined or for one of them (`outletId`).
     * `now` (epoch ms) decides what "today" is.
     * @throws KabarError 404 `outlet_not_found` (an outlet not the shop's or outside the actor's)
     */
    async overview(actor: Actor, days: number, now = Date.now(), outletId?: string): Promise<Overview> {
      const [zone, viewer] = await Promise.all([
        tenantTimeZone(db, actor.tenantId),
        narrowToOutlet(db, actor, outletId),
      ]);
      const tz = zone ?? "Asia/Jakarta";
      const rows = await eventsPerDay(db, viewer, tz, days, now);
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
