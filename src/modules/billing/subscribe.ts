import type { Db, Tx } from "../../db/client.js";
import type { BillingCycle, PaymentKind, SubscriptionStatus } from "./queries/subscriptions.js";
import { KABAR_MODULES } from "../../lib/modules.js";
import { allowanceStart, periodEndFrom, trialEndFrom } from "./period.js";
import {
  addTopupUnits,
  quotaBalance,
  removeTopupUnits,
  setPeriodUnits,
  startQuotaPeriod,
} from "./queries/quota.js";
import {
  packageById,
  type SubscriptionRow,
  type SubscriptionWrite,
  subscriptionOf,
  trialPackage,
  writeSubscription,
} from "./queries/subscriptions.js";
import { statusAt } from "./state.js";

/**
 * Subscription changes (issue 14; docs/billing.md). Each takes a transaction and locks the
 * shop's subscription row first, so a payment, the clock's sweep and the platform admin's
 * suspension never interleave. Times come from the caller (`now`): tests use a fake clock.
 */

/** What a settled payment did, stored on the payment so a refund takes exactly that back. */
export type PaymentEffect =
  | {
      kind: "subscription" | "renewal" | "upgrade";
      /** The subscription before the payment (restored by a refund). */
      before: StoredSubscription;
      /** The subscription after it. */
      after: StoredSubscription;
    }
  | { kind: "topup"; units: number };

/** A subscription's restorable state (ISO times), kept in a payment's effect. */
export interface StoredSubscription {
  packageId: string;
  status: SubscriptionStatus;
  cycle: BillingCycle;
  periodStart: string;
  periodEnd: string;
  graceUntil: string | null;
  periodUnits: number | null;
}

function stored(s: SubscriptionWrite, periodUnits: number | null): StoredSubscription {
  return {
    packageId: s.packageId,
    status: s.status,
    cycle: s.cycle,
    periodStart: s.periodStart.toISOString(),
    periodEnd: s.periodEnd.toISOString(),
    graceUntil: s.graceUntil?.toISOString() ?? null,
    periodUnits,
  };
}

function writeOf(s: SubscriptionRow): SubscriptionWrite {
  return {
    packageId: s.package.id,
    status: s.status,
    cycle: s.cycle,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    graceUntil: s.graceUntil,
    suspendedFrom: s.suspendedFrom,
    nextPackageId: s.nextPackageId,
    nextCycle: s.nextCycle,
  };
}

/**
 * Puts a new shop on the trial package: `trialing` for the package's days from `now`, its
 * message units, its modules. Answers false (nothing written) when the platform has no
 * trial package.
 */
export async function startTrial(tx: Db | Tx, tenantId: string, now: Date): Promise<boolean> {
  const trial = await trialPackage(tx);
  if (!trial) return false;
  const periodEnd = trialEndFrom(now, trial.trialDays ?? 14);
  await writeSubscription(
    tx,
    tenantId,
    {
      packageId: trial.id,
      status: "trialing",
      cycle: "monthly",
      periodStart: now,
      periodEnd,
      graceUntil: null,
      suspendedFrom: null,
      nextPackageId: null,
      nextCycle: null,
    },
    KABAR_MODULES,
  );
  await startQuotaPeriod(tx, tenantId, now, trial.messageQuota);
  return true;
}

/**
 * Moves the shop's subscription with the clock (trial over → expired, period over →
 * past_due, grace over → expired), writing only a change, and starts a new message
 * allowance when an active subscription reaches a month's anniversary of its period's start
 * (on the shop's wall clock). Answers the status now, or null for a shop without a
 * subscription.
 */
export async function advanceSubscription(
  tx: Db | Tx,
  tenantId: string,
  now: Date,
  graceDays: number,
  timeZone: string,
): Promise<SubscriptionStatus | null> {
  const sub = await subscriptionOf(tx, tenantId, true);
  if (!sub) return null;
  const next = statusAt(sub, now, graceDays);
  if (
    next.status !== sub.status ||
    (next.graceUntil?.getTime() ?? null) !== (sub.graceUntil?.getTime() ?? null)
  )
    await writeSubscription(tx, tenantId, { ...writeOf(sub), ...next }, KABAR_MODULES);
  if (next.status === "active") {
    // The allowance restarts on each monthly anniversary of the period's start (a yearly
    // cycle has twelve), and when a renewal paid ahead begins.
    const monthStart = allowanceStart(sub.periodStart, now, timeZone);
    const balance = await quotaBalance(tx, tenantId);
    let quota = sub.package.messageQuota;
    // A renewal paid ahead for a scheduled downgrade (see `applyPaid`) has begun: the shop
    // moves to the package it paid for. (A downgrade only scheduled, not paid, started no
    // new period: its allowance began in this one.)
    if (balance && balance.periodStart < sub.periodStart && sub.periodStart <= now && sub.nextPackageId) {
      const paid = await packageById(tx, sub.nextPackageId);
      if (paid) {
        await writeSubscription(
          tx,
          tenantId,
          { ...writeOf(sub), ...next, packageId: paid.id, nextPackageId: null, nextCycle: null },
          KABAR_MODULES,
        );
        quota = paid.messageQuota;
      }
    }
    if (balance && balance.periodStart < monthStart && monthStart <= now)
      await startQuotaPeriod(tx, tenantId, monthStart, quota);
  }
  return next.status;
}

