/**
 * SaaS billing (issue 14, docs/billing.md): the shop's subscription, packages, checkout
 * through Midtrans, downgrades, payments and invoices. In single mode `GET /billing`
 * answers `{ enabled: false }` and no billing UI shows anywhere.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import { useCan } from "./session";

// Replaced by Schemas[...] once the routes merge: the DTOs below follow the contract of issue 14.

/** A package as the API shows it; prices in whole rupiah, a null limit is unlimited. */
export interface PackageDto {
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
}

/** A subscription's state (src/modules/billing/state.ts). */
export type SubscriptionStatus = "trialing" | "active" | "past_due" | "expired" | "suspended";

/** A billing cycle. */
export type BillingCycle = "monthly" | "yearly";

/** `GET /billing` in SaaS mode: dates are ISO strings. */
export interface BillingSummary {
  enabled: true;
  status: SubscriptionStatus;
  cycle: BillingCycle;
  periodStart: string;
  periodEnd: string;
  graceUntil: string | null;
  package: PackageDto;
  /** The package a scheduled downgrade switches to at `periodEnd`. */
  nextPackage: PackageDto | null;
  /** Message units: the period's allowance (null: unlimited), used, top-ups; `left` null is unlimited. */
  messages: {
    periodUnits: number | null;
    periodUsed: number;
    topupLeft: number;
    topupUsed: number;
    left: number | null;
  };
  usage: { numbers: number; staff: number; contacts: number };
  midtransClientKey: string | null;
}

/** `GET /billing`: single mode, or the SaaS summary. */
export type Billing = { enabled: false } | BillingSummary;

/** A top-up pack: `units` messages for `price` rupiah, lasting until used. */
interface TopupPack {
  id: string;
  code: string;
  name: string;
  units: number;
  price: number;
}

/** `POST /billing/checkout` body. */
export type CheckoutInput =
  | { kind: "subscription" | "upgrade"; packageId: string; cycle: BillingCycle }
  | { kind: "renewal"; cycle?: BillingCycle }
  | { kind: "topup"; topupPackId: string };

/** `POST /billing/checkout` answer: where the browser goes to pay (`grossAmount` in rupiah). */
interface Checkout {
  paymentId: string;
  orderId: string;
  grossAmount: number;
  token: string;
  redirectUrl: string;
}

/** A limit a downgrade would break (409 `over_package_limit` details, one per limit). */
interface LimitProblem {
  limit: "numbers" | "staff" | "contacts";
  allowed: number;
  used: number;
  remove?: { id: string; name: string }[];
}

/** A payment of the shop. */
export interface Payment {
  id: string;
  orderId: string;
  kind: "subscription" | "renewal" | "upgrade" | "topup";
  status: "pending" | "paid" | "failed" | "refunded";
  grossAmount: number;
  createdAt: string;
  paidAt: string | null;
  description: string;
  invoiceId: string | null;
}

/** An invoice; amounts in rupiah, `ppnRate` a fraction (0.11 = 11 %). */
interface Invoice {
  id: string;
  number: string;
  status: string;
  issuedAt: string;
  items: { name: string; quantity: number; price: number; amount: number }[];
  subtotal: number;
  ppnRate: number;
  ppnAmount: number;
  total: number;
  shopName: string;
}

/**
 * The shop's billing, for those holding `billing.read` (others never ask: the API would
 * answer 403). `data` is undefined while unknown or not allowed; check `enabled` before
 * showing anything.
 */
export function useBilling() {
  const allowed = useCan()("billing.read");
  return useQuery({
    queryKey: keys.billing,
    queryFn: () => api<Billing>("GET", "/billing"),
    enabled: allowed,
    staleTime: 60_000,
  });
}

/** The packages on sale (active, not the trial) and the top-up packs. */
export function useBillingPackages(enabled = true) {
  return useQuery({
    queryKey: keys.billingPackages,
    queryFn: () => api<{ packages: PackageDto[]; topups: TopupPack[] }>("GET", "/billing/packages"),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * The shop's payments. `watch` refetches every 3 s while it returns true for the list (a
 * payment waiting for Midtrans' confirmation).
 */
export function usePayments(watch?: (payments: Payment[] | undefined) => boolean) {
  return useQuery({
    queryKey: keys.billingPayments,
    queryFn: () => api<{ payments: Payment[] }>("GET", "/billing/payments").then((r) => r.payments),
    refetchInterval: (q) => (watch?.(q.state.data) ? 3000 : false),
    placeholderData: keepPreviousData,
  });
}

/** One invoice (null id: nothing asked). */
export function useInvoice(id: string | null) {
  return useQuery({
    queryKey: keys.invoice(id ?? ""),
    queryFn: () => api<Invoice>("GET", `/billing/invoices/${id}`),
    enabled: id !== null,
  });
}

/** Where an invoice's PDF downloads (a plain link: the session cookie goes with it). */
export const invoicePdfUrl = (id: string) => `/api/v1/billing/invoices/${id}/pdf`;

/**
 * Starts a payment: the answer holds Midtrans' (or the fake's) payment page, which the
 * caller opens with {@link goToPayment}.
 * @throws ApiError 404 `package_not_found`, 409 `not_an_upgrade`, 502 `payment_provider_unavailable`
 */
export function useCheckout() {
  return useMutation({
    mutationFn: (input: CheckoutInput) => api<Checkout>("POST", "/billing/checkout", input),
  });
}

/** Sends the browser to the payment page; it comes back to `/billing?payment=<orderId>`. */
export function goToPayment(checkout: Checkout): void {
  window.location.assign(checkout.redirectUrl);
}

/**
 * Schedules a downgrade for the period's end; the answer replaces the billing summary.
 * @throws ApiError 409 `over_package_limit` whose `details` is a {@link LimitProblem} list
 */
export function useDowngrade() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { packageId: string; cycle?: BillingCycle }) =>
      api<Billing>("POST", "/billing/downgrade", input),
    onSuccess: (billing) => qc.setQueryData(keys.billing, billing),
  });
}

/** Cancels the scheduled downgrade. */
export function useCancelDowngrade() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>("DELETE", "/billing/downgrade"),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.billing }),
  });
}

/**
 * The limit problems of a 409 `over_package_limit` (its `details`: a list, or `{ limits }`),
 * empty for anything else.
 */
export function limitProblems(details: unknown): LimitProblem[] {
  const list = Array.isArray(details)
    ? details
    : (details as { limits?: unknown } | null | undefined)?.limits;
  return Array.isArray(list) ? (list as LimitProblem[]) : [];
}
