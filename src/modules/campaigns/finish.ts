/**
 * Finishing the campaigns a dispatcher is done with: `completed` (or `failed`, reason
 * `all_failed`), and, with an event hook, their `campaign.status` events recorded in the
 * same transaction (outgoing webhooks queue `campaign.completed` there, exactly once).
 */
import type { Db } from "../../db/client.js";
import type { EventHook } from "../../db/event-hooks.js";
import { rawExecutor } from "../../db/transaction.js";
import type { BusEvents } from "../../lib/bus.js";
import { completeFinishedCampaigns } from "./queries/dispatch.js";

/**
 * Finishes the running campaigns among `campaignIds` with nothing left to send (queries
 * `completeFinishedCampaigns`), calling `events` in the same transaction.
 * @returns the finished campaigns' `campaign.status` events, to announce after the commit
 */
export async function finishCampaigns(
  db: Db,
  tenantId: string,
  campaignIds: string[],
  events?: EventHook,
): Promise<Array<BusEvents["campaign.status"]>> {
  const asEvent = (row: { id: string; status: string; status_reason: string | null }) => ({
    tenantId,
    campaignId: row.id,
    status: row.status,
    reason: row.status_reason,
  });
  if (!events) return (await completeFinishedCampaigns(db, campaignIds)).map(asEvent);
  return db.transaction(async (tx) => {
    const finished = (await completeFinishedCampaigns(tx, campaignIds)).map(asEvent);
    if (finished.length > 0)
      await events(
        tx,
        rawExecutor(tx),
        finished.map((payload) => ({ name: "campaign.status" as const, payload })),
      );
    return finished;
  });
}