/** What a payment buys, as the billing module applies it. */
interface PaidPurchase {
  kind: PaymentKind;
  /** subscription / renewal / upgrade: the package paid for. */
  packageId: string | null;
  cycle: BillingCycle | null;
  /** topup: the units bought. */
  units?: number;
}

/**
 * Applies a settled payment (docs/billing.md, "What a payment does"):
 * - `subscription` (from a trial, an expired subscription, or another package): a new period
 *   of the package starts now, with its full allowance (top-ups kept);
 * - `renewal`: the next period of the package paid for (a scheduled downgrade's, if any)
 *   starts where the current one ends — or now, when the grace is over (expired);
 * - `upgrade`: the package changes now, the period and what was used stay, the allowance
 *   becomes the new package's;
 * - `topup`: the units are added to the shop's top-ups.
 * A suspended shop's payment applies to the subscription it will resume to.
 * Answers the effect (stored on the payment for a refund).
 * @throws Error when the shop has no subscription or the package does not exist (a payment
 *   Kabar created always names both).
 */
export async function applyPaid(
  tx: Db | Tx,
  tenantId: string,
  purchase: PaidPurchase,
  now: Date,
  timeZone: string,
): Promise<PaymentEffect> {
  const sub = await subscriptionOf(tx, tenantId, true);
  if (!sub) throw new Error(`shop ${tenantId} has no subscription`);
  if (purchase.kind === "topup") {
    const units = purchase.units ?? 0;
    await addTopupUnits(tx, tenantId, units);
    return { kind: "topup", units };
  }
  const pkg = await packageById(tx, purchase.packageId ?? "");
  if (!pkg) throw new Error(`package ${purchase.packageId} does not exist`);
  const before = writeOf(sub);
  const cycle = purchase.cycle ?? sub.cycle;
  const suspended = sub.status === "suspended";
  const live = suspended ? (sub.suspendedFrom ?? "active") : sub.status;
  let after: SubscriptionWrite;
  if (purchase.kind === "upgrade") {
    // An upgrade drops a scheduled downgrade: the shop chose the bigger package.
    after = { ...before, packageId: pkg.id, nextPackageId: null, nextCycle: null };
    await setPeriodUnits(tx, tenantId, pkg.messageQuota);
  } else {
    // A renewal continues the period (paid ahead while active, or within the grace); anything
    // else — a purchase, a renewal after expiry — starts a period now.
    const continues = purchase.kind === "renewal" && (live === "active" || live === "past_due");
    const start = continues ? sub.periodEnd : now;
    // A renewal paid ahead for another package (a scheduled downgrade): the package paid for
    // this period stays until the paid one begins; `advanceSubscription` then switches.
    const later = start > now && pkg.id !== sub.package.id;
    after = {
      ...before,
      packageId: later ? sub.package.id : pkg.id,
      cycle,
      periodStart: start,
      periodEnd: periodEndFrom(start, cycle, timeZone),
      graceUntil: null,
      nextPackageId: later ? pkg.id : null,
      nextCycle: later ? cycle : null,
    };
    // The allowance restarts when the new period has begun; a renewal paid ahead keeps this
    // period's until the sweep starts the next one.
    if (start <= now) await startQuotaPeriod(tx, tenantId, start, pkg.messageQuota);
  }
  const status: SubscriptionStatus = statusAt({ ...after, status: "active" }, now, 0).status;
  after = suspended ? { ...after, suspendedFrom: status } : { ...after, status, suspendedFrom: null };
  await writeSubscription(tx, tenantId, after, KABAR_MODULES);
  return {
    kind: purchase.kind,
    before: stored(before, sub.package.messageQuota),
    after: stored(after, pkg.messageQuota),
  };
}

