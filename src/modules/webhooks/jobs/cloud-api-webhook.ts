/**
 * The `cloud-api-webhook` job: processes one verified Cloud API webhook delivery where the
 * channel's transport is live (`processWebhook`, ../process.ts). The route queues it and
 * answers Meta at once; a delivery whose channel is not live in the worker (disconnected
 * for a moment, or held by another process) is retried with backoff for about a day
 * (12 retries from 30 s) before it is given up.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";
import { processWebhook, type WebhookProcessDeps } from "../process.js";

/** The stored payload: the channel of the URL and the parsed, verified body. */
export const cloudApiWebhookPayload = z.object({ channelId: z.guid(), body: z.unknown() });

/** Payload of a `cloud-api-webhook` job. */
export type CloudApiWebhookJob = z.infer<typeof cloudApiWebhookPayload>;

/** Processes one webhook delivery; runs where channels are held. */
export const cloudApiWebhookJob = defineJob({
  id: "cloud-api-webhook",
  payload: cloudApiWebhookPayload,
  retry: { limit: 12, delaySeconds: 30, backoff: true },
  runsIn: ["channels"],
  handler: async ({ channelId, body }, _run, deps: WebhookProcessDeps) => {
    await processWebhook(deps, channelId, body);
  },
});
