/**
 * PPN (Indonesian VAT) on an invoice in integer rupiah (docs/billing.md, "Invoices"): the
 * rate is a percent with at most two decimals (KABAR_PPN_RATE, e.g. 11 or 12.5); the amount
 * is subtotal × rate / 100 rounded half up to a whole rupiah, computed in integers (the rate
 * in hundredths of a percent), so 150 000 at 11 % is 16 500 and 99 999 at 11 % is 11 000.
 */
export function ppnAmount(subtotal: number, ratePercent: number): number {
  const hundredths = Math.round(ratePercent * 100);
  if (hundredths <= 0 || subtotal <= 0) return 0;
  // subtotal ≤ 10^10 and hundredths ≤ 10^4: the product stays below 2^53.
  return Math.floor((subtotal * hundredths * 2 + 10_000) / 20_000);
}

/**
 * A new Midtrans `order_id`, unique per attempt: `KBR-<yyyymmdd>-<10 random base-36
 * characters>` (Midtrans allows 50 characters of letters, digits, `-`, `_`, `~` and `.`).
 */
export function newOrderId(now: Date, random: () => number = Math.random): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  let tail = "";
  for (let i = 0; i < 10; i++) tail += Math.floor(random() * 36).toString(36);
  return `KBR-${day}-${tail.toUpperCase()}`;
}
