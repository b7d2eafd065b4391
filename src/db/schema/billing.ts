import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";

/**
 * Billing (issue 14, SaaS mode only; docs/billing.md). In single mode these tables stay
 * empty and nothing reads them on a hot path.
 */

/** Where a shop's subscription stands (docs/billing.md, the state machine). */
export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "expired", "suspended"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** How often a subscription is paid. */
export const BILLING_CYCLES = ["monthly", "yearly"] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** What a payment buys. */
export const PAYMENT_KINDS = ["subscription", "renewal", "upgrade", "topup"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** A payment's state in Kabar (mapped from Midtrans' `transaction_status`, docs/billing.md). */
export const PAYMENT_STATUSES = ["pending", "paid", "failed", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * A package the platform sells: prices in integer rupiah, quotas per period (null =
 * unlimited), and the modules it includes (keys of src/lib/modules.ts; the others are
 * switched off for its shops). `trialDays` set makes it the trial package (one at most is
 * `isTrial`). `countsAgentReplies`: agents' replies inside a conversation use message units
 * too (off by default: only what Kabar sends on its own counts).
 */
export const packages = pgTable(
  "packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stable short name (`trial`, `basic`, `pro`), unique. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** Rupiah per month (0 for the trial). */
    priceMonthly: integer("price_monthly").notNull(),
    /** Rupiah per year. */
    priceYearly: integer("price_yearly").notNull(),
    /** Message units per period (a month, or the trial); null = unlimited. */
    messageQuota: integer("message_quota"),
    numbersLimit: integer("numbers_limit"),
    staffLimit: integer("staff_limit"),
    contactsLimit: integer("contacts_limit"),
    modules: text("modules").array().notNull(),
    countsAgentReplies: boolean("counts_agent_replies").notNull().default(false),
    isTrial: boolean("is_trial").notNull().default(false),
    /** The trial's length in days (trial package only). */
    trialDays: integer("trial_days"),
    /** Offered to shops (an inactive package keeps its subscribers). */
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("packages_code_unique").on(t.code),
    uniqueIndex("packages_one_trial").on(t.isTrial).where(sql`${t.isTrial}`),
    check(
      "packages_amounts_check",
      sql`${t.priceMonthly} >= 0 AND ${t.priceYearly} >= 0 AND coalesce(${t.messageQuota}, 0) >= 0`,
    ),
  ],
);

/** A pack of message units bought on top of a package; its units last until used. */
export const topupPacks = pgTable(
  "topup_packs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    units: integer("units").notNull(),
    /** Rupiah. */
    price: integer("price").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("topup_packs_code_unique").on(t.code),
    check("topup_packs_amounts_check", sql`${t.units} > 0 AND ${t.price} > 0`),
  ],
);

/**
 * A shop's subscription (one per shop in SaaS mode). The period is [periodStart, periodEnd);
 * past its end an `active` subscription is `past_due` until `graceUntil`, then `expired`; a
 * trial is `expired` at its end. `nextPackageId` is a downgrade taking effect at the period's
 * end. `suspendedFrom` keeps the status a suspension interrupted (resume returns to it,
 * re-evaluated against the clock).
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    packageId: uuid("package_id")
      .notNull()
      .references(() => packages.id),
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull(),
    cycle: text("cycle", { enum: BILLING_CYCLES }).notNull().default("monthly"),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    /** Set when the subscription went past due: sending is allowed until then. */
    graceUntil: timestamp("grace_until", { withTimezone: true }),
    nextPackageId: uuid("next_package_id").references(() => packages.id),
    nextCycle: text("next_cycle", { enum: BILLING_CYCLES }),
    suspendedFrom: text("suspended_from", { enum: SUBSCRIPTION_STATUSES }),
    suspendedReason: text("suspended_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("subscriptions_period_end_idx").on(t.periodEnd),
    check("subscriptions_period_check", sql`${t.periodEnd} > ${t.periodStart}`),
  ],
);

/**
 * A shop's message units (the hot row every send claims from; kept apart from
 * `subscriptions` so a claim locks nothing else). `periodUnits` is the package's allowance for
 * the current period (null = unlimited), `periodUsed` what was taken from it; `topupLeft` is
 * what is left of bought top-ups (never expires), `topupUsed` what was taken from top-ups
 * this period (usage shown to the shop and the platform). Units are reserved when a message
 * is claimed for sending and given back in the transaction that records its failure
 * (docs/billing.md, "Quota metering").
 */
export const quotaBalances = pgTable(
  "quota_balances",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodUnits: integer("period_units"),
    periodUsed: integer("period_used").notNull().default(0),
    topupLeft: integer("topup_left").notNull().default(0),
    topupUsed: integer("topup_used").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "quota_balances_check",
      sql`${t.periodUsed} >= 0 AND ${t.topupLeft} >= 0 AND ${t.topupUsed} >= 0
        AND (${t.periodUnits} IS NULL OR ${t.periodUsed} <= ${t.periodUnits})`,
    ),
  ],
);

/**
 * One payment attempt through Midtrans Snap. `orderId` is the `order_id` sent to Midtrans
 * (unique per attempt); `grossAmount` the integer rupiah charged; `items` the `item_details`
 * sent. `effect` records what a settled payment applied (days added, units added, package
 * moved to) so a refund can take exactly that back. `midtransStatus` is the last
 * `transaction_status` confirmed through the status API.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    orderId: text("order_id").notNull(),
    kind: text("kind", { enum: PAYMENT_KINDS }).notNull(),
    packageId: uuid("package_id").references(() => packages.id),
    cycle: text("cycle", { enum: BILLING_CYCLES }),
    topupPackId: uuid("topup_pack_id").references(() => topupPacks.id),
    grossAmount: integer("gross_amount").notNull(),
    items: jsonb("items").notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("pending"),
    midtransStatus: text("midtrans_status"),
    snapToken: text("snap_token"),
    redirectUrl: text("redirect_url"),
    effect: jsonb("effect"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payments_order_id_unique").on(t.orderId),
    index("payments_tenant_idx").on(t.tenantId, t.createdAt),
    check("payments_amount_check", sql`${t.grossAmount} > 0`),
  ],
);

/**
 * A payment's invoice: number `INV-KBR/YYYY/MM/NNNN` (unique), the items and amounts in
 * rupiah, the PPN rate in percent applied (0 when none) and its amount, and its status
 * (`unpaid` until the payment settles, `paid`, `void` when it failed, `refunded`).
 */
export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    items: jsonb("items").notNull(),
    subtotal: integer("subtotal").notNull(),
    ppnRate: numeric("ppn_rate", { precision: 5, scale: 2 }).notNull().default("0"),
    ppnAmount: integer("ppn_amount").notNull().default(0),
    total: integer("total").notNull(),
    status: text("status", { enum: ["unpaid", "paid", "void", "refunded"] })
      .notNull()
      .default("unpaid"),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invoices_number_unique").on(t.number),
    uniqueIndex("invoices_payment_unique").on(t.paymentId),
    index("invoices_tenant_idx").on(t.tenantId, t.issuedAt),
  ],
);
