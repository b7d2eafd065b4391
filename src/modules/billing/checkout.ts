import dayjs from "dayjs";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import { recordAudit } from "../audit/index.js";
import { newOrderId, ppnAmount } from "./amounts.js";
import { billingErrors } from "./errors.js";
import type { MidtransClient } from "./midtrans/client.js";
import { upgradePrice } from "./period.js";
import {
  buyerOf,
  insertPayment,
  movePayment,
  type PaymentItem,
  setPaymentSnap,
  topupPackById,
} from "./queries/payments.js";
import { type BillingCycle, type PackageRow, packageById, subscriptionOf } from "./queries/subscriptions.js";

/** What the owner asks to pay for (`POST /billing/checkout`). */
export interface CheckoutInput {
  kind: "subscription" | "renewal" | "upgrade" | "topup";
  /** subscription, upgrade: the package. */
  packageId?: string;
  /** subscription: the cycle (default the current one). */
  cycle?: BillingCycle;
  /** topup: the pack. */
  topupPackId?: string;
}

/** The answer: the payment made and where the browser goes to pay (Snap's page). */
export interface CheckoutResult {
  paymentId: string;
  orderId: string;
  /** Integer rupiah, PPN included. */
  grossAmount: number;
  token: string;
  redirectUrl: string;
}

/** What checkout needs from the composition root. */
interface CheckoutDeps {
  db: Db;
  midtrans: MidtransClient;
  now: () => Date;
  /** KABAR_PPN_RATE, percent. */
  ppnRate: number;
  /** Kabar's public origin: Snap sends the browser back to `{origin}/billing?payment=<orderId>`. */
  publicOrigin: string;
  log?: Pick<Logger, "warn">;
}

const cyclePrice = (p: PackageRow, cycle: BillingCycle) =>
  cycle === "yearly" ? p.priceYearly : p.priceMonthly;
const cycleName = (cycle: BillingCycle) => (cycle === "yearly" ? "tahunan" : "bulanan");

/** A purchasable package: exists, offered, not the trial, not free. */
async function offered(db: Db, id: string | undefined): Promise<PackageRow> {
  const p = id ? await packageById(db, id) : null;
  if (!p?.active || p.isTrial || p.priceMonthly <= 0 || p.priceYearly <= 0)
    throw billingErrors.packageNotFound();
  return p;
}

/**
 * What the purchase costs and buys (before PPN): the package's price for the cycle
 * (subscription; renewal — of a scheduled downgrade's package when there is one), the
 * prorated difference for the rest of the period (upgrade, `upgradePrice`), or the pack's
 * price (topup).
 */
async function priceOf(
  db: Db,
  tenantId: string,
  input: CheckoutInput,
  now: Date,
): Promise<{
  item: PaymentItem;
  packageId: string | null;
  cycle: BillingCycle | null;
  topupPackId: string | null;
}> {
  const item = (name: string, price: number): PaymentItem => ({ name, quantity: 1, price, amount: price });
  // A shop without a subscription is not billed (GET /billing says `enabled: false`).
  const sub = await subscriptionOf(db, tenantId);
  if (!sub) throw billingErrors.off();
  if (input.kind === "topup") {
    const pack = input.topupPackId ? await topupPackById(db, input.topupPackId) : null;
    if (!pack?.active) throw billingErrors.topupNotFound();
    return { item: item(pack.name, pack.price), packageId: null, cycle: null, topupPackId: pack.id };
  }
  if (input.kind === "subscription") {
    const pkg = await offered(db, input.packageId);
    const cycle = input.cycle ?? sub.cycle;
    return {
      item: item(`${pkg.name} (${cycleName(cycle)})`, cyclePrice(pkg, cycle)),
      packageId: pkg.id,
      cycle,
      topupPackId: null,
    };
  }
  if (input.kind === "renewal") {
    if (sub.package.isTrial && !sub.nextPackageId) throw billingErrors.nothingToRenew();
    const pkg = await offered(db, sub.nextPackageId ?? sub.package.id);
    const cycle = sub.nextCycle ?? sub.cycle;
    return {
      item: item(`${pkg.name} (${cycleName(cycle)}), perpanjangan`, cyclePrice(pkg, cycle)),
      packageId: pkg.id,
      cycle,
      topupPackId: null,
    };
  }
  const pkg = await offered(db, input.packageId);
  const live = sub.status === "suspended" ? sub.suspendedFrom : sub.status;
  if (sub.package.isTrial || (live !== "active" && live !== "past_due")) throw billingErrors.notAnUpgrade();
  const price = upgradePrice(
    cyclePrice(sub.package, sub.cycle),
    cyclePrice(pkg, sub.cycle),
    { start: sub.periodStart, end: sub.periodEnd },
    now,
  );
  if (price <= 0) throw billingErrors.notAnUpgrade();
  return {
    item: item(`Naik ke ${pkg.name}, sisa periode`, price),
    packageId: pkg.id,
    cycle: sub.cycle,
    topupPackId: null,
  };
}

