/**
 * The `auto-reply` job: sends one scheduled auto-reply (../send.ts). The engine
 * (../engine.ts) enqueues it in the transaction that writes the `scheduled` log row, with
 * `startAfter` = the human-like delay less the "typing…" time. Runs where channels are
 * held; a channel live elsewhere or nowhere is retried (5 retries, backoff), and the last
 * attempt logs `failed`.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";
import { sendAutoReply, type AutoReplySenderDeps } from "../send.js";

/** The stored payload. */
const autoReplyPayload = z.object({
  /** The auto-reply log row (`auto_reply_log` table) of the scheduled reply. */
  logId: z.guid(),
  /** How long to show "typing…" before sending, ms. */
  typingMs: z.number().int().min(0),
});

/** Sends a scheduled auto-reply; polled every 0.5 s so a short delay is kept. */
export const autoReplyJob = defineJob({
  id: "auto-reply",
  payload: autoReplyPayload,
  retry: { limit: 5, backoff: true },
  runsIn: ["channels"],
  worker: { pollingIntervalSeconds: 0.5 },
  handler: async (payload, run, deps: AutoReplySenderDeps) => {
    await sendAutoReply(deps, payload, run.lastAttempt);
  },
});
