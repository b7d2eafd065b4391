/**
 * The billing module's public surface (issue 14, SaaS mode; docs/billing.md): packages,
 * subscriptions and their state machine, message units (quota), usage against limits.
 */
export {
  createBillingService,
  type BillingOptions,
  type BillingService,
} from "./service.js";
export { billingSweepJob } from "./jobs/billing-sweep.js";
export {
  applyPaid,
  applyRefund,
  grantPackage,
  resumeSubscription,
  startTrial,
  suspendSubscription,
} from "./subscribe.js";
export { giveBackUnits, lockUnitsLeft, quotaBalance, takeUnits, UNMETERED } from "./queries/quota.js";
export {
  listPackages,
  subscriptionOf,
  trialPackage,
  type PackageRow,
  type SubscriptionStatus,
} from "./queries/subscriptions.js";
export { upgradePrice } from "./period.js";
export { createPaymentService, type PaymentServiceDeps } from "./payment-service.js";
export { billingErrors } from "./errors.js";
export { createMidtransClient } from "./midtrans/client.js";
export { startFakeMidtrans, type FakeMidtrans } from "./midtrans/fake/server.js";
export { holdUnitFor, sendGateOf, takeUnitsUpTo, unitsLeftOf } from "./queries/metering.js";
export { meteringErrors } from "./metering-errors.js";
export { assertRoom, createDowngradeService, roomLeft } from "./limits.js";
export { limitErrors } from "./limit-errors.js";
export { billingOverviewSchema, packageSchema } from "./schemas.js";
