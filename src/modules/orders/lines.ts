/**
 * An order's lines priced from the catalogue: each line names a product by id or SKU
 * (any case); its SKU, name and price are copied onto the order, so a later price change
 * or a deleted product never changes an order already taken.
 */
import type { ProductRow } from "../products/index.js";
import { orderErrors } from "./errors.js";

/** The largest order total Kabar stores, rupiah (PostgreSQL `integer` columns). */
const MAX_AMOUNT = 2_000_000_000;

/** One requested line: a product by id or SKU, how many, and an optional price per unit (rupiah). */
interface LineRequest {
  productId?: string;
  sku?: string;
  quantity: number;
  unitPrice?: number;
}

/** A priced line as stored (`order_lines`). Amounts in rupiah. */
export interface PricedLine {
  position: number;
  productId: string | null;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

/**
 * Prices the lines from the shop's products (those `productsByIdsOrSkus` found).
 * @throws KabarError 400 `unknown_product` naming every line whose product is unknown or
 *   inactive (`lines.<i>.productId` or `lines.<i>.sku`), `order_amount_too_large`.
 */
export function priceLines(requests: readonly LineRequest[], products: readonly ProductRow[]): PricedLine[] {
  const byId = new Map(products.map((p) => [p.id, p]));
  const bySku = new Map(products.map((p) => [p.sku.toLowerCase(), p]));
  const bad: Record<string, string> = {};
  const lines: PricedLine[] = [];
  requests.forEach((r, i) => {
    const product = r.productId ? byId.get(r.productId) : bySku.get((r.sku ?? "").toLowerCase());
    const field = r.productId ? `lines.${i}.productId` : `lines.${i}.sku`;
    if (!product) {
      bad[field] = "unknown product";
      return;
    }
    if (!product.active) {
      bad[field] = "product is inactive";
      return;
    }
    const unitPrice = r.unitPrice ?? product.price;
    lines.push({
      position: i,
      productId: product.id,
      sku: product.sku,
      name: product.name,
      quantity: r.quantity,
      unitPrice,
      lineTotal: unitPrice * r.quantity,
    });
  });
  if (Object.keys(bad).length > 0) throw orderErrors.unknownProducts({ fields: bad });
  if (lines.reduce((sum, l) => sum + l.lineTotal, 0) > MAX_AMOUNT) throw orderErrors.amountTooLarge();
  return lines;
}

/** An order's amounts, rupiah. */
interface OrderAmounts {
  subtotal: number;
  discount: number;
  shippingCost: number;
  total: number;
}

/**
 * subtotal = Σ line totals; total = subtotal − discount + shipping.
 * @throws KabarError 400 `discount_too_large` when the total would be negative,
 *   `order_amount_too_large` past Rp2 billion.
 */
export function orderAmounts(
  lines: readonly PricedLine[],
  discount: number,
  shippingCost: number,
): OrderAmounts {
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  const total = subtotal - discount + shippingCost;
  if (total < 0) throw orderErrors.discountTooLarge();
  if (total > MAX_AMOUNT) throw orderErrors.amountTooLarge();
  return { subtotal, discount, shippingCost, total };
}