/**
 * Checkout (issue 14, docs/billing.md "Payments through Midtrans"): prices the purchase,
 * writes a `pending` payment with a new order id and its `unpaid` invoice (PPN from
 * KABAR_PPN_RATE), records `billing.checkout` in the audit log, then asks Snap for a
 * transaction and stores its token and page. Needs `billing.manage` (the caller checked it).
 * @throws KabarError 404 `package_not_found` / `topup_pack_not_found`, 409 `not_an_upgrade`,
 *   409 `nothing_to_renew`, 502 `payment_provider_unavailable` (the payment is then marked
 *   failed and its invoice void).
 */
export async function checkout(d: CheckoutDeps, actor: Actor, input: CheckoutInput): Promise<CheckoutResult> {
  const now = d.now();
  const { item, packageId, cycle, topupPackId } = await priceOf(d.db, actor.tenantId, input, now);
  const buyer = await buyerOf(d.db, actor.tenantId, actor.userId);
  if (!buyer) throw billingErrors.off();
  const ppn = ppnAmount(item.amount, d.ppnRate);
  const items: PaymentItem[] = [
    item,
    ...(ppn > 0 ? [{ name: `PPN ${d.ppnRate}%`, quantity: 1, price: ppn, amount: ppn }] : []),
  ];
  const total = item.amount + ppn;
  const orderId = newOrderId(now);
  const made = await d.db.transaction(async (tx) => {
    const m = await insertPayment(tx, {
      tenantId: actor.tenantId,
      orderId,
      kind: input.kind,
      packageId,
      cycle,
      topupPackId,
      items,
      subtotal: item.amount,
      ppnRate: d.ppnRate,
      ppnAmount: ppn,
      total,
      yearMonth: dayjs(now).tz("Asia/Jakarta").format("YYYY/MM"),
    });
    await recordAudit(tx, actor, {
      action: "billing.checkout",
      target: { type: "payment", id: m.paymentId, name: orderId },
      changes: { kind: [null, input.kind], grossAmount: [null, total], invoice: [null, m.number] },
    });
    return m;
  });
  try {
    const snap = await d.midtrans.createTransaction({
      orderId,
      grossAmount: total,
      items: items.map((i, n) => ({
        id: n === 0 ? (packageId ?? topupPackId ?? "item") : "ppn",
        price: i.price,
        quantity: i.quantity,
        name: i.name.slice(0, 50),
      })),
      customer: { firstName: buyer.name.slice(0, 255), email: buyer.email },
      finishUrl: `${d.publicOrigin}/billing?payment=${encodeURIComponent(orderId)}`,
    });
    await setPaymentSnap(d.db, made.paymentId, snap.token, snap.redirectUrl);
    return {
      paymentId: made.paymentId,
      orderId,
      grossAmount: total,
      token: snap.token,
      redirectUrl: snap.redirectUrl,
    };
  } catch (err) {
    d.log?.warn({ orderId, reason: (err as Error).message }, "Midtrans did not create the transaction");
    await d.db.transaction((tx) =>
      movePayment(tx, made.paymentId, { status: "failed", midtransStatus: "snap_error" }),
    );
    throw billingErrors.providerUnavailable();
  }
}
