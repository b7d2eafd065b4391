import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderLines, orders } from "../src/db/schema/index.js";
import type { ProductDto } from "../src/modules/products/schemas.js";
import { addTenant, apiClient, errorOf, multipartBody, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
const dataDir = mkdtempSync(join(tmpdir(), "kabar-products-"));

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir });
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Page {
  items: ProductDto[];
  total: number;
  page: number;
  pageSize: number;
}

const create = (body: Record<string, unknown>, client: Api = api) =>
  ok(client<ProductDto>("POST", "/products", body), 201);
const list = (query = "") => ok(api<Page>("GET", `/products${query ? `?${query}` : ""}`));

/** The smallest valid PNG: one transparent pixel. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

describe("products", () => {
  it("adds, reads, edits and deletes a product with its price, category, image and interval", async () => {
    const png = multipartBody([{ name: "file", filename: "kopi.png", value: PNG, contentType: "image/png" }]);
    const image = await ok(
      api<{ type: string; id: string }>("POST", "/products/images", png.payload, { headers: png.headers }),
      201,
    );
    expect(image.type).toBe("image");
    const p = await create({
      sku: "KOPI-250",
      name: "Kopi Gayo 250 g",
      price: 85000,
      category: "Kopi",
      image: { type: "image", id: image.id },
      consumptionDays: 14,
    });
    expect(p).toMatchObject({
      sku: "KOPI-250",
      name: "Kopi Gayo 250 g",
      price: 85000,
      category: "Kopi",
      active: true,
      consumptionDays: 14,
      image: { type: "image", id: image.id, mimeType: "image/png" },
    });
    expect(await ok(api<ProductDto>("GET", `/products/${p.id}`))).toEqual(p);

    const edited = await ok(
      api<ProductDto>("PATCH", `/products/${p.id}`, { price: 90000, active: false, consumptionDays: null }),
    );
    expect(edited).toMatchObject({ sku: "KOPI-250", price: 90000, active: false, consumptionDays: null });

    expect((await api("DELETE", `/products/${p.id}`)).status).toBe(204);
    const gone = await api("GET", `/products/${p.id}`);
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe("product_not_found");
    expect((await api("DELETE", `/products/${p.id}`)).status).toBe(404);
  });

  it("refuses a SKU another product has in any case with 409 duplicate_sku naming sku, on add and on edit", async () => {
    await create({ sku: "TEH-HIJAU", name: "Teh Hijau", price: 20000 });
    const dup = await api("POST", "/products", { sku: "teh-hijau", name: "Teh lain", price: 1 });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe("duplicate_sku");
    expect(Object.keys(errorOf(dup).fields ?? {})).toEqual(["sku"]);

    const other = await create({ sku: "TEH-MELATI", name: "Teh Melati", price: 18000 });
    const renamed = await api("PATCH", `/products/${other.id}`, { sku: "Teh-Hijau" });
    expect(renamed.status).toBe(409);
    expect(errorOf(renamed).code).toBe("duplicate_sku");
  });

  it("refuses a negative or fractional price, a zero interval and a video as image, naming the field", async () => {
    for (const [body, field] of [
      [{ sku: "X-1", name: "X", price: -1 }, "price"],
      [{ sku: "X-1", name: "X", price: 1.5 }, "price"],
      [{ sku: "X-1", name: "X", price: 1, consumptionDays: 0 }, "consumptionDays"],
      [{ sku: "X-1", name: "X", price: 1, consumptionDays: 3651 }, "consumptionDays"],
      [{ sku: "", name: "X", price: 1 }, "sku"],
    ] as const) {
      const r = await api("POST", "/products", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {})).toContain(field);
    }
    const video = await api("POST", "/products", {
      sku: "X-2",
      name: "X",
      price: 1,
      image: { type: "video", url: "https://contoh.test/a.mp4" },
    });
    expect(video.status).toBe(400);
    expect(errorOf(video).code).toBe("invalid_product_image");
  });

  it("takes only a JPEG or PNG as a product photo, and stores nothing else", async () => {
    const files = async () =>
      Number(
        (await k.database.pool.query("SELECT count(*) FROM media WHERE tenant_id = $1", [k.owner.tenantId]))
          .rows[0].count,
      );
    const before = await files();
    const pdf = multipartBody([
      {
        name: "file",
        filename: "katalog.pdf",
        value: Buffer.from("%PDF-1.4 katalog"),
        contentType: "application/pdf",
      },
    ]);
    const r = await api("POST", "/products/images", pdf.payload, { headers: pdf.headers });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: "image_required", fields: { file: "JPEG or PNG only" } });
    expect(await files()).toBe(before);
  });

  it("lists by name with search over name and SKU, category and active filters, and counts categories", async () => {
    await create({ sku: "SKN-01", name: "Serum Wajah", price: 120000, category: "Skincare" });
    await create({ sku: "SKN-02", name: "Toner", price: 75000, category: "Skincare", active: false });
    await create({ sku: "FRZ-01", name: "Dimsum Ayam", price: 45000, category: "Frozen" });
    await create({ sku: "SKN-03", name: "Sabun Muka", price: 30000, category: "skincare" });

    expect((await list("search=serum")).items.map((p) => p.sku)).toEqual(["SKN-01"]);
    expect((await list("search=skn")).items.map((p) => p.sku)).toEqual(["SKN-03", "SKN-01", "SKN-02"]);
    expect((await list("category=skincare")).items.map((p) => p.name)).toEqual([
      "Sabun Muka",
      "Serum Wajah",
      "Toner",
    ]);
    expect((await list("category=Skincare&active=true")).items.map((p) => p.sku)).toEqual([
      "SKN-03",
      "SKN-01",
    ]);
    const page = await list("pageSize=2&page=2");
    expect(page).toMatchObject({ page: 2, pageSize: 2 });
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(page.items).toHaveLength(2);

    const categories = await ok(api<{ category: string; count: number }[]>("GET", "/products/categories"));
    // One category whatever its case, named as most products spell it.
    expect(categories).toEqual(
      expect.arrayContaining([
        { category: "Skincare", count: 3 },
        { category: "Frozen", count: 1 },
      ]),
    );
    expect(categories.filter((c) => c.category.toLowerCase() === "skincare")).toHaveLength(1);
  });

  it("keeps an order's copied line when its product is deleted", async () => {
    const p = await create({ sku: "CATER-BOX", name: "Nasi Box", price: 35000 });
    const [order] = await k.database.db
      .insert(orders)
      .values({
        tenantId: k.owner.tenantId,
        number: "INV/2026/12/9001",
        outletId: sql`(SELECT id FROM outlets WHERE tenant_id = ${k.owner.tenantId} ORDER BY created_at LIMIT 1)`,
        customerPhone: "+6281234567890",
        paymentMethod: "transfer",
        subtotal: 70000,
        total: 70000,
      })
      .returning();
    await k.database.db.insert(orderLines).values({
      tenantId: k.owner.tenantId,
      orderId: order!.id,
      productId: p.id,
      position: 0,
      sku: p.sku,
      name: p.name,
      quantity: 2,
      unitPrice: p.price,
      lineTotal: 70000,
    });
    expect((await api("DELETE", `/products/${p.id}`)).status).toBe(204);
    const lines = await k.database.db.select().from(orderLines).where(eq(orderLines.orderId, order!.id));
    expect(lines).toEqual([
      expect.objectContaining({
        productId: null,
        sku: "CATER-BOX",
        name: "Nasi Box",
        unitPrice: 35000,
        quantity: 2,
      }),
    ]);
  });

  it("lets an agent read the catalogue but not change it (403)", async () => {
    const p = await create({ sku: "AGEN-01", name: "Kopi Susu", price: 25000 });
    const email = "agen-produk@toko-contoh.test";
    await factory(k, k.owner.tenantId).user("agent", { email, password: "rahasia-agen-123" });
    const agent = apiClient(k.http!, { cookie: (await signIn(k.http!, email, "rahasia-agen-123")).cookie });

    expect((await ok(agent<ProductDto>("GET", `/products/${p.id}`))).name).toBe("Kopi Susu");
    expect((await ok(agent<Page>("GET", "/products?search=AGEN-01"))).total).toBe(1);
    expect((await ok(agent<unknown[]>("GET", "/products/categories"))).length).toBeGreaterThanOrEqual(0);
    for (const [method, path, body] of [
      ["POST", "/products", { sku: "AGEN-02", name: "X", price: 1 }],
      ["PATCH", `/products/${p.id}`, { price: 1 }],
      ["DELETE", `/products/${p.id}`, undefined],
      ["GET", "/products/export?format=csv", undefined],
      ["POST", "/products/images", "photo"],
    ] as const) {
      const photo = multipartBody([
        { name: "file", filename: "a.png", value: PNG, contentType: "image/png" },
      ]);
      const r =
        body === "photo"
          ? await agent(method, path, photo.payload, { headers: photo.headers })
          : await agent(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect((await ok(api<ProductDto>("GET", `/products/${p.id}`))).price).toBe(25000);
  });

  it("answers 404 for another shop's product, as for an unknown one, and keeps SKUs per shop", async () => {
    const mine = await create({ sku: "SHARED-SKU", name: "Milik toko A", price: 1000 });
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "rahasia-lain-123");
    // The same SKU is free in another shop.
    const theirs = await create({ sku: "shared-sku", name: "Milik toko B", price: 2000 }, other.api);
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { price: 1 }],
      ["DELETE", undefined],
    ] as const) {
      const r = await other.api(method, `/products/${mine.id}`, body);
      expect(r.status, method).toBe(404);
      expect(errorOf(r).code).toBe("product_not_found");
    }
    expect((await ok(other.api<Page>("GET", "/products"))).items.map((p) => p.id)).toEqual([theirs.id]);
    expect((await ok(api<ProductDto>("GET", `/products/${mine.id}`))).price).toBe(1000);
  });
});
