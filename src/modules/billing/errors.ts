/** Errors of the shop's billing (SaaS mode, issue 14): checkout, payments, invoices, Midtrans. */
import { defineErrors } from "../../lib/errors.js";

/** The billing module's catalogue. */
export const billingErrors = defineErrors({
  off: {
    code: "billing_off",
    status: 404,
    when: "A billing route (but `GET /billing`, which says `enabled: false`, and an invoice by id, not found) is called while Kabar runs as a single shop (KABAR_MODE=single), or checkout for a shop without a subscription (not billed).",
    message: { id: "Penagihan tidak aktif di instalasi ini", en: "Billing is off on this installation" },
  },
  packageNotFound: {
    code: "package_not_found",
    status: 404,
    when: "Checkout names a package that does not exist, is not offered (inactive), is the trial, or costs nothing.",
    message: { id: "Paket tidak ditemukan", en: "Package not found" },
  },
  topupNotFound: {
    code: "topup_pack_not_found",
    status: 404,
    when: "Checkout of a top-up names a pack that does not exist or is not offered.",
    message: { id: "Paket isi ulang tidak ditemukan", en: "Top-up pack not found" },
  },
  notAnUpgrade: {
    code: "not_an_upgrade",
    status: 409,
    when: "An upgrade to a package that is not dearer than the current one for the cycle, or that would cost nothing for the rest of the period, or while the shop has no paid period running (trial, expired: buy a subscription instead).",
    message: {
      id: "Paket ini bukan peningkatan dari paket Anda sekarang",
      en: "This package is not an upgrade of your current one",
    },
  },
  nothingToRenew: {
    code: "nothing_to_renew",
    status: 409,
    when: "A renewal while the shop is on the trial package (nothing paid to renew: buy a subscription).",
    message: {
      id: "Masa uji coba tidak bisa diperpanjang; pilih paket berbayar",
      en: "A trial cannot be renewed; choose a paid package",
    },
  },
  providerUnavailable: {
    code: "payment_provider_unavailable",
    status: 502,
    when: "Midtrans could not be reached or refused to create the transaction (checkout; the payment is marked failed), or its status API could not confirm a notification (Midtrans retries it).",
    message: {
      id: "Layanan pembayaran sedang tidak bisa dihubungi. Coba lagi sebentar lagi",
      en: "The payment service cannot be reached right now. Try again shortly",
    },
  },
  invalidSignature: {
    code: "invalid_signature",
    status: 401,
    when: "A Midtrans notification whose `signature_key` is missing or is not SHA512(order_id + status_code + gross_amount + server key): nothing is changed.",
    message: { id: "Tanda tangan notifikasi tidak sah", en: "Invalid notification signature" },
  },
  invoiceNotFound: {
    code: "invoice_not_found",
    status: 404,
    when: "An invoice the shop does not have (unknown, or another shop's).",
    message: { id: "Faktur tidak ditemukan", en: "Invoice not found" },
  },
});
