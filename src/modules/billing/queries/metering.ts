import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { lockUnitsLeft, quotaBalance, takeUnits, UNMETERED } from "./quota.js";

/** What a sender needs to know of a shop before taking a unit (docs/billing.md "Quota metering"). */
interface SendGate {
  /** `expired` / `suspended`: the shop may not send anything (tenants.send_block); null: it may. */
  sendBlock: string | null;
  /** The shop's package counts agents' replies inside a conversation (packages.counts_agent_replies). */
  countsAgentReplies: boolean;
}

/**
 * The shop's send block and whether its package counts agents' replies (false for a shop
 * without a subscription: single mode). One read, no lock.
 */
export async function sendGateOf(db: Db | Tx, tenantId: string): Promise<SendGate> {
  const r = await db.execute<{ send_block: string | null; counts: boolean | null }>(sql`
    SELECT t.send_block, p.counts_agent_replies AS counts FROM tenants t
    LEFT JOIN subscriptions s ON s.tenant_id = t.id
    LEFT JOIN packages p ON p.id = s.package_id
    WHERE t.id = ${tenantId}`);
  const row = r.rows[0];
  return { sendBlock: row?.send_block ?? null, countsAgentReplies: row?.counts ?? false };
}

/**
 * Takes up to `n` units, never more than are left (the shop's row locked first): for
 * messages found to have left after their unit was given back (a receipt proving a requeued
 * campaign recipient was sent), so the balance never goes below zero. Answers how many were taken (n for an unmetered shop).
 */
export async function takeUnitsUpTo(tx: Db | Tx, tenantId: string, n: number): Promise<number> {
  if (n <= 0) return 0;
  const left = await lockUnitsLeft(tx, tenantId);
  if (left === UNMETERED) return n;
  const take = Math.min(n, left);
  await takeUnits(tx, tenantId, take);
  return take;
}

/**
 * The shop's units left as read now (no lock, nothing reserved): a sender's look before it
 * sends. {@link UNMETERED} for a shop without a balance row or on an unlimited package.
 */
export async function unitsLeftOf(db: Db | Tx, tenantId: string): Promise<number> {
  const b = await quotaBalance(db, tenantId);
  if (!b || b.periodUnits === null) return UNMETERED;
  return Math.max(0, b.periodUnits - b.periodUsed) + b.topupLeft;
}

/** What {@link holdSendUnit} found: the send may go (`held`, `unmetered`) or is refused with that reason. */
type SendHold = "held" | "unmetered" | "subscription_inactive" | "quota_exhausted";

/**
 * A message outside a campaign (an auto-reply, an order message) about to be sent in SaaS
 * mode, in the caller's transaction: locks the shop's balance ({@link lockUnitsLeft}), then
 * answers `subscription_inactive` when the shop has a send block, `held` when the message
 * already holds its unit (`alreadyHeld`: a retried job; nothing more is taken),
 * `unmetered` for a shop without a balance row or on an unlimited package (nothing taken),
 * `quota_exhausted` when no unit is left, else takes one unit and answers `held`. The
 * caller records the hold on its log row in the same transaction and gives the unit back
 * (`giveBackUnits`) in the one that settles the message failed or cancelled
 * (docs/billing.md "Quota metering").
 */
async function holdSendUnit(tx: Tx, tenantId: string, alreadyHeld: boolean): Promise<SendHold> {
  const left = await lockUnitsLeft(tx, tenantId);
  if ((await sendGateOf(tx, tenantId)).sendBlock) return "subscription_inactive";
  if (alreadyHeld) return "held";
  if (left === UNMETERED) return "unmetered";
  if (left <= 0) return "quota_exhausted";
  await takeUnits(tx, tenantId, 1);
  return "held";
}

/**
 * How {@link holdUnitFor} reads and writes a sender's log row (an auto-reply's
 * `auto_reply_log`, an order message's `order_messages`), each in the hold's transaction.
 */
interface HeldRow {
  /** Locks the row if it is still scheduled: answers its `unit_held`, or undefined when it is not scheduled. */
  lock(tx: Tx): Promise<boolean | undefined>;
  /** Sets `unit_held`. */
  markHeld(tx: Tx): Promise<unknown>;
  /** Settles the row `cancelled` with `reason` (giving back a unit it held). */
  cancel(tx: Tx, reason: "subscription_inactive" | "quota_exhausted"): Promise<unknown>;
}

/**
 * SaaS mode, just before a message outside a campaign is sent: in one transaction, with its
 * log row and the shop's balance locked ({@link holdSendUnit}), the message takes its unit
 * and records `unit_held` — once: a retried job (a crash after the send) finds it held and
 * takes nothing more. A shop with a send block or no unit left: the row is cancelled
 * `subscription_inactive` / `quota_exhausted` there (docs/billing.md "Holding a unit").
 * @returns true: send it (it holds its unit, or the shop is unmetered); false: it is not to
 *   be sent (no longer scheduled, or cancelled now)
 */
export async function holdUnitFor(db: Db, tenantId: string, row: HeldRow): Promise<boolean> {
  return db.transaction(async (tx) => {
    const held = await row.lock(tx);
    if (held === undefined) return false;
    const hold = await holdSendUnit(tx, tenantId, held);
    if (hold === "held" || hold === "unmetered") {
      if (hold === "held" && !held) await row.markHeld(tx);
      return true;
    }
    await row.cancel(tx, hold);
    return false;
  });
}
