/** Statements of the products module (the `products` table's owner); the rules live in `service.ts`. */
import { and, asc, count, eq, ilike, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { products } from "../../db/schema/index.js";

/** A stored product. */
export type ProductRow = typeof products.$inferSelect;
/** The columns a product is written with (tenant, id and times are set here). */
export type ProductWrite = Omit<typeof products.$inferInsert, "id" | "tenantId" | "createdAt" | "updatedAt">;

/** Filters of the product list. */
interface ProductFilters {
  search?: string;
  category?: string;
  active?: boolean;
}

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
  let lookup = productLookups.get(db);
  if (!lookup) {
    lookup = prepareProductLookup(db);
    productLookups.set(db, lookup);
  }
  return lookup.execute({ tenantId, ids: [...ids], skus: skus.map((s) => s.toLowerCase()) });
}

/**
 * The lookup of {@link productsByIdsOrSkus}, built once per database handle as a named
 * prepared statement (every new order runs it): one text for any number of ids and SKUs
 * (arrays, `= ANY`), so it is planned once per connection.
 */
const prepareProductLookup = (db: Db) =>
  db
    .select()
    .from(products)
    .where(
      and(
        eq(products.tenantId, sql.placeholder("tenantId")),
        sql`(${products.id} = ANY(${sql.placeholder("ids")}::uuid[]) OR lower(${products.sku}) = ANY(${sql.placeholder("skus")}::text[]))`,
      ),
    )
    .prepare("products_by_ids_or_skus");
const productLookups = new WeakMap<Db, ReturnType<typeof prepareProductLookup>>();

const likePattern = (text: string): string => `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

function productWhere(tenantId: string, f: ProductFilters): SQL {
  const conds: (SQL | undefined)[] = [eq(products.tenantId, tenantId)];
  if (f.search) {
    conds.push(or(ilike(products.name, likePattern(f.search)), ilike(products.sku, likePattern(f.search))));
  }
  if (f.category) conds.push(sql`lower(${products.category}) = ${f.category.toLowerCase()}`);
  if (f.active !== undefined) conds.push(eq(products.active, f.active));
  return and(...conds)!;
}

/** Page `page` (from 1) of the shop's products matching `f`, by name then SKU, and how many match in all. */
export async function productPage(
  db: Db,
  tenantId: string,
  f: ProductFilters,
  page: number,
  pageSize: number,
): Promise<{ rows: ProductRow[]; total: number }> {
  const where = productWhere(tenantId, f);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(products)
      .where(where)
      .orderBy(asc(sql`lower(${products.name})`), asc(products.sku))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(products).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every product of the shop, by name then SKU (the export; a catalogue is thousands, not millions). */
export function allProducts(db: Db, tenantId: string): Promise<ProductRow[]> {
  return db
    .select()
    .from(products)
    .where(eq(products.tenantId, tenantId))
    .orderBy(asc(sql`lower(${products.name})`), asc(products.sku));
}

/**
 * The shop's categories in use with how many products each has, by name. Spellings that
 * differ only in case are one category (as the list filter matches them), shown as its
 * most used spelling (the first in alphabetical order on a tie).
 */
export async function productCategories(
  db: Db,
  tenantId: string,
): Promise<{ category: string; count: number }[]> {
  const key = sql`lower(${products.category})`;
  const rows = await db
    .select({
      category: sql<string>`mode() WITHIN GROUP (ORDER BY ${products.category})`,
      count: count(),
    })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), isNotNull(products.category)))
    .groupBy(key)
    .orderBy(key);
  return rows.map((r) => ({ category: r.category, count: r.count }));
}

/** The shop's product `id`, or null when the shop has none with that id. */
export async function productById(db: Db, tenantId: string, id: string): Promise<ProductRow | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, id)));
  return row ?? null;
}

/** Inserts products. @throws the database's unique violation (23505) on a SKU the shop has. */
export async function insertProducts(
  db: Db | Tx,
  tenantId: string,
  rows: ProductWrite[],
): Promise<ProductRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(products)
    .values(rows.map((r) => ({ ...r, tenantId })))
    .returning();
}

/**
 * Rewrites the given columns of a shop's product and sets `updated_at`.
 * @returns the row, or null when the shop has none with that id
 * @throws the database's unique violation (23505) on a SKU another product has
 */
export async function updateProduct(
  db: Db | Tx,
  tenantId: string,
  id: string,
  patch: Partial<ProductWrite>,
): Promise<ProductRow | null> {
  const [row] = await db
    .update(products)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(products.tenantId, tenantId), eq(products.id, id)))
    .returning();
  return row ?? null;
}

/** Deletes a shop's product (order lines keep their copies; their FK is set null). @returns whether one was deleted */
export async function deleteProduct(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, id)))
    .returning({ id: products.id });
  return rows.length > 0;
}

/** Ids of the shop's products by lower-cased SKU, for the SKUs given (any case). */
export async function productIdsBySku(
  db: Db,
  tenantId: string,
  skus: readonly string[],
): Promise<Map<string, string>> {
  const lowered = skus.map((s) => s.toLowerCase());
  const ids = new Map<string, string>();
  for (let i = 0; i < lowered.length; i += 5000) {
    const rows = await db
      .select({ id: products.id, sku: products.sku })
      .from(products)
      .where(
        and(
          eq(products.tenantId, tenantId),
          inArray(sql`lower(${products.sku})`, lowered.slice(i, i + 5000)),
        ),
      );
    for (const r of rows) ids.set(r.sku.toLowerCase(), r.id);
  }
  return ids;
}
