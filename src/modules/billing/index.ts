/**
 * The billing module's public surface (issue 14, SaaS mode; docs/billing.md): packages,
 * subscriptions and their state machine, message units (quota), usage against limits.
 */
export {
  createBillingService,
  type BillingOptions,
  type BillingService,
  type BillingSummary,
} from "./service.js";
export { billingSweepJob } from "./jobs/billing-sweep.js";
export {
  applyPaid,
  applyRefund,
  resumeSubscription,
  startTrial,
  suspendSubscription,
  type PaymentEffect,
} from "./subscribe.js";
export { giveBackUnits, lockUnitsLeft, quotaBalance, takeUnits, UNMETERED } from "./queries/quota.js";
export {
  listPackages,
  packageById,
  subscriptionOf,
  trialPackage,
  type PackageRow,
  type SubscriptionStatus,
} from "./queries/subscriptions.js";
export { shopUsage, type ShopUsage } from "./queries/usage.js";
export { maySend } from "./state.js";
export { upgradePrice } from "./period.js";
export { assertRoom, createDowngradeService, roomLeft } from "./limits.js";
export { limitErrors } from "./limit-errors.js";
