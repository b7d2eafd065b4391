/** Where a customer's message asks for its reactions: an event hook in the intake's transaction. */
import type { EventHook } from "../../db/event-hooks.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import { inboundReactionJob } from "./jobs/inbound-reaction.js";

/**
 * The event hook of the reactions: queues one `inbound-reaction` job for each customer's
 * message (`message.new`, direction `in`) inside the transaction that stores it, so the job
 * exists exactly when the message does (a redelivered message is a duplicate the intake
 * does not store again, so it queues nothing; the message id is the job's `singletonKey`
 * besides). The composition root adds it to the inbox's intake hook.
 */
export function reactionEventHook(enqueue: Enqueue): EventHook {
  return async (_tx, raw, events) => {
    for (const e of events) {
      if (e.name !== "message.new" || e.payload.direction !== "in") continue;
      const m = e.payload;
      await enqueue(
        inboundReactionJob,
        {
          tenantId: m.tenantId,
          channelId: m.channelId,
          contactId: m.contactId,
          messageId: m.messageId,
          ...(m.conversationId ? { conversationId: m.conversationId } : {}),
        },
        { tx: raw, singletonKey: m.messageId },
      );
    }
  };
}
