const RUPIAH = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/**
 * Whole rupiah as Indonesian shops write it, in either interface language: 150000 →
 * "Rp150.000" (dots group thousands, no decimals), a minus sign before "Rp" for a negative amount.
 */
export function formatRupiah(amount: number): string {
  return `${amount < 0 ? "-" : ""}Rp${RUPIAH.format(Math.abs(Math.trunc(amount)))}`;
}
