/** An order's total from its parts: Σ(quantity × unit price) − discount + shipping, in rupiah. */
export function orderTotals(
  lines: readonly { quantity: number; unitPrice: number }[],
  discount: number,
  shippingCost: number,
): { subtotal: number; total: number } {
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return { subtotal, total: subtotal - discount + shippingCost };
}
