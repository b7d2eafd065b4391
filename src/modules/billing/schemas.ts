/** The shop's billing contract (zod DTOs, also the OpenAPI document; issue 14, SaaS mode). */
import { z } from "zod";
import { BILLING_CYCLES, PAYMENT_KINDS, PAYMENT_STATUSES } from "../../db/schema/billing.js";

/** A package (prices in integer rupiah; quotas and limits null = unlimited). */
export const packageSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  priceMonthly: z.number().int(),
  priceYearly: z.number().int(),
  messageQuota: z.number().int().nullable(),
  numbersLimit: z.number().int().nullable(),
  staffLimit: z.number().int().nullable(),
  contactsLimit: z.number().int().nullable(),
  modules: z.array(z.string()),
  countsAgentReplies: z.boolean(),
  isTrial: z.boolean(),
});

/** `GET /billing`: `{ enabled: false }` in single mode, else the shop's subscription and usage. */
export const billingOverviewSchema = z.union([
  z.object({
    enabled: z.literal(true),
    status: z.enum(["trialing", "active", "past_due", "expired", "suspended"]),
    cycle: z.enum(BILLING_CYCLES),
    periodStart: z.string(),
    periodEnd: z.string(),
    graceUntil: z.string().nullable(),
    package: packageSchema,
    nextPackage: packageSchema.nullable(),
    messages: z.object({
      periodUnits: z.number().int().nullable(),
      periodUsed: z.number().int(),
      topupLeft: z.number().int(),
      topupUsed: z.number().int(),
      left: z.number().int().nullable().describe("Units left (allowance left + top-ups); null = unlimited"),
    }),
    usage: z.object({ numbers: z.number().int(), staff: z.number().int(), contacts: z.number().int() }),
    midtransClientKey: z.string().nullable(),
  }),
  z.object({ enabled: z.literal(false) }),
]);

/** `GET /billing/packages`. */
export const packagesAnswerSchema = z.object({
  packages: z.array(packageSchema),
  topups: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      units: z.number().int(),
      price: z.number().int(),
    }),
  ),
});

/** `POST /billing/checkout`: what to pay for; `packageId` for a subscription or upgrade, `topupPackId` for a top-up. */
export const checkoutBody = z
  .object({
    kind: z.enum(PAYMENT_KINDS),
    packageId: z.uuid().optional(),
    cycle: z.enum(BILLING_CYCLES).optional(),
    topupPackId: z.uuid().optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.kind === "subscription" || b.kind === "upgrade") && !b.packageId)
      ctx.addIssue({ code: "custom", path: ["packageId"], message: "required" });
    if (b.kind === "topup" && !b.topupPackId)
      ctx.addIssue({ code: "custom", path: ["topupPackId"], message: "required" });
  });

/** The answer of checkout: the browser goes to `redirectUrl` (Snap's page). */
export const checkoutAnswerSchema = z.object({
  paymentId: z.uuid(),
  orderId: z.string(),
  grossAmount: z.number().int(),
  token: z.string(),
  redirectUrl: z.string(),
});

/** One payment. */
const paymentSchema = z.object({
  id: z.uuid(),
  orderId: z.string(),
  kind: z.enum(PAYMENT_KINDS),
  status: z.enum(PAYMENT_STATUSES),
  grossAmount: z.number().int(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  description: z.string(),
  invoiceId: z.uuid().nullable(),
});

/** `GET /billing/payments`. */
export const paymentsAnswerSchema = z.object({ payments: z.array(paymentSchema) });

/** `GET /billing/invoices/:id`. */
export const invoiceSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(["unpaid", "paid", "void", "refunded"]),
  issuedAt: z.string(),
  items: z.array(
    z.object({
      name: z.string(),
      quantity: z.number().int(),
      price: z.number().int(),
      amount: z.number().int(),
    }),
  ),
  subtotal: z.number().int(),
  ppnRate: z.number(),
  ppnAmount: z.number().int(),
  total: z.number().int(),
  shopName: z.string(),
});

/** One limit a downgrade would break: 409 `over_package_limit`'s `details.limits` (./limit-errors.ts OverLimit). */
const overLimitSchema = z.object({
  limit: z.enum(["numbers", "staff", "contacts"]),
  allowed: z.number().int(),
  used: z.number().int(),
  remove: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .optional()
    .describe("The newest numbers / staff beyond the limit (never the owner); absent for contacts"),
});

/** 402 `quota_insufficient`'s `details` (./metering-errors.ts): units a campaign needs, units left. */
const quotaShortfallSchema = z.object({ needed: z.number().int(), left: z.number().int() });

z.globalRegistry.add(billingOverviewSchema, { id: "Billing" });
z.globalRegistry.add(packagesAnswerSchema, { id: "BillingPackages" });
z.globalRegistry.add(checkoutAnswerSchema, { id: "CheckoutResult" });
z.globalRegistry.add(overLimitSchema, { id: "OverLimit" });
z.globalRegistry.add(quotaShortfallSchema, { id: "QuotaShortfall" });
z.globalRegistry.add(packageSchema, { id: "Package" });
z.globalRegistry.add(paymentSchema, { id: "Payment" });
z.globalRegistry.add(invoiceSchema, { id: "Invoice" });
z.globalRegistry.add(checkoutBody, { id: "Checkout" });
