import { formatRupiah } from "../../../../lib/rupiah.js";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * The fake Midtrans' payment page (it plays Midtrans, so its strings are inline, Bahasa
 * Indonesia with English): the order, the amount, and three buttons (Pay, Leave pending,
 * Expire) posting to the fake, which notifies Kabar and sends the browser to the finish URL.
 */
export function paymentPage(
  orderId: string,
  grossAmount: number,
  token: string,
  status: string | null,
): string {
  const action = (what: string, label: string) =>
    `<form method="post" action="/snap/v4/redirection/${escapeHtml(token)}/${what}"><button type="submit" name="${what}">${label}</button></form>`;
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Midtrans (palsu / fake)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}form{display:inline-block;margin:.25rem}button{font-size:1rem;padding:.5rem 1rem}</style>
</head><body>
<h1>Midtrans (palsu / fake)</h1>
<p>Pesanan / Order: <strong data-testid="order-id">${escapeHtml(orderId)}</strong></p>
<p>Jumlah / Amount: <strong data-testid="amount">${escapeHtml(formatRupiah(grossAmount))}</strong></p>
<p>Status: <span data-testid="status">${escapeHtml(status ?? "-")}</span></p>
${action("pay", "Bayar / Pay")}
${action("pending", "Biarkan tertunda / Leave pending")}
${action("expire", "Kedaluwarsa / Expire")}
</body></html>`;
}
