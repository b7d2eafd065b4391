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
 * Takes up to `n` units, never more than are left (the shop's row locked first): for a
 * message that has already left when it is recorded (an auto-reply, an order message), so
 * the balance never goes below zero. Answers how many were taken (n for an unmetered shop).
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

/**
 * Why a message outside a campaign (an auto-reply, an order message) may not go now in SaaS
 * mode: `subscription_inactive` (send block) or `quota_exhausted` (no unit left); null: it may.
 */
export async function sendRefusal(
  db: Db | Tx,
  tenantId: string,
): Promise<"subscription_inactive" | "quota_exhausted" | null> {
  if ((await sendGateOf(db, tenantId)).sendBlock) return "subscription_inactive";
  return (await unitsLeftOf(db, tenantId)) <= 0 ? "quota_exhausted" : null;
}
