import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";

/**
 * Message units (issue 14, docs/billing.md "Quota metering"). A shop in SaaS mode has one
 * `quota_balances` row; a shop without one (every shop in single mode) is unmetered. Every
 * sender follows one protocol inside its own transaction:
 *
 * 1. `lockUnitsLeft` locks the shop's row (concurrent senders of the shop queue here, so two
 *    campaigns can never both take the last unit) and answers what is left;
 * 2. the sender claims at most that many messages and `takeUnits` the number it claimed,
 *    before the transaction commits: a claimed message holds its unit;
 * 3. the transaction that records a send as failed `giveBackUnits` (a message recorded as
 *    sent keeps its unit). A crash between claim and outcome keeps the unit with the
 *    message, whose recovery either sends it (the unit is used) or gives it back with the
 *    statement that puts it back to pending.
 */

/** Units that stand for "no limit" in arithmetic (never stored). */
export const UNMETERED = Number.MAX_SAFE_INTEGER;

/**
 * Locks the shop's balance until the transaction ends and answers the units left: this
 * period's allowance left plus top-ups left; {@link UNMETERED} for a shop without a balance
 * row (single mode) or on an unlimited package.
 */
export async function lockUnitsLeft(tx: Db | Tx, tenantId: string): Promise<number> {
  const r = await tx.execute<{ period_units: number | null; period_used: number; topup_left: number }>(sql`
    SELECT period_units, period_used, topup_left FROM quota_balances
    WHERE tenant_id = ${tenantId} FOR UPDATE`);
  const b = r.rows[0];
  if (!b || b.period_units === null) return UNMETERED;
  return Math.max(0, b.period_units - b.period_used) + b.topup_left;
}

/**
 * Takes `n` units (n ≥ 0, at most what {@link lockUnitsLeft} answered in this transaction):
 * from this period's allowance first, then from top-ups. Nothing for an unmetered shop. The
 * table's check refuses an overdraft (the statement fails rather than overspend).
 */
export async function takeUnits(tx: Db | Tx, tenantId: string, n: number): Promise<void> {
  if (n <= 0) return;
  await tx.execute(sql`
    UPDATE quota_balances q SET
      period_used = q.period_used + x.from_period,
      topup_left = q.topup_left - (${n}::int - x.from_period),
      topup_used = q.topup_used + (${n}::int - x.from_period),
      updated_at = now()
    FROM (SELECT tenant_id, LEAST(${n}::int, GREATEST(0, period_units - period_used)) AS from_period
          FROM quota_balances WHERE tenant_id = ${tenantId} AND period_units IS NOT NULL) x
    WHERE q.tenant_id = x.tenant_id`);
}

/**
 * Gives `n` units back (messages claimed but not sent): to the top-ups first when this
 * period took from them, else to the period's allowance — so a failed send never turns a
 * top-up unit (which lasts) into an allowance unit (which ends with the period) or back.
 * The shop's row is locked by the statement. Nothing for an unmetered shop.
 */
export async function giveBackUnits(tx: Db | Tx, tenantId: string, n: number): Promise<void> {
  if (n <= 0) return;
  await tx.execute(sql`
    UPDATE quota_balances q SET
      topup_left = q.topup_left + x.to_topup,
      topup_used = q.topup_used - x.to_topup,
      period_used = GREATEST(0, q.period_used - (${n}::int - x.to_topup)),
      updated_at = now()
    FROM (SELECT tenant_id, LEAST(${n}::int, topup_used) AS to_topup
          FROM quota_balances WHERE tenant_id = ${tenantId} AND period_units IS NOT NULL FOR UPDATE) x
    WHERE q.tenant_id = x.tenant_id`);
}

/** Adds `units` bought as a top-up (they last until used). */
export async function addTopupUnits(tx: Db | Tx, tenantId: string, units: number): Promise<void> {
  await tx.execute(sql`
    UPDATE quota_balances SET topup_left = topup_left + ${units}::int, updated_at = now()
    WHERE tenant_id = ${tenantId}`);
}

/**
 * Takes back up to `units` top-up units (a refunded top-up): what is left of them; units
 * already sent are not recovered. Answers how many were taken back.
 */
export async function removeTopupUnits(tx: Db | Tx, tenantId: string, units: number): Promise<number> {
  const r = await tx.execute<{ taken: number }>(sql`
    UPDATE quota_balances q SET topup_left = q.topup_left - x.taken, updated_at = now()
    FROM (SELECT tenant_id, LEAST(${units}::int, topup_left) AS taken FROM quota_balances
          WHERE tenant_id = ${tenantId} FOR UPDATE) x
    WHERE q.tenant_id = x.tenant_id RETURNING x.taken`);
  return r.rows[0]?.taken ?? 0;
}

/**
 * Starts a new allowance period: `units` from `periodStart` (null = unlimited), nothing used;
 * top-ups left are kept. Creates the balance row for a new subscription.
 */
export async function startQuotaPeriod(
  tx: Db | Tx,
  tenantId: string,
  periodStart: Date,
  units: number | null,
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO quota_balances (tenant_id, period_start, period_units)
    VALUES (${tenantId}, ${periodStart.toISOString()}, ${units})
    ON CONFLICT (tenant_id) DO UPDATE SET period_start = EXCLUDED.period_start,
      period_units = EXCLUDED.period_units, period_used = 0, topup_used = 0, updated_at = now()`);
}

/**
 * Changes the period's allowance without resetting what was used (an upgrade mid-period).
 * `period_used` is capped at the new allowance (the check would refuse more); the units
 * beyond it stay counted as used.
 */
export async function setPeriodUnits(tx: Db | Tx, tenantId: string, units: number | null): Promise<void> {
  await tx.execute(sql`
    UPDATE quota_balances SET period_units = ${units},
      period_used = CASE WHEN ${units}::int IS NULL THEN period_used ELSE LEAST(period_used, ${units}::int) END,
      updated_at = now()
    WHERE tenant_id = ${tenantId}`);
}

/** A shop's balance as shown on the billing page and the platform console. */
export interface QuotaBalance {
  periodStart: Date;
  /** The period's allowance; null = unlimited. */
  periodUnits: number | null;
  periodUsed: number;
  topupLeft: number;
  topupUsed: number;
}

/** The shop's balance, or null for an unmetered shop (no row). */
export async function quotaBalance(db: Db | Tx, tenantId: string): Promise<QuotaBalance | null> {
  const r = await db.execute<{
    period_start: string | Date;
    period_units: number | null;
    period_used: number;
    topup_left: number;
    topup_used: number;
  }>(sql`SELECT period_start, period_units, period_used, topup_left, topup_used FROM quota_balances
         WHERE tenant_id = ${tenantId}`);
  const b = r.rows[0];
  if (!b) return null;
  return {
    periodStart: new Date(b.period_start),
    periodUnits: b.period_units,
    periodUsed: b.period_used,
    topupLeft: b.topup_left,
    topupUsed: b.topup_used,
  };
}
