/** The products API contract: a product, its writes, the list filters and the import report. */
import { z } from "zod";
import { mediaAttachmentSchema } from "../media/index.js";

/** Longest SKU, name and category (characters). */
export const PRODUCT_LIMITS = { sku: 64, name: 200, category: 100 } as const;

/** Days one unit lasts: 1–3650 (ten years), or null (no repeat-order reminder). */
const consumptionDays = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .nullable()
  .describe("Days one unit lasts a customer (drives repeat-order reminders); null: not reminded");

export const productSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  price: z.number().int().describe("Whole rupiah"),
  category: z.string().nullable(),
  image: mediaAttachmentSchema.nullable(),
  active: z.boolean(),
  consumptionDays: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ProductDto = z.infer<typeof productSchema>;

export const createProductBody = z.object({
  sku: z.string().trim().min(1).max(PRODUCT_LIMITS.sku).describe("Unique within the shop regardless of case"),
  name: z.string().trim().min(1).max(PRODUCT_LIMITS.name),
  price: z.number().int().min(0).max(2_000_000_000).describe("Whole rupiah, ≥ 0"),
  category: z.string().trim().min(1).max(PRODUCT_LIMITS.category).nullable().optional(),
  image: mediaAttachmentSchema.nullable().optional().describe("Upload with POST /products/images"),
  active: z.boolean().optional().describe("Default true"),
  consumptionDays: consumptionDays.optional(),
});
export type CreateProductInput = z.infer<typeof createProductBody>;

export const updateProductBody = createProductBody.partial();
export type UpdateProductInput = z.infer<typeof updateProductBody>;

export const listProductsQuery = z.object({
  search: z.string().trim().max(100).optional().describe("Matches name or SKU (any case)"),
  category: z.string().trim().max(PRODUCT_LIMITS.category).optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const productPage = z.object({
  items: z.array(productSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const categoryCountSchema = z.object({ category: z.string(), count: z.number().int() });

export const exportProductsQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });

const bilingual = z.object({ id: z.string(), en: z.string() });

/** One rejected row of a product import: its line in the file, the bad column and why. */
export const productImportErrorSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  message: bilingual,
});
export type ProductImportError = z.infer<typeof productImportErrorSchema>;

export const productImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(productImportErrorSchema),
});
export type ProductImportResult = z.infer<typeof productImportResult>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(productSchema, { id: "Product" });
z.globalRegistry.add(productPage, { id: "ProductPage" });
z.globalRegistry.add(productImportResult, { id: "ProductImportResult" });
z.globalRegistry.add(createProductBody, { id: "CreateProduct" });
z.globalRegistry.add(updateProductBody, { id: "UpdateProduct" });
