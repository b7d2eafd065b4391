/**
 * Package limits (issue 14, SaaS mode; docs/billing.md "Limits and downgrades"): numbers,
 * staff and contacts are checked where they are created, in the creating transaction, and a
 * downgrade is refused while the shop is over the new package's limits.
 *
 * Race safety: `assertRoom` / `room` take a per-shop, per-limit advisory lock in the caller's
 * transaction before counting, so two creations of the same kind in one shop queue and the
 * second counts the first's row; the lock ends with the transaction, after the insert. A
 * shop without a subscription (single mode, or created before SaaS mode) is unlimited.
 */
import type { Db, Tx } from "../../db/client.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { billingErrors } from "./errors.js";
import { limitErrors, type OverLimit } from "./limit-errors.js";
import { type LimitName, lockedRoom, numbersAndStaff, setNextPackage } from "./queries/limits.js";
import { type BillingCycle, packageById, type PackageRow, subscriptionOf } from "./queries/subscriptions.js";
import { shopUsage } from "./queries/usage.js";

/**
 * Refuses adding `adding` (default 1) of `limit` beyond the shop's package. Call it in the
 * transaction that inserts (or reactivates), before the insert.
 * @throws KabarError 402 `package_limit_reached` with details `{ limit, allowed }`
 */
export async function assertRoom(tx: Db | Tx, tenantId: string, limit: LimitName, adding = 1): Promise<void> {
  const room = await lockedRoom(tx, tenantId, limit);
  if (room && room.used + adding > room.allowed)
    throw limitErrors.limitReached({ limit, allowed: room.allowed });
}

/**
 * How many more of `limit` the shop may add (never below 0), or null when unlimited. Takes
 * the same lock as `assertRoom` (an import calls it per batch, in the batch's transaction).
 */
export async function roomLeft(tx: Db | Tx, tenantId: string, limit: LimitName): Promise<number | null> {
  const room = await lockedRoom(tx, tenantId, limit);
  return room ? Math.max(0, room.allowed - room.used) : null;
}

/** What the shop would have to remove to fit `pkg`: one entry per limit it is over. */
async function overLimits(db: Db, tenantId: string, pkg: PackageRow): Promise<OverLimit[]> {
  const usage = await shopUsage(db, tenantId);
  const { numbers, staff } = await numbersAndStaff(db, tenantId);
  const over: OverLimit[] = [];
  if (pkg.numbersLimit !== null && usage.numbers > pkg.numbersLimit)
    over.push({
      limit: "numbers",
      allowed: pkg.numbersLimit,
      used: usage.numbers,
      remove: numbers.slice(pkg.numbersLimit).map(({ id, name }) => ({ id, name })),
    });
  if (pkg.staffLimit !== null && usage.staff > pkg.staffLimit) {
    // The newest staff beyond the limit, never an owner (owners are kept first).
    const keep = [...staff.filter((s) => s.role === "owner"), ...staff.filter((s) => s.role !== "owner")];
    over.push({
      limit: "staff",
      allowed: pkg.staffLimit,
      used: usage.staff,
      remove: keep.slice(Math.max(pkg.staffLimit, 1)).map(({ id, name }) => ({ id, name })),
    });
  }
  if (pkg.contactsLimit !== null && usage.contacts > pkg.contactsLimit)
    over.push({ limit: "contacts", allowed: pkg.contactsLimit, used: usage.contacts });
  return over;
}

/**
 * Schedules a downgrade (`billing.manage`): the shop moves to `packageId` (for `cycle`, default
 * its own) when its period ends — the renewal is charged for that package (the payment reads
 * `next_package_id`) and `applyPaid` starts the new period on it. The package must be offered,
 * not the trial, and cost less than the current one for the cycle.
 * @throws KabarError 403 `forbidden`; 404 `billing_off` (single mode / no subscription),
 *   404 `package_not_found`; 409 `not_a_downgrade`; 409 `over_package_limit` (details.limits);
 *   409 `renewal_already_paid` once the next period is paid (`now` is the billing clock)
 */
async function scheduleDowngrade(
  db: Db,
  enabled: boolean,
  now: Date,
  actor: Actor,
  packageId: string,
  cycle?: BillingCycle,
): Promise<void> {
  requirePermission(actor, "billing.manage");
  const sub = enabled ? await subscriptionOf(db, actor.tenantId) : null;
  if (!sub) throw billingErrors.off();
  if (sub.periodStart > now) throw limitErrors.renewalPaid();
  const pkg = await packageById(db, packageId);
  if (!pkg?.active || pkg.isTrial) throw billingErrors.packageNotFound();
  const nextCycle = cycle ?? sub.cycle;
  const price = (p: PackageRow, c: BillingCycle) => (c === "yearly" ? p.priceYearly : p.priceMonthly);
  if (
    sub.package.isTrial ||
    pkg.id === sub.package.id ||
    price(pkg, nextCycle) >= price(sub.package, nextCycle)
  )
    throw limitErrors.notADowngrade();
  const over = await overLimits(db, actor.tenantId, pkg);
  if (over.length) throw limitErrors.overPackageLimit({ limits: over });
  await setNextPackage(db, actor.tenantId, { packageId: pkg.id, cycle: nextCycle });
}

/**
 * Cancels a scheduled downgrade (`billing.manage`); nothing happens when none was scheduled.
 * @throws KabarError 403 `forbidden`; 404 `billing_off`; 409 `renewal_already_paid`
 */
async function cancelDowngrade(db: Db, enabled: boolean, now: Date, actor: Actor): Promise<void> {
  requirePermission(actor, "billing.manage");
  const sub = enabled ? await subscriptionOf(db, actor.tenantId) : null;
  if (!sub) throw billingErrors.off();
  if (sub.periodStart > now) throw limitErrors.renewalPaid();
  await setNextPackage(db, actor.tenantId, null);
}

/** Downgrades for the HTTP layer: `enabled` is SaaS mode, `now` the billing clock. */
export function createDowngradeService(db: Db, enabled: boolean, now: () => Date) {
  return {
    /** See `scheduleDowngrade`. */
    schedule: (actor: Actor, packageId: string, cycle?: BillingCycle) =>
      scheduleDowngrade(db, enabled, now(), actor, packageId, cycle),
    /** See `cancelDowngrade`. */
    cancel: (actor: Actor) => cancelDowngrade(db, enabled, now(), actor),
    /** A package by id (the scheduled one, for the answer), or null. */
  };
}
