/**
 * The `order-message` job: sends one scheduled order message (../send.ts). The order hook
 * (../hook.ts) enqueues it in the order's transaction. Runs where channels are held; a
 * channel live elsewhere or nowhere is retried (5 retries, backoff), the last attempt logs `failed`.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";
import { sendOrderMessage, type OrderMessageSenderDeps } from "../send.js";

/** The stored payload. */
const orderMessagePayload = z.object({
  /** The log row (`order_messages`) of the scheduled message. */
  logId: z.guid(),
});

/** Sends a scheduled order message; polled every 0.5 s so a thank-you follows its order at once. */
export const orderMessageJob = defineJob({
  id: "order-message",
  payload: orderMessagePayload,
  retry: { limit: 5, backoff: true },
  runsIn: ["channels"],
  worker: { pollingIntervalSeconds: 0.5 },
  handler: async (payload, run, deps: OrderMessageSenderDeps) => {
    await sendOrderMessage(deps, payload, run.lastAttempt);
  },
});
