/**
 * Agents' replies in SaaS mode (issue 14, docs/billing.md "Quota metering"): refused for a
 * shop whose subscription is expired or suspended; unlimited unless the shop's package
 * counts agents' replies, then each takes one message unit in the transaction that stores
 * it (and gives it back in the one that records its failure, send.ts).
 */
import type { Db, Tx } from "../../db/client.js";
import { lockUnitsLeft, meteringErrors, sendGateOf, takeUnits } from "../billing/index.js";

/**
 * Stores an agent's reply with `insert`, first checking the shop may send and, when its
 * package counts agents' replies, taking the reply's unit in the same transaction.
 * @returns the stored row, and whether it holds a unit
 * @throws KabarError 402 `subscription_inactive`, 402 `quota_exhausted`
 */
export async function withReplyUnit<T>(
  db: Db,
  tenantId: string,
  insert: (db: Db | Tx) => Promise<T>,
): Promise<{ row: T; counted: boolean }> {
  const gate = await sendGateOf(db, tenantId);
  if (gate.sendBlock) throw meteringErrors.subscriptionInactive();
  if (!gate.countsAgentReplies) return { row: await insert(db), counted: false };
  return db.transaction(async (tx) => {
    if ((await lockUnitsLeft(tx, tenantId)) <= 0) throw meteringErrors.quotaExhausted();
    await takeUnits(tx, tenantId, 1);
    return { row: await insert(tx), counted: true };
  });
}

/** Whether a failed agent's reply of the shop gives a unit back (its package counts agents' replies). */
export async function replyHeldUnit(db: Db, tenantId: string): Promise<boolean> {
  return (await sendGateOf(db, tenantId)).countsAgentReplies;
}
