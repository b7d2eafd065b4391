/**
 * The `rfm-refresh` job: every night at 02:00 WIB (19:00 UTC), every shop with orders gets
 * its RFM segments recomputed (recency counts in days, so once a day keeps them true; the
 * segments page and a threshold change recompute on demand).
 */
import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { defineJob } from "../../../jobs/define.js";
import { tenantsWithOrders } from "../queries.js";
import { refreshSegments } from "../service.js";

/** Recomputes every shop's segments as of `now`. @returns how many shops */
export async function refreshAllSegments(db: Db, now: Date = new Date()): Promise<number> {
  const shops = await tenantsWithOrders(db);
  for (const tenantId of shops) await refreshSegments(db, tenantId, now);
  return shops.length;
}

/** Nightly (pg-boss cron, UTC); where channels are held (the worker role); 2 retries a few minutes apart. */
export const rfmRefreshJob = defineJob({
  id: "rfm-refresh",
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 300, backoff: false },
  runsIn: ["channels"],
  cron: "0 19 * * *",
  handler: async (_p, _run, deps: { db: Db }) => {
    await refreshAllSegments(deps.db);
  },
});
