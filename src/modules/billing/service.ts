import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { BillingCycle, SubscriptionStatus } from "./queries/subscriptions.js";
import { type Actor, requirePermission } from "../../lib/actor.js";
import { tenantTimeZone } from "../tenants/index.js";
import { type QuotaBalance, quotaBalance } from "./queries/quota.js";
import { type PackageRow, subscriptionOf, subscriptionsDue } from "./queries/subscriptions.js";
import { type ShopUsage, shopUsage } from "./queries/usage.js";
import { advanceSubscription } from "./subscribe.js";

/** How the billing module is set up (from the configuration; tests pass a fake clock). */
export interface BillingOptions {
  /** `saas`: billing is on; `single`: every verb answers as for a shop without billing. */
  mode: "single" | "saas";
  /** Days an active subscription past its period may still send (KABAR_GRACE_DAYS). */
  graceDays: number;
  /** The clock (default: the real one). */
  now?: () => Date;
}

/** The billing page's summary of a shop (SaaS mode). Quotas null = unlimited. */
interface BillingSummary {
  status: SubscriptionStatus;
  cycle: BillingCycle;
  periodStart: Date;
  periodEnd: Date;
  /** Past due: sending is allowed until then. */
  graceUntil: Date | null;
  package: PackageRow;
  /** A downgrade taking effect at the period's end. */
  nextPackageId: string | null;
  messages: QuotaBalance | null;
  usage: ShopUsage;
}

/** The billing verbs that do not touch Midtrans: the clock's sweep and the shop's summary. */
export function createBillingService(db: Db, opts: BillingOptions, log?: Pick<Logger, "error">) {
  const now = opts.now ?? (() => new Date());
  return {
    /** Whether Kabar runs as a SaaS (billing on). */
    get enabled(): boolean {
      return opts.mode === "saas";
    },
    /** The clock billing uses (tests move it). */
    now,
    /**
     * Moves every due subscription with the clock (state machine and monthly allowance), one
     * transaction per shop; a shop that fails is logged and the others go on. Answers how many
     * shops were looked at. Nothing in single mode.
     */
    async sweep(): Promise<number> {
      if (opts.mode !== "saas") return 0;
      const at = now();
      const due = await subscriptionsDue(db, at);
      for (const tenantId of due) {
        try {
          const zone = (await tenantTimeZone(db, tenantId)) ?? "Asia/Jakarta";
          await db.transaction((tx) => advanceSubscription(tx, tenantId, at, opts.graceDays, zone));
        } catch (err) {
          log?.error({ err, tenantId }, "moving a subscription with the clock failed");
        }
      }
      return due.length;
    },
    /**
     * The shop's subscription, message units and usage against its package (the billing page).
     * Needs `billing.read`. Null in single mode or for a shop without a subscription.
     */
    async summary(actor: Actor): Promise<BillingSummary | null> {
      requirePermission(actor, "billing.read");
      if (opts.mode !== "saas") return null;
      const sub = await subscriptionOf(db, actor.tenantId);
      if (!sub) return null;
      const [messages, usage] = await Promise.all([
        quotaBalance(db, actor.tenantId),
        shopUsage(db, actor.tenantId),
      ]);
      return {
        status: sub.status,
        cycle: sub.cycle,
        periodStart: sub.periodStart,
        periodEnd: sub.periodEnd,
        graceUntil: sub.graceUntil,
        package: sub.package,
        nextPackageId: sub.nextPackageId,
        messages,
        usage,
      };
    },
  };
}

/** The billing service (the composition root makes one). */
export type BillingService = ReturnType<typeof createBillingService>;
