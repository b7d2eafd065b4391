import { sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import type { BillingCycle, SubscriptionStatus } from "../../../db/schema/billing.js";

/** A subscription with its package's figures, as the billing module reads it. */
export interface SubscriptionRow {
  tenantId: string;
  status: SubscriptionStatus;
  cycle: BillingCycle;
  periodStart: Date;
  periodEnd: Date;
  graceUntil: Date | null;
  suspendedFrom: SubscriptionStatus | null;
  nextPackageId: string | null;
  nextCycle: BillingCycle | null;
  package: PackageRow;
}

/** A package's figures (quotas null = unlimited; prices in rupiah). */
export interface PackageRow {
  id: string;
  code: string;
  name: string;
  priceMonthly: number;
  priceYearly: number;
  messageQuota: number | null;
  numbersLimit: number | null;
  staffLimit: number | null;
  contactsLimit: number | null;
  modules: string[];
  countsAgentReplies: boolean;
  isTrial: boolean;
  trialDays: number | null;
  active: boolean;
}

const PACKAGE_COLUMNS = sql`p.id, p.code, p.name, p.price_monthly, p.price_yearly, p.message_quota,
  p.numbers_limit, p.staff_limit, p.contacts_limit, p.modules, p.counts_agent_replies, p.is_trial,
  p.trial_days, p.active`;

type RawPackage = {
  id: string;
  code: string;
  name: string;
  price_monthly: number;
  price_yearly: number;
  message_quota: number | null;
  numbers_limit: number | null;
  staff_limit: number | null;
  contacts_limit: number | null;
  modules: string[];
  counts_agent_replies: boolean;
  is_trial: boolean;
  trial_days: number | null;
  active: boolean;
};

function toPackage(r: RawPackage): PackageRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    priceMonthly: r.price_monthly,
    priceYearly: r.price_yearly,
    messageQuota: r.message_quota,
    numbersLimit: r.numbers_limit,
    staffLimit: r.staff_limit,
    contactsLimit: r.contacts_limit,
    modules: r.modules,
    countsAgentReplies: r.counts_agent_replies,
    isTrial: r.is_trial,
    trialDays: r.trial_days,
    active: r.active,
  };
}

/** A package by id, or null. */
export async function packageById(db: Db | Tx, id: string): Promise<PackageRow | null> {
  const r = await db.execute<RawPackage>(sql`SELECT ${PACKAGE_COLUMNS} FROM packages p WHERE p.id = ${id}`);
  return r.rows[0] ? toPackage(r.rows[0]) : null;
}

/** The trial package, or null when the platform has none. */
export async function trialPackage(db: Db | Tx): Promise<PackageRow | null> {
  const r = await db.execute<RawPackage>(sql`SELECT ${PACKAGE_COLUMNS} FROM packages p WHERE p.is_trial`);
  return r.rows[0] ? toPackage(r.rows[0]) : null;
}

/** Every package, the offered ones first by their order. */
export async function listPackages(db: Db | Tx): Promise<PackageRow[]> {
  const r = await db.execute<RawPackage>(
    sql`SELECT ${PACKAGE_COLUMNS} FROM packages p ORDER BY p.active DESC, p.sort, p.price_monthly, p.code`,
  );
  return r.rows.map(toPackage);
}

/**
 * The shop's subscription with its package; `forUpdate` locks the row until the
 * transaction ends (every change of a subscription takes it, so two payments or a payment
 * and the sweep never interleave).
 */
export async function subscriptionOf(
  db: Db | Tx,
  tenantId: string,
  forUpdate = false,
): Promise<SubscriptionRow | null> {
  const r = await db.execute<
    RawPackage & {
      tenant_id: string;
      status: SubscriptionStatus;
      cycle: BillingCycle;
      period_start: string | Date;
      period_end: string | Date;
      grace_until: string | Date | null;
      suspended_from: SubscriptionStatus | null;
      next_package_id: string | null;
      next_cycle: BillingCycle | null;
    }
  >(sql`
    SELECT s.tenant_id, s.status, s.cycle, s.period_start, s.period_end, s.grace_until, s.suspended_from,
      s.next_package_id, s.next_cycle, ${PACKAGE_COLUMNS}
    FROM subscriptions s JOIN packages p ON p.id = s.package_id
    WHERE s.tenant_id = ${tenantId} ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`);
  const s = r.rows[0];
  if (!s) return null;
  return {
    tenantId: s.tenant_id,
    status: s.status,
    cycle: s.cycle,
    periodStart: new Date(s.period_start),
    periodEnd: new Date(s.period_end),
    graceUntil: s.grace_until ? new Date(s.grace_until) : null,
    suspendedFrom: s.suspended_from,
    nextPackageId: s.next_package_id,
    nextCycle: s.next_cycle,
    package: toPackage(s),
  };
}

