/** One rupiah formatter for server-side text (order messages); the web app's twin is web/src/lib/rupiah.ts. */
const RUPIAH = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/**
 * Whole rupiah as Indonesian shops write it: 150000 → "Rp150.000" (dots group thousands,
 * no decimals, fractions cut), a minus sign before "Rp" for a negative amount. Same output
 * as the web app's `formatRupiah` (a test keeps them equal).
 */
export function formatRupiah(amount: number): string {
  return `${amount < 0 ? "-" : ""}Rp${RUPIAH.format(Math.abs(Math.trunc(amount)))}`;
}
