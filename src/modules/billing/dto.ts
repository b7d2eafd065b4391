import type { PackageRow } from "./queries/subscriptions.js";
import type { PaymentRow } from "./queries/payments.js";

/** A package as the API answers it (PackageDto of the contract; prices in rupiah, quotas null = unlimited). */
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

/** The API's view of a package row. */
export function packageDto(p: PackageRow): PackageDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    priceMonthly: p.priceMonthly,
    priceYearly: p.priceYearly,
    messageQuota: p.messageQuota,
    numbersLimit: p.numbersLimit,
    staffLimit: p.staffLimit,
    contactsLimit: p.contactsLimit,
    modules: p.modules,
    countsAgentReplies: p.countsAgentReplies,
    isTrial: p.isTrial,
  };
}

/** One payment of `GET /billing/payments` (money in rupiah, ISO dates). */
export interface PaymentDto {
  id: string;
  orderId: string;
  kind: PaymentRow["kind"];
  status: PaymentRow["status"];
  grossAmount: number;
  createdAt: string;
  paidAt: string | null;
  /** The items' names joined ("Pro (bulanan)", "Isi ulang 1.000 pesan"). */
  description: string;
  invoiceId: string | null;
}

/** The API's view of a payment row. */
export function paymentDto(p: PaymentRow): PaymentDto {
  return {
    id: p.id,
    orderId: p.orderId,
    kind: p.kind,
    status: p.status,
    grossAmount: p.grossAmount,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    description: p.items
      .filter((i) => !i.name.startsWith("PPN"))
      .map((i) => i.name)
      .join(", "),
    invoiceId: p.invoiceId,
  };
}
