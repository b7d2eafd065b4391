/**
 * The `webhook-deliver` job: one attempt of one outgoing webhook delivery (../deliver.ts).
 * Enqueued in the transaction of the event (or of a retry, a redeliver, a test event), the
 * payload names the attempt count it expects, so a stale or duplicate job does nothing.
 * Retries after a failed answer are new jobs with `startAfter` (the backoff of
 * ../deliver.ts, for 24 h), not pg-boss retries: pg-boss retries (3) only cover a crash of
 * the handler itself.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";

/** The stored payload. */
export const webhookDeliverPayload = z.object({
  deliveryId: z.guid(),
  /** Attempts the delivery has made before this one. */
  attempt: z.number().int().min(0),
  /** Asked for by a person (redeliver, test event): sent even to a disabled endpoint. */
  manual: z.boolean().default(false),
});
export type WebhookDeliverPayload = z.output<typeof webhookDeliverPayload>;

/** What the handler needs: the module's sender (the composition root passes the service). */
interface WebhookDeliverDeps {
  outgoingWebhooks: { deliver(payload: WebhookDeliverPayload, rerun: boolean): Promise<void> };
}

/** Runs where channels are held (the worker role), polled every second. */
export const webhookDeliverJob = defineJob({
  id: "webhook-deliver",
  payload: webhookDeliverPayload,
  retry: { limit: 3, delaySeconds: 30, backoff: true },
  runsIn: ["channels"],
  worker: { pollingIntervalSeconds: 1 },
  handler: async (payload, run, deps: WebhookDeliverDeps) => {
    await deps.outgoingWebhooks.deliver(payload, run.retryCount > 0);
  },
});
