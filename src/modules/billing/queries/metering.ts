import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import { lockUnitsLeft, takeUnits, UNMETERED } from "./quota.js";

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
