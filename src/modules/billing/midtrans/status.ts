/**
 * Midtrans' `transaction_status` (with `fraud_status` for cards) → the payment's state in
 * Kabar (docs/billing.md, "Status mapping"; Midtrans' list: docs.midtrans.com, "Transaction
 * Status"). Null for a status Kabar does not know (nothing is changed, it is logged).
 */
export function paymentStatusOf(
  transactionStatus: string,
  fraudStatus?: string | null,
): "paid" | "pending" | "failed" | "refunded" | null {
  switch (transactionStatus) {
    case "settlement":
      return "paid";
    case "capture":
      // A card payment Midtrans' fraud check accepted is paid; one it challenges (or without a
      // fraud verdict) waits for the merchant's review: pending; one it denies has failed.
      if (fraudStatus === "accept") return "paid";
      if (fraudStatus === "deny") return "failed";
      return "pending";
    case "pending":
    case "authorize":
      return "pending";
    case "deny":
    case "cancel":
    case "expire":
    case "failure":
      return "failed";
    case "refund":
    case "partial_refund":
      return "refunded";
    default:
      return null;
  }
}

/** The `status_code` Midtrans sends with each `transaction_status` (what the fake sends too). */
export function statusCodeOf(transactionStatus: string): string {
  if (transactionStatus === "pending") return "201";
  if (transactionStatus === "deny" || transactionStatus === "failure") return "202";
  if (transactionStatus === "expire") return "407";
  return "200";
}
