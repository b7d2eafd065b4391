/**
 * The `suspect-drops` job, the delivery ledger's sweep: once a minute, a campaign recipient
 * still `sent` (accepted by WhatsApp's server) with no delivery receipt after the window of
 * its channel's kind becomes `suspected_drop`; each campaign touched announces its progress.
 *
 * Why: a WhatsApp Web number under a reach-out timelock has its sends accepted and silently
 * never delivered (reported on Baileys, whatsmeow and Evolution API in 2026; issue 15 §2).
 * A later delivered, read or failed receipt still settles the recipient (queries/recorder.ts).
 */
import { z } from "zod";
import type { ChannelKind } from "../../../channels/factory.js";
import type { Db } from "../../../db/client.js";
import { defineJob } from "../../../jobs/define.js";
import type { Bus } from "../../../lib/bus.js";
import { markSuspectedDrops, type MarkedDrops } from "../queries/drops.js";

/**
 * Minutes a `sent` recipient waits for its delivery receipt before it is a suspected drop,
 * per channel kind. WhatsApp Web (and the sandbox that plays it) and the Cloud API both
 * report delivery within seconds when the phone is online, so 30 minutes leaves room for a
 * phone that is briefly offline without hiding a silent drop for long.
 */
const SUSPECTED_DROP_MINUTES: Record<ChannelKind, number> = {
  sandbox: 30,
  whatsapp_web: 30,
  cloud_api: 30,
};

/**
 * Runs one sweep at `now` (injectable: tests move time, not the clock) with `minutes` per
 * kind (default {@link SUSPECTED_DROP_MINUTES}), and emits `campaign.progress` for each
 * campaign touched so open pages update live.
 * @returns the campaigns touched, each with its count
 */
export async function sweepSuspectedDrops(
  deps: { db: Db; bus: Bus },
  now: Date = new Date(),
  minutes: Record<ChannelKind, number> = SUSPECTED_DROP_MINUTES,
): Promise<MarkedDrops[]> {
  const windowsMs = Object.fromEntries(Object.entries(minutes).map(([k, m]) => [k, m * 60_000]));
  const marked = await markSuspectedDrops(deps.db, windowsMs, now);
  for (const m of marked)
    deps.bus.emit("campaign.progress", { tenantId: m.tenantId, campaignId: m.campaignId });
  return marked;
}

/** Every minute (pg-boss cron); where channels are held (the bus there reaches their pages); no retry: the next minute runs anyway. */
export const suspectDropsJob = defineJob({
  id: "suspect-drops",
  payload: z.object({}),
  retry: { limit: 0, backoff: false },
  runsIn: ["channels"],
  cron: "* * * * *",
  handler: async (_p, _run, deps: { db: Db; bus: Bus }) => {
    await sweepSuspectedDrops(deps);
  },
});
