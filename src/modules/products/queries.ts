/** Statements of the products module (the `products` table's owner); the rules live in `service.ts`. */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { products } from "../../db/schema/index.js";

/** A stored product. */
export type ProductRow = typeof products.$inferSelect;

/**
 * The shop's products named by id or by SKU (any case), for an order's lines: one query
 * for both lists. Inactive products are included (the caller decides).
 */
export async function productsByIdsOrSkus(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  skus: readonly string[],
): Promise<ProductRow[]> {
  if (ids.length === 0 && skus.length === 0) return [];
  const lowered = skus.map((s) => s.toLowerCase());
  const byId = ids.length > 0 ? inArray(products.id, [...ids]) : undefined;
  const bySku = lowered.length > 0 ? inArray(sql`lower(${products.sku})`, lowered) : undefined;
  const match = byId && bySku ? sql`(${byId} OR ${bySku})` : (byId ?? bySku);
  return db
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), match));
}
