import type pg from "pg";
import { messageFate, type VirtualPhone } from "../../src/channels/sandbox/behaviour.js";
import type { RecipientDto } from "./campaigns.js";

/** Where the sandbox will take a delivered message: its final receipt and whether the customer replies. */
export interface ExpectedFate {
  status: "read" | "delivered";
  replies: 0 | 1;
}

/**
 * The deterministic end state of message `messageId` to `phone` on a sandbox network with
 * `seed` (src/channels/sandbox/behaviour.ts decides it; the test only reads it).
 */
export function expectedFate(seed: string, phone: VirtualPhone, messageId: string): ExpectedFate {
  const steps = messageFate(seed, messageId, phone);
  return {
    status: steps.some((s) => s.kind === "read") ? "read" : "delivered",
    replies: steps.some((s) => s.kind === "reply") ? 1 : 0,
  };
}

/** Inbound messages stored per contact on the channel (read straight from the database). */
export async function repliesByContact(
  db: Pick<pg.Client, "query">,
  channelId: string,
): Promise<Map<string, number>> {
  const r = await db.query<{ contact_id: string; n: number }>(
    `SELECT contact_id, count(*)::int AS n FROM messages WHERE channel_id = $1 AND direction = 'in' GROUP BY contact_id`,
    [channelId],
  );
  return new Map(r.rows.map((x) => [x.contact_id, x.n]));
}

/** True when every recipient with an expected fate is in that state and has its expected replies. */
export function settled(
  recipients: RecipientDto[],
  replies: Map<string, number>,
  expected: Map<number, ExpectedFate>,
): boolean {
  return recipients.every((r) => {
    const fate = expected.get(r.id);
    return !fate || (r.status === fate.status && (replies.get(r.contactId) ?? 0) === fate.replies);
  });
}
