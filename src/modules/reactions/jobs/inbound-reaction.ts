/**
 * The `inbound-reaction` job: reacts to one customer's message (../react.ts: auto-reply,
 * COD answer, reminder reply). The inbox's intake queues it in the transaction that stores
 * the message (../hook.ts), so a message is reacted to exactly when it exists, even if the
 * process dies right after the commit (DESIGN.md §1). Runs where channels are held (as the
 * bus listeners it replaces did); polled every 0.5 s like `auto-reply`, fetched 20 at a
 * time, oldest first, so a burst of messages is not held to one per poll; one customer's
 * messages run one after another in that order, four customers at once.
 */
import { z } from "zod";
import { defineJob } from "../../../jobs/define.js";
import type { InboundReactions } from "../react.js";

/** The stored payload: the message and where it belongs (ids of the intake's `message.new`). */
const inboundReactionPayload = z.object({
  tenantId: z.guid(),
  channelId: z.guid(),
  contactId: z.guid(),
  messageId: z.guid(),
  conversationId: z.guid().optional(),
});

/** Reacts to one customer's message; a crash mid-job retries it after 30 s (expiry) at most plus pg-boss's check. */
export const inboundReactionJob = defineJob({
  id: "inbound-reaction",
  payload: inboundReactionPayload,
  retry: { limit: 5, delaySeconds: 1, backoff: true },
  runsIn: ["channels"],
  // One lane per customer: their messages in intake order, four customers at once (each
  // lane holds a connection for its contact's lock; the pool has 20).
  worker: { pollingIntervalSeconds: 0.5, batchSize: 20, lanes: { max: 4, of: (m) => m.contactId } },
  expireInSeconds: 30,
  handler: async (payload, _run, deps: { inboundReactions: InboundReactions }) => {
    await deps.inboundReactions(payload);
  },
});
