/**
 * Agents' replies in SaaS mode (issue 14, docs/billing.md "Quota metering"): refused for a
 * shop whose subscription is expired or suspended; unlimited unless the shop's package
 * counts agents' replies, then each takes one message unit in the transaction that stores
 * it and the stored row says so (`unit_held`). The transaction that records its failure
 * gives that unit back iff the row holds it, clearing `unit_held` in the same conditional
 * update (send.ts, queries/outgoing.ts `releaseReplyUnit`): what the package says at failure
 * time does not matter, and a second failure report gives nothing.
 */
import type { Db, Tx } from "../../db/client.js";
import { lockUnitsLeft, meteringErrors, sendGateOf, takeUnits, UNMETERED } from "../billing/index.js";

/**
 * Stores an agent's reply with `insert`, first checking the shop may send and, when its
 * package counts agents' replies and the shop is metered, taking the reply's unit in the
 * same transaction; `insert` is told whether the row holds a unit (it stores `unit_held`).
 * @returns the stored row, and whether it took a unit (its `unit_held`)
 * @throws KabarError 402 `subscription_inactive`, 402 `quota_exhausted`
 */
export async function withReplyUnit<T>(
  db: Db,
  tenantId: string,
  insert: (db: Db | Tx, unitHeld: boolean) => Promise<T>,
): Promise<{ row: T; counted: boolean }> {
  const gate = await sendGateOf(db, tenantId);
  if (gate.sendBlock) throw meteringErrors.subscriptionInactive();
  if (!gate.countsAgentReplies) return { row: await insert(db, false), counted: false };
  return db.transaction(async (tx) => {
    const left = await lockUnitsLeft(tx, tenantId);
    if (left <= 0) throw meteringErrors.quotaExhausted();
    if (left === UNMETERED) return { row: await insert(tx, false), counted: false };
    await takeUnits(tx, tenantId, 1);
    return { row: await insert(tx, true), counted: true };
  });
}
