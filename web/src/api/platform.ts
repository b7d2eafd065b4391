/**
 * The platform console's API (`/platform/*`, SaaS mode; docs/billing.md "Platform console").
 * Only a platform admin's session (cookie `kabar_platform`) reaches these routes; a 401 here
 * leads to the platform's sign-in, never the shop's (client.ts `onUnauthorized`).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { allOf, type Schemas } from "./types";

/** The signed-in platform admin. */
type PlatformAdmin = Schemas["PlatformAdmin"];

/**
 * One shop as the console lists it: its subscription and usage this period, nothing of its
 * data. `status`, `package` and `periodEnd` are null for a shop without a subscription
 * (made before SaaS mode: unmetered); `ownerEmail` null when it has no owner.
 */
export type PlatformShop = Schemas["PlatformShop"];

/** Where a shop's subscription stands (src/db/schema/billing.ts SUBSCRIPTION_STATUSES). */
export type SubscriptionStatus = NonNullable<PlatformShop["status"]>;

/** Every subscription status, in the order filters and totals list them. */
export const SUBSCRIPTION_STATUSES = allOf<SubscriptionStatus>()([
  "trialing",
  "active",
  "past_due",
  "expired",
  "suspended",
]);

/** `GET /platform/shops`: a page of shops and the count of all that match. */
type PlatformShopPage = Schemas["PlatformShopPage"];

/** A package as the platform edits it: prices in integer rupiah, null limits = unlimited. */
export type PlatformPackage = Schemas["PlatformPackage"];

/** What POST /platform/packages takes (PATCH /platform/packages/:id takes any part of it). */
export type PackageInput = Schemas["CreatePlatformPackageInput"];

/** A pack of message units bought on top of a package (they last until used); price in rupiah. */
export type TopupPack = Schemas["TopupPack"];

/** What POST /platform/topup-packs takes (PATCH /platform/topup-packs/:id takes any part of it). */
export type TopupPackInput = Schemas["CreateTopupPackInput"];

/** One payment of any shop; amounts in integer rupiah (`kind` and `status` are plain strings in the API). */
export type PlatformPayment = Schemas["PlatformPayment"];

/** A payment's state (mapped from Midtrans' transaction status, docs/billing.md). */
export type PaymentStatus = Schemas["Payment"]["status"];

/** Every payment status, in the order the filter offers them. */
export const PAYMENT_STATUSES = allOf<PaymentStatus>()(["pending", "paid", "failed", "refunded"]);

/** Whether `s` is a payment status the console knows (the API lists it as a plain string). */
export const isPaymentStatus = (s: string): s is PaymentStatus =>
  (PAYMENT_STATUSES as readonly string[]).includes(s);

/** What a payment paid for. */
type PaymentKind = Schemas["Payment"]["kind"];

const PAYMENT_KINDS = allOf<PaymentKind>()(["subscription", "renewal", "upgrade", "topup"]);

/** Whether `k` is a payment kind the console knows (the API lists it as a plain string). */
export const isPaymentKind = (k: string): k is PaymentKind =>
  (PAYMENT_KINDS as readonly string[]).includes(k);

/** The platform at a glance: shops by status, revenue in rupiah, message units used this month. */
type PlatformTotals = Schemas["PlatformTotals"];

/** The console's filters on the shop list; empty string: not filtered. */
export interface ShopFilters {
  search: string;
  status: SubscriptionStatus | "";
  /** 1-based. */
  page: number;
}

/** Shops a page of the list holds (the server's page size; `total` counts them all). */
export const SHOPS_PAGE_SIZE = 50;

const platformKeys = {
  me: ["platform", "me"] as const,
  all: ["platform"] as const,
  totals: ["platform", "totals"] as const,
  shops: (f: ShopFilters) => ["platform", "shops", f] as const,
  packages: ["platform", "packages"] as const,
  topups: ["platform", "topup-packs"] as const,
  payments: (status: string) => ["platform", "payments", status] as const,
};

/** The signed-in platform admin; the query fails with a 401 ApiError when nobody is. */
export function usePlatformMe() {
  return useQuery({
    queryKey: platformKeys.me,
    queryFn: () => api<{ admin: PlatformAdmin }>("GET", "/platform/auth/me").then((r) => r.admin),
    retry: false,
    staleTime: Infinity,
  });
}

