/**
 * Message units for campaigns in SaaS mode (issue 14, docs/billing.md "Quota metering"):
 * the dispatcher's claim takes at most the units left, in one transaction with the shop's
 * balance locked (billing's `lockUnitsLeft` → claim → `takeUnits`), so concurrent claimers
 * of a shop — other numbers, other processes — queue on that lock and never overspend.
 * In single mode none of this runs (the dispatcher is not metered).
 */
import type { Db, Tx } from "../../db/client.js";
import {
  giveBackUnits,
  lockUnitsLeft,
  meteringErrors,
  sendGateOf,
  takeUnits,
  UNMETERED,
  unitsLeftOf,
} from "../billing/index.js";
import { pendingRecipientCount } from "./queries/recipients.js";
import { pauseForQuota, requeueSendingRecipients, type ClaimedRecipient } from "./queries/dispatch.js";

/** What a metered claim did. */
interface MeteredClaim {
  /** The recipients claimed (each holds one unit). */
  batch: ClaimedRecipient[];
  /** Campaigns paused with `quota_exhausted` because no unit was left. */
  paused: string[];
}

/**
 * Claims with `claim` (given the transaction and the most it may take) at most `limit`
 * recipients and no more than the shop's units left, taking a unit for each claimed one in
 * the same transaction. A shop with a send block claims nothing; a shop with no unit left
 * pauses its running campaigns that still have pending recipients (`quota_exhausted`).
 */
export function claimWithUnits(
  db: Db,
  tenantId: string,
  limit: number,
  claim: (tx: Tx, limit: number) => Promise<ClaimedRecipient[]>,
): Promise<MeteredClaim> {
  return db.transaction(async (tx) => {
    const left = await lockUnitsLeft(tx, tenantId);
    if ((await sendGateOf(tx, tenantId)).sendBlock) return { batch: [], paused: [] };
    if (left <= 0) return { batch: [], paused: await pauseForQuota(tx, tenantId) };
    const batch = await claim(tx, Math.min(limit, left));
    await takeUnits(tx, tenantId, batch.length);
    return { batch, paused: [] };
  });
}

/**
 * Crash recovery of a metered channel whose network de-duplicates: its recipients left
 * `sending` go back to pending and give their units back in the same transaction (they
 * will be claimed, and take a unit, again). @returns how many
 */
export function requeueWithUnits(db: Db, tenantId: string, channelId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const n = await requeueSendingRecipients(tx, channelId);
    await giveBackUnits(tx, tenantId, n);
    return n;
  });
}

/**
 * SaaS mode, in a start's transaction after the audience snapshot: the shop may send (else
 * 402 `subscription_inactive`) and has units for the campaign's pending recipients (read,
 * not reserved: the dispatcher's claims take them), else 402 `quota_insufficient` with
 * `{ needed, left }` unless `allowPartial` (the campaign then pauses `quota_exhausted` when
 * the units run out).
 * @throws KabarError 402 `subscription_inactive`, 402 `quota_insufficient`
 */
export async function checkStartUnits(
  tx: Db | Tx,
  tenantId: string,
  campaignId: string,
  allowPartial: boolean,
): Promise<void> {
  if ((await sendGateOf(tx, tenantId)).sendBlock) throw meteringErrors.subscriptionInactive();
  if (allowPartial) return;
  const left = await unitsLeftOf(tx, tenantId);
  const needed = await pendingRecipientCount(tx, campaignId);
  if (needed > left) throw meteringErrors.quotaInsufficient({ needed, left });
}

/**
 * The composer's look at the units before a start (SaaS mode; issue 14: "a campaign start
 * shows the units it needs against what is left"): `needed` the recipients to send, `left`
 * the shop's units left now (read, no lock, nothing reserved: the start checks again) or
 * null on an unlimited package, `blocked` `"subscription_inactive"` when the shop's send
 * block is set (the start would answer 402) else null. Null when there is nothing to show:
 * an unmetered shop (no balance row, or an unlimited package) without a send block.
 */
export async function estimateUnits(
  db: Db | Tx,
  tenantId: string,
  needed: number,
): Promise<{ needed: number; left: number | null; blocked: "subscription_inactive" | null } | null> {
  const blocked = (await sendGateOf(db, tenantId)).sendBlock ? "subscription_inactive" : null;
  const left = await unitsLeftOf(db, tenantId);
  if (left === UNMETERED && !blocked) return null;
  return { needed, left: left === UNMETERED ? null : left, blocked };
}
