import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { checkAttachment } from "../media/index.js";
import { productErrors } from "./errors.js";
import { importProducts } from "./imports.js";
import {
  allProducts,
  deleteProduct,
  insertProducts,
  productById,
  productCategories,
  productPage,
  updateProduct,
  type ProductRow,
  type ProductWrite,
} from "./queries.js";
import type {
  CreateProductInput,
  ListProductsQuery,
  ProductDto,
  ProductImportResult,
  UpdateProductInput,
} from "./schemas.js";

function toDto(p: ProductRow): ProductDto {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    price: p.price,
    category: p.category,
    image: p.image ?? null,
    active: p.active,
    consumptionDays: p.consumptionDays,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string }).code === "23505" ||
  (err as { cause?: { code?: string } }).cause?.code === "23505";

/**
 * The shop's catalogue. Reads: any signed-in user (agents take orders); writes, imports
 * and exports: owners (403 `forbidden` otherwise). Another shop's product answers 404
 * like an unknown one.
 */
export function createProductService(db: Db) {
  async function image(actor: Actor, input: CreateProductInput["image"]): Promise<ProductWrite["image"]> {
    if (!input) return input === undefined ? undefined : null;
    if (input.type !== "image") throw productErrors.imageNotImage();
    return checkAttachment(db, actor.tenantId, input, "image");
  }
  /** Runs a write that may hit the SKU's unique index. @throws KabarError 409 `duplicate_sku` */
  async function guardSku<T>(sku: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (sku !== undefined && isUniqueViolation(err)) throw productErrors.duplicateSku({ sku });
      throw err;
    }
  }
  return {
    /** A page of products matching the filters, by name. */
    async list(actor: Actor, q: ListProductsQuery) {
      requirePermission(actor, "products.read");
      const { rows, total } = await productPage(db, actor.tenantId, q, q.page, q.pageSize);
      return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
    },
    /** The categories in use with their product counts. */
    categories(actor: Actor) {
      requirePermission(actor, "products.read");
      return productCategories(db, actor.tenantId);
    },
    /** @throws KabarError 404 `product_not_found` */
    async get(actor: Actor, id: string): Promise<ProductDto> {
      requirePermission(actor, "products.read");
      const p = await productById(db, actor.tenantId, id);
      if (!p) throw productErrors.notFound();
      return toDto(p);
    },
    /** @throws KabarError 403, 409 `duplicate_sku`, 400 `unknown_media` (`image.id`), `invalid_product_image` */
    async create(actor: Actor, input: CreateProductInput): Promise<ProductDto> {
      requirePermission(actor, "products.create");
      const write: ProductWrite = {
        sku: input.sku,
        name: input.name,
        price: input.price,
        category: input.category ?? null,
        image: (await image(actor, input.image)) ?? null,
        active: input.active ?? true,
        consumptionDays: input.consumptionDays ?? null,
      };
      const [row] = await guardSku(input.sku, () => insertProducts(db, actor.tenantId, [write]));
      return toDto(row!);
    },
    /** Changes the given fields. @throws KabarError 403, 404, 409 `duplicate_sku`, 400 as create */
    async update(actor: Actor, id: string, input: UpdateProductInput): Promise<ProductDto> {
      requirePermission(actor, "products.update");
      const { image: img, ...rest } = input;
      const patch: Partial<ProductWrite> = { ...rest };
      if (img !== undefined) patch.image = await image(actor, img);
      const row = await guardSku(input.sku, () => updateProduct(db, actor.tenantId, id, patch));
      if (!row) throw productErrors.notFound();
      return toDto(row);
    },
    /** Deletes a product; orders keep their lines (copied name, SKU and price). @throws KabarError 403, 404 */
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, "products.delete");
      if (!(await deleteProduct(db, actor.tenantId, id))) throw productErrors.notFound();
    },
    /** Imports a CSV or .xlsx file (see `imports.ts`). @throws KabarError 403, 400, 422 */
    importFile(actor: Actor, file: Buffer): Promise<ProductImportResult> {
      requirePermission(actor, "products.import");
      return importProducts(db, actor.tenantId, file);
    },
    /** Every product of the shop, for the export. @throws KabarError 403 */
    async all(actor: Actor): Promise<ProductRow[]> {
      requirePermission(actor, "products.export");
      return allProducts(db, actor.tenantId);
    },
  };
}