/** Signs the platform admin in (sets cookie `kabar_platform`). @throws ApiError 401 for a wrong e-mail or password, 429 when throttled */
export function usePlatformSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas["PlatformSignInInput"]) =>
      api<{ admin: PlatformAdmin }>("POST", "/platform/auth/sign-in", input),
    onSuccess: ({ admin }) => {
      qc.removeQueries({ queryKey: platformKeys.all });
      qc.setQueryData(platformKeys.me, admin);
    },
  });
}

/** Ends the platform admin's session. */
export function usePlatformSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("POST", "/platform/auth/sign-out"),
    onSettled: () => qc.removeQueries({ queryKey: platformKeys.all }),
  });
}

/** The platform totals. */
export function usePlatformTotals() {
  return useQuery({
    queryKey: platformKeys.totals,
    queryFn: () => api<PlatformTotals>("GET", "/platform/totals"),
  });
}

/** One page of shops matching `filters`, with the count of all that match. */
export function usePlatformShops(filters: ShopFilters) {
  return useQuery({
    queryKey: platformKeys.shops(filters),
    queryFn: () => {
      const qs = new URLSearchParams();
      if (filters.search.trim()) qs.set("search", filters.search.trim());
      if (filters.status) qs.set("status", filters.status);
      qs.set("page", String(filters.page));
      return api<PlatformShopPage>("GET", `/platform/shops?${qs}`);
    },
    placeholderData: keepPreviousData,
  });
}

/** Refreshes everything the console shows after a change. */
function useRefreshConsole() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: platformKeys.all });
}

/** Suspends a shop (its sending stops at once; data kept) with a reason. */
export function useSuspendShop() {
  const onSuccess = useRefreshConsole();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string } & Schemas["SuspendShopInput"]) =>
      api<PlatformShop>("POST", `/platform/shops/${id}/suspend`, { reason }),
    onSuccess,
  });
}

/** Lifts a shop's suspension. */
export function useResumeShop() {
  const onSuccess = useRefreshConsole();
  return useMutation({
    mutationFn: (id: string) => api<PlatformShop>("POST", `/platform/shops/${id}/resume`),
    onSuccess,
  });
}

/**
 * Puts a shop on a package without a payment: a shop made before SaaS mode gets its first
 * subscription; any other a new period of the package starting now.
 * @throws ApiError 404 package_not_found / shop_not_found, 409 trial_package_not_granted
 */
export function useGrantPackage() {
  const onSuccess = useRefreshConsole();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Schemas["GrantPackageInput"]) =>
      api<PlatformShop>("POST", `/platform/shops/${id}/package`, body),
    onSuccess,
  });
}

/** Every package, the trial and inactive ones too. */
export function usePlatformPackages() {
  return useQuery({
    queryKey: platformKeys.packages,
    queryFn: () => api<{ packages: PlatformPackage[] }>("GET", "/platform/packages").then((r) => r.packages),
  });
}

/**
 * Creates a catalogue item at `path` (`id` null: POST) or changes one (PATCH `path/id`), then
 * refreshes the console. @throws ApiError 400 naming the field, 409 for a code in use
 */
function useSaveAt<I, R>(path: string) {
  const onSuccess = useRefreshConsole();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: I }) =>
      id ? api<R>("PATCH", `${path}/${id}`, input) : api<R>("POST", path, input),
    onSuccess,
  });
}

/** Creates a package (no `id`) or changes one. @throws ApiError 400 naming the field, 409 for a code in use */
export function useSavePackage() {
  return useSaveAt<PackageInput, PlatformPackage>("/platform/packages");
}

/** Every top-up pack, inactive ones too. */
export function usePlatformTopups() {
  return useQuery({
    queryKey: platformKeys.topups,
    queryFn: () => api<{ topupPacks: TopupPack[] }>("GET", "/platform/topup-packs").then((r) => r.topupPacks),
  });
}

/** Creates a top-up pack (no `id`) or changes one. @throws ApiError 400 naming the field, 409 for a code in use */
export function useSaveTopup() {
  return useSaveAt<TopupPackInput, TopupPack>("/platform/topup-packs");
}

/** Payments of every shop, newest first; `status` empty: all. */
export function usePlatformPayments(status: PaymentStatus | "") {
  return useQuery({
    queryKey: platformKeys.payments(status),
    queryFn: () =>
      api<{ payments: PlatformPayment[] }>(
        "GET",
        `/platform/payments${status ? `?status=${status}` : ""}`,
      ).then((r) => r.payments),
    placeholderData: keepPreviousData,
  });
}
