/**
 * SaaS billing (issue 14, docs/billing.md): the shop's subscription, packages, checkout
 * through Midtrans, downgrades, payments and invoices. In single mode `GET /billing`
 * answers `{ enabled: false }` and no billing UI shows anywhere.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import { useCan } from "./session";
import type { Schemas } from "./types";

/** A package as the API shows it; prices in whole rupiah, a null limit is unlimited. */
export type PackageDto = Schemas["Package"];

/** `GET /billing`: single mode (or a shop without a subscription), or the SaaS summary. */
export type Billing = Schemas["Billing"];

/** `GET /billing` in SaaS mode: dates are ISO strings; `nextPackage` is a scheduled downgrade's. */
export type BillingSummary = Extract<Billing, { enabled: true }>;

/** A subscription's state (src/modules/billing/state.ts). */
export type SubscriptionStatus = BillingSummary["status"];

/** A billing cycle. */
export type BillingCycle = BillingSummary["cycle"];

/** `GET /billing/packages`: the packages on sale and the top-up packs (`units` messages for `price` rupiah). */
type BillingPackages = Schemas["BillingPackages"];

/** `POST /billing/checkout` body: `packageId` for a subscription or upgrade, `topupPackId` for a top-up. */
export type CheckoutInput = Schemas["CheckoutInput"];

/** `POST /billing/checkout` answer: where the browser goes to pay (`grossAmount` in rupiah). */
type CheckoutResult = Schemas["CheckoutResult"];

/** `POST /billing/downgrade` body. */
type DowngradeInput = Schemas["DowngradeInput"];

/** A limit a downgrade would break (409 `over_package_limit`'s `details.limits`, one per limit). */
type LimitProblem = Schemas["OverLimit"];

/** A payment of the shop. */
export type Payment = Schemas["Payment"];

/** An invoice; amounts in rupiah, `ppnRate` in percent (11 = 11 %); `items` hold the PPN line too. */
type Invoice = Schemas["Invoice"];

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
    queryFn: () => api<BillingPackages>("GET", "/billing/packages"),
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
    mutationFn: (input: CheckoutInput) => api<CheckoutResult>("POST", "/billing/checkout", input),
  });
}

/** Sends the browser to the payment page; it comes back to `/billing?payment=<orderId>`. */
export function goToPayment(checkout: CheckoutResult): void {
  window.location.assign(checkout.redirectUrl);
}

/**
 * Schedules a downgrade for the period's end, then fetches the billing summary again (the
 * route's answer is typed loosely and carries no Midtrans client key, so it is not trusted
 * as the summary).
 * @throws ApiError 409 `over_package_limit` whose `details.limits` is a {@link LimitProblem} list
 */
export function useDowngrade() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DowngradeInput) => api<unknown>("POST", "/billing/downgrade", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.billing }),
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
