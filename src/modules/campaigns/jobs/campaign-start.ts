/**
 * The `campaign-start` job: starts a scheduled campaign at its time. Enqueued by the
 * campaign service's `schedule` in the transaction that sets the status (`scheduleStart`),
 * so a campaign is never `scheduled` without its job; the handler starts it only when it is
 * still scheduled for (about) now (a rescheduled or cancelled campaign's old job does nothing).
 */
import { z } from "zod";
import type { SqlExecutor } from "../../../db/transaction.js";
import { defineJob } from "../../../jobs/define.js";
import type { Enqueue } from "../../../jobs/enqueue.js";

/** The stored payload (unchanged since the queue was introduced). */
const campaignStartPayload = z.object({ campaignId: z.guid() });

/** What the handler needs: the campaign service's verb for scheduled starts. */
interface CampaignStartDeps {
  campaigns: { startScheduled(campaignId: string): Promise<void> };
}

/** Starts a scheduled campaign; runs where channels are held; 5 retries with backoff. */
export const campaignStartJob = defineJob({
  id: "campaign-start",
  payload: campaignStartPayload,
  retry: { limit: 5, backoff: true },
  runsIn: ["channels"],
  handler: async ({ campaignId }, _run, deps: CampaignStartDeps) => {
    await deps.campaigns.startScheduled(campaignId);
  },
});

/**
 * Enqueues a campaign's start at `at` inside the caller's transaction (`tx`), so the status
 * and the job commit together. One job per campaign and time (`singletonKey`).
 */
export async function enqueueCampaignStart(
  enqueue: Enqueue,
  tx: SqlExecutor,
  campaignId: string,
  at: Date,
): Promise<void> {
  await enqueue(
    campaignStartJob,
    { campaignId },
    { tx, startAfter: at, singletonKey: `${campaignId}:${at.toISOString()}` },
  );
}