/** The columns of a subscription a change writes (all of them: the caller computed the new state). */
export interface SubscriptionWrite {
  packageId: string;
  status: SubscriptionStatus;
  cycle: BillingCycle;
  periodStart: Date;
  periodEnd: Date;
  graceUntil: Date | null;
  suspendedFrom: SubscriptionStatus | null;
  suspendedReason?: string | null;
  nextPackageId: string | null;
  nextCycle: BillingCycle | null;
}

/**
 * Writes the shop's subscription (insert or replace) and, in the same transaction and with the
 * shop's balance row locked (the lock every sender's claim takes), what the rest of Kabar reads
 * of it on the shop's row: `send_block` (expired / suspended stop every
 * sender) and `package_disabled_modules` (the modules the package lacks, which the module
 * switches then treat as off).
 */
export async function writeSubscription(
  tx: Db | Tx,
  tenantId: string,
  w: SubscriptionWrite,
  allModules: readonly string[],
): Promise<void> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await tx.execute(sql`
    INSERT INTO subscriptions (tenant_id, package_id, status, cycle, period_start, period_end, grace_until,
      suspended_from, suspended_reason, next_package_id, next_cycle)
    VALUES (${tenantId}, ${w.packageId}, ${w.status}, ${w.cycle}, ${iso(w.periodStart)}, ${iso(w.periodEnd)},
      ${iso(w.graceUntil)}, ${w.suspendedFrom}, ${w.suspendedReason ?? null}, ${w.nextPackageId}, ${w.nextCycle})
    ON CONFLICT (tenant_id) DO UPDATE SET package_id = EXCLUDED.package_id, status = EXCLUDED.status,
      cycle = EXCLUDED.cycle, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
      grace_until = EXCLUDED.grace_until, suspended_from = EXCLUDED.suspended_from,
      suspended_reason = EXCLUDED.suspended_reason, next_package_id = EXCLUDED.next_package_id,
      next_cycle = EXCLUDED.next_cycle, updated_at = now()`);
  // The shop's balance row is locked before the shop row changes: a sender's claim holds that
  // lock while it reads the send block, so once this commits no claim can still be deciding
  // on the old status (a suspension stops sends within the dispatch cycle it commits in).
  await tx.execute(sql`SELECT 1 FROM quota_balances WHERE tenant_id = ${tenantId} FOR UPDATE`);
  await tx.execute(sql`
    UPDATE tenants t SET
      send_block = CASE ${w.status}::text WHEN 'expired' THEN 'expired' WHEN 'suspended' THEN 'suspended' END,
      package_disabled_modules = ARRAY(
        SELECT m FROM unnest(${sql.param(allModules as string[])}::text[]) m WHERE NOT (m = ANY(p.modules)))
    FROM packages p
    WHERE t.id = ${tenantId} AND p.id = ${w.packageId}`);
}

/**
 * Shops whose subscription may have to move with the clock: period or grace over (not
 * suspended or expired), or an active one whose message allowance may be due to restart (a
 * renewal paid ahead has begun, or the allowance is 27 days old or more — a superset of the
 * monthly anniversaries, which `advanceSubscription` then checks exactly). At most 1,000 per call.
 */
export async function subscriptionsDue(db: Db | Tx, now: Date): Promise<string[]> {
  const at = now.toISOString();
  const r = await db.execute<{ tenant_id: string }>(sql`
    SELECT s.tenant_id FROM subscriptions s
    WHERE s.status IN ('trialing', 'active', 'past_due') AND (s.period_end <= ${at}
      OR (s.grace_until IS NOT NULL AND s.grace_until <= ${at})
      OR (s.status = 'active' AND EXISTS (SELECT 1 FROM quota_balances q WHERE q.tenant_id = s.tenant_id
        AND ((q.period_start < s.period_start AND s.period_start <= ${at})
          OR q.period_start <= ${at}::timestamptz - interval '27 days'))))
    ORDER BY s.period_end LIMIT 1000`);
  return r.rows.map((x) => x.tenant_id);
}

export type {
  BillingCycle,
  PaymentKind,
  SubscriptionStatus,
} from "../../../db/schema/billing.js";