/**
 * Puts a shop on a package by the platform admin's hand, no payment (docs/billing.md
 * "Platform console"): a shop made before SaaS mode (no subscription, unmetered) gets its
 * first subscription; any other shop a new period, exactly as if it had bought the package
 * now (`applyPaid` kind `subscription`). The period starts `now` (`cycle` long, ending on the
 * shop's wall clock in `timeZone`) with the package's full allowance, status `active`
 * (a suspended shop stays suspended and resumes to it).
 * Answers the status before (null: the shop had none).
 * @throws Error when the package does not exist or is the trial package (callers check first)
 */
export async function grantPackage(
  tx: Db | Tx,
  tenantId: string,
  pkg: { id: string; isTrial: boolean },
  cycle: BillingCycle,
  now: Date,
  timeZone: string,
): Promise<SubscriptionStatus | null> {
  if (pkg.isTrial) throw new Error("the trial package is not granted");
  const sub = await subscriptionOf(tx, tenantId, true);
  if (sub) {
    await applyPaid(tx, tenantId, { kind: "subscription", packageId: pkg.id, cycle }, now, timeZone);
    return sub.status;
  }
  const found = await packageById(tx, pkg.id);
  if (!found) throw new Error(`package ${pkg.id} does not exist`);
  await writeSubscription(
    tx,
    tenantId,
    {
      packageId: found.id,
      status: "active",
      cycle,
      periodStart: now,
      periodEnd: periodEndFrom(now, cycle, timeZone),
      graceUntil: null,
      suspendedFrom: null,
      nextPackageId: null,
      nextCycle: null,
    },
    KABAR_MODULES,
  );
  await startQuotaPeriod(tx, tenantId, now, found.messageQuota);
  return null;
}

/**
 * Takes a refunded payment's effect back (docs/billing.md, "Refunds"): a top-up's units
 * still unused are removed (units already sent are not); a subscription, renewal or upgrade
 * returns the subscription to what it was before the payment (package, period, allowance),
 * re-evaluated at `now` — so the days it bought are gone and the shop may be past due or
 * expired at once. Answers the units taken back (top-ups) or 0.
 */
export async function applyRefund(
  tx: Db | Tx,
  tenantId: string,
  effect: PaymentEffect,
  now: Date,
  graceDays: number,
): Promise<number> {
  if (effect.kind === "topup") return removeTopupUnits(tx, tenantId, effect.units);
  const sub = await subscriptionOf(tx, tenantId, true);
  if (!sub) return 0;
  const b = effect.before;
  const restored: SubscriptionWrite = {
    ...writeOf(sub),
    packageId: b.packageId,
    cycle: b.cycle,
    periodStart: new Date(b.periodStart),
    periodEnd: new Date(b.periodEnd),
    graceUntil: b.graceUntil ? new Date(b.graceUntil) : null,
  };
  const live = statusAt(
    { ...restored, status: b.status === "trialing" ? "trialing" : "active" },
    now,
    graceDays,
  );
  const write =
    sub.status === "suspended"
      ? { ...restored, suspendedFrom: live.status, graceUntil: live.graceUntil }
      : { ...restored, status: live.status, graceUntil: live.graceUntil };
  await writeSubscription(tx, tenantId, write, KABAR_MODULES);
  await setPeriodUnits(tx, tenantId, b.periodUnits);
  return 0;
}

/**
 * Suspends the shop (the platform admin): sending stops at once (`send_block`), data and
 * sign-in stay. Answers the status it had, or null when the shop has no subscription or is
 * already suspended.
 */
export async function suspendSubscription(
  tx: Db | Tx,
  tenantId: string,
  reason: string | null,
): Promise<SubscriptionStatus | null> {
  const sub = await subscriptionOf(tx, tenantId, true);
  if (!sub || sub.status === "suspended") return null;
  await writeSubscription(
    tx,
    tenantId,
    { ...writeOf(sub), status: "suspended", suspendedFrom: sub.status, suspendedReason: reason },
    KABAR_MODULES,
  );
  return sub.status;
}

/**
 * Resumes a suspended shop to the status it had, moved with the clock since (a trial that
 * ended meanwhile resumes expired). Answers the status, or null when it was not suspended.
 */
export async function resumeSubscription(
  tx: Db | Tx,
  tenantId: string,
  now: Date,
  graceDays: number,
): Promise<SubscriptionStatus | null> {
  const sub = await subscriptionOf(tx, tenantId, true);
  if (sub?.status !== "suspended") return null;
  const next = statusAt({ ...sub, status: sub.suspendedFrom ?? "active" }, now, graceDays);
  await writeSubscription(
    tx,
    tenantId,
    { ...writeOf(sub), ...next, suspendedFrom: null, suspendedReason: null },
    KABAR_MODULES,
  );
  return next.status;
}
