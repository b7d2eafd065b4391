import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProductDto, ProductImportResult } from "../src/modules/products/schemas.js";
import { apiClient, errorOf, multipartBody, ok, type Api, type Reply } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function upload(
  filename: string,
  value: string | Buffer,
  contentType = "text/csv",
): Promise<Reply<ProductImportResult>> {
  const { payload, headers } = multipartBody([{ name: "file", filename, value, contentType }]);
  return api<ProductImportResult>("POST", "/products/imports", payload, { headers });
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Produk");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function bySku(sku: string): Promise<ProductDto | undefined> {
  const page = await ok(api<{ items: ProductDto[] }>("GET", `/products?search=${encodeURIComponent(sku)}`));
  return page.items.find((p) => p.sku.toLowerCase() === sku.toLowerCase());
}

describe("product import", () => {
  it("imports a CSV with Indonesian headers and Rupiah prices, keeping good rows and reporting bad ones by line", async () => {
    const csv = [
      "SKU;Nama;Harga;Kategori;Hari Habis;Aktif",
      'CSV-KOPI;Kopi Gayo 250 g;"Rp15.000";Kopi;14;ya',
      "CSV-TEH;Teh Melati;15000;Teh;;tidak",
      "CSV-SERUM;Serum;Rp 1.250.000;Skincare;30;",
      "CSV-RUSAK;Rusak;murah;Kopi;14;ya",
      ";Tanpa SKU;1000;;;",
      "CSV-HARI;Hari salah;1000;;0;",
    ].join("\r\n");
    const r = await ok(upload("produk.csv", csv));
    expect(r).toMatchObject({ created: 3, updated: 0, rejected: 3 });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [5, "price"],
      [6, "sku"],
      [7, "consumptionDays"],
    ]);
    expect(r.errors[0]!.message.id).toContain("murah");
    expect(r.errors[0]!.message.en).toContain("murah");
    expect(await bySku("CSV-KOPI")).toMatchObject({
      name: "Kopi Gayo 250 g",
      price: 15000,
      category: "Kopi",
      consumptionDays: 14,
      active: true,
    });
    expect(await bySku("CSV-TEH")).toMatchObject({ price: 15000, consumptionDays: null, active: false });
    expect(await bySku("CSV-SERUM")).toMatchObject({ price: 1250000, active: true });
    expect(await bySku("CSV-RUSAK")).toBeUndefined();
  });

  it("re-importing updates the products by SKU in any case instead of adding them again", async () => {
    await ok(
      upload("a.csv", "sku,name,price,category\nRE-01,Dimsum,45000,Frozen\nRE-02,Siomay,40000,Frozen\n"),
    );
    const before = (await bySku("RE-01"))!;
    const r = await ok(upload("b.csv", 'SKU,Name,Price\nre-01,Dimsum Ayam,"Rp47.500"\nRE-03,Bakso,30.000\n'));
    expect(r).toEqual({ created: 1, updated: 1, rejected: 0, errors: [] });
    const after = (await bySku("RE-01"))!;
    // The same product, its new name and price; the category column was not in the file: kept.
    expect(after).toMatchObject({ id: before.id, name: "Dimsum Ayam", price: 47500, category: "Frozen" });
    expect((await ok(api<{ total: number }>("GET", "/products?search=RE-0"))).total).toBe(3);
  });

  it("reports a SKU repeated in the file at its second line", async () => {
    const r = await ok(upload("dup.csv", "sku,nama,harga\nDUP-1,A,1000\ndup-1,B,2000\n"));
    expect(r).toMatchObject({ created: 1, rejected: 1 });
    expect(r.errors).toEqual([
      { line: 3, field: "sku", message: expect.objectContaining({ en: expect.stringContaining("line 2") }) },
    ]);
    expect((await bySku("DUP-1"))!.name).toBe("A");
  });

  it("imports an XLSX with English headers and number cells, with sheet row numbers in the report", async () => {
    const file = await xlsx([
      ["SKU", "Name", "Price", "Category", "Consumption days", "Active"],
      ["XL-01", "Frozen Nugget", 38000, "Frozen", 21, "yes"],
      ["XL-02", "Rendang Box", "Rp55.000", "Catering", "", "no"],
      ["XL-03", "", 1000, "", "", ""],
    ]);
    const r = await ok(upload("produk.xlsx", file, XLSX_TYPE));
    expect(r).toMatchObject({ created: 2, updated: 0, rejected: 1 });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[4, "name"]]);
    expect(await bySku("XL-01")).toMatchObject({ price: 38000, consumptionDays: 21, category: "Frozen" });
    expect(await bySku("XL-02")).toMatchObject({ price: 55000, active: false });
  });

  it("an export reads back through the import as updates, in CSV and XLSX", async () => {
    await ok(
      upload("c.csv", 'sku,nama,harga,kategori,hari habis,aktif\nEXP-1,Kopi Susu,"25.000",Kopi,7,tidak\n'),
    );
    const total = (await ok(api<{ total: number }>("GET", "/products?pageSize=1"))).total;
    const csv = await api<string>("GET", "/products/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.text.replace(/^\ufeff/, "").split("\r\n")[0]).toBe("SKU,Nama,Harga,Kategori,Hari Habis,Aktif");
    expect(csv.text).toContain("EXP-1,Kopi Susu,25000,Kopi,7,tidak");
    expect(await ok(upload("export.csv", csv.text))).toEqual({
      created: 0,
      updated: total,
      rejected: 0,
      errors: [],
    });

    const x = await k.http!.inject({
      method: "GET",
      url: "/api/v1/products/export?format=xlsx",
      headers: { cookie: k.cookie },
    });
    expect(x.headers["content-type"]).toBe(XLSX_TYPE);
    expect(await ok(upload("export.xlsx", x.rawPayload, XLSX_TYPE))).toMatchObject({
      updated: total,
      rejected: 0,
    });
    expect(await bySku("EXP-1")).toMatchObject({ price: 25000, consumptionDays: 7, active: false });
  });

  it("refuses a file over 10,000 rows with 400 naming the limit, one over 16 MB with 413, and one without the price column", async () => {
    const big = [
      "sku,nama,harga",
      ...Array.from({ length: 10_001 }, (_, i) => `BIG-${i},Produk ${i},1000`),
    ].join("\n");
    const r = await upload("besar.csv", big);
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("too_many_rows");
    expect(errorOf(r).message).toContain("10.000");
    expect((await ok(api<{ total: number }>("GET", "/products?search=BIG-"))).total).toBe(0);

    const huge = await upload("besar.csv", `sku,nama,harga\nA,${"x".repeat(17 * 1024 * 1024)},1\n`);
    expect(huge.status).toBe(413);
    expect(errorOf(huge)).toMatchObject({ code: "file_too_large", fields: { file: "at most 16 MB" } });

    const noPrice = await upload("x.csv", "sku,nama\nA,B\n");
    expect(noPrice.status).toBe(400);
    expect(errorOf(noPrice)).toMatchObject({
      code: "invalid_product_file",
      fields: { file: expect.anything() },
    });
  });
});
