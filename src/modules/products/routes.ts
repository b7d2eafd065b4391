import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { saveUploadedMedia, withUpload } from "../../http/upload.js";
import { requirePermission } from "../../lib/actor.js";
import { uploadedMediaSchema } from "../media/index.js";
import { productsCsv, productsXlsx } from "./export.js";
import { bufferUpload, MAX_IMPORT_ROWS } from "./imports.js";
import {
  categoryCountSchema,
  createProductBody,
  exportProductsQuery,
  listProductsQuery,
  productImportResult,
  productPage,
  productSchema,
  updateProductBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The shop's catalogue: list (search, category, active), categories, CRUD, image upload,
 * CSV/XLSX import and export. Reads: any signed-in user; writes: owners.
 */
export function productRoutes(app: App, { services, uploadIdleMs }: HttpOptions): void {
  const tags = ["products"];
  app.get(
    "/products",
    { schema: { tags, querystring: listProductsQuery, response: { 200: productPage } } },
    (req) => services.products.list(req.actor, req.query),
  );
  app.post(
    "/products",
    { schema: { tags, body: createProductBody, response: { 201: productSchema } } },
    async (req, reply) => reply.status(201).send(await services.products.create(req.actor, req.body)),
  );
  app.get(
    "/products/categories",
    {
      schema: {
        tags,
        description: "The categories in use, with how many products each has",
        response: { 200: z.array(categoryCountSchema) },
      },
    },
    (req) => services.products.categories(req.actor),
  );
  app.get(
    "/products/export",
    {
      schema: {
        tags,
        querystring: exportProductsQuery,
        description:
          "Every product as a CSV or XLSX download (owners only), headed in the shop's language: SKU, name, price (whole rupiah), category, consumption days, active. The import reads it back.",
      },
    },
    async (req, reply) => {
      requirePermission(req.actor, "products.export");
      const [tenant, rows] = await Promise.all([
        services.tenants.get(req.actor),
        services.products.all(req.actor),
      ]);
      const { format } = req.query;
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE)
        .header("content-disposition", `attachment; filename="produk-${stamp}.${format}"`)
        .send(format === "csv" ? productsCsv(rows, tenant.locale) : await productsXlsx(rows, tenant.locale));
    },
  );
  app.post(
    "/products/imports",
    {
      schema: {
        tags,
        consumes: ["multipart/form-data"],
        description: `Upload a CSV or XLSX file as multipart field "file" (owners only). Headers in Indonesian or English: SKU, nama/name, harga/price ("Rp15.000", "15.000", "15000"), kategori/category, hari habis/interval/consumption days, aktif/active. Upsert by SKU (any case); bad rows are reported by line and column while good rows are kept. At most ${MAX_IMPORT_ROWS} rows (400 too_many_rows).`,
        response: { 200: productImportResult },
      },
    },
    async (req, reply) => {
      requirePermission(req.actor, "products.import");
      const file = await withUpload(req, reply, uploadIdleMs ?? 20_000, (f) => bufferUpload(f.file));
      return services.products.importFile(req.actor, file);
    },
  );
  app.post(
    "/products/images",
    {
      schema: {
        tags,
        consumes: ["multipart/form-data"],
        description:
          'Upload a product image (JPEG/PNG, ≤ 5 MB) as multipart field "file"; anything else is 400 `image_required` and nothing is stored. Put the answer (its `type` and `id`) in the product\'s `image`. Owner only.',
        response: { 201: uploadedMediaSchema },
      },
    },
    async (req, reply) => {
      const saved = await saveUploadedMedia(req, reply, services.media, "products", uploadIdleMs ?? 20_000);
      return reply.status(201).send(saved);
    },
  );
  app.get("/products/:id", { schema: { tags, params: idParams, response: { 200: productSchema } } }, (req) =>
    services.products.get(req.actor, req.params.id),
  );
  app.patch(
    "/products/:id",
    { schema: { tags, params: idParams, body: updateProductBody, response: { 200: productSchema } } },
    (req) => services.products.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/products/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await services.products.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
