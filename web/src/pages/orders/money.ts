const RUPIAH = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/**
 * Whole rupiah as shops write it, "Rp150.000": Indonesian grouping (dots) in either
 * interface language, no decimals, a minus sign before "Rp" for a negative amount.
 */
export function formatRupiah(amount: number): string {
  return `${amount < 0 ? "-" : ""}Rp${RUPIAH.format(Math.abs(amount))}`;
}

/** An order's total from its parts: Σ(quantity × unit price) − discount + shipping, in rupiah. */
export function orderTotals(
  lines: readonly { quantity: number; unitPrice: number }[],
  discount: number,
  shippingCost: number,
): { subtotal: number; total: number } {
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return { subtotal, total: subtotal - discount + shippingCost };
}
