/**
 * Sales reports over the API on a known dataset: a WIB shop's November (orders around
 * midnight, a cancelled, a returned and a draft order, customers in three provinces and
 * one without) and a second shop in WITA. Periods are the shop's days, weeks and months;
 * only sales count; another shop and an agent see nothing.
 */
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "../src/db/schema/index.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import type { SalesReport, Summary, TodaySales } from "../src/modules/reports/schemas.js";
import { addTenant, apiClient, errorOf, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let shop: { tenantId: string; api: Api; cookie: string };
let wita: { tenantId: string; api: Api; cookie: string };
const phones: Record<string, string> = {};
const NOV = "from=2026-11-01&to=2026-11-30";

/** Places an order in `s` for customer `who` (Sari, Budi, Ayu, Dedi) and returns it. */
async function place(
  s: { api: Api },
  who: string,
  placedAt: string,
  lines: Array<{ sku: string; quantity: number }>,
  extra: Record<string, unknown> = {},
): Promise<OrderDto> {
  return ok(
    s.api<OrderDto>("POST", "/orders", {
      customer: { phone: phones[who], name: who },
      lines,
      paymentMethod: "transfer",
      placedAt,
      ...extra,
    }),
    201,
  );
}

const kopi = (quantity: number) => ({ sku: "KOPI", quantity });
const teh = (quantity: number) => ({ sku: "TEH", quantity });

beforeAll(async () => {
  k = await startTestKabar();
  for (const who of ["Sari", "Budi", "Ayu", "Dedi"]) phones[who] = factory(k).phone();
  shop = await addTenant(k, "Toko WIB", `wib-${Date.now()}@toko.test`, "rahasia-wib-123");
  wita = await addTenant(k, "Toko WITA", `wita-${Date.now()}@toko.test`, "rahasia-wita-123");
  for (const s of [shop, wita]) {
    await factory(k, s.tenantId).product({ sku: "KOPI", name: "Kopi Gayo", price: 85_000 });
    await factory(k, s.tenantId).product({ sku: "TEH", name: "Teh Melati", price: 20_000 });
  }
  const bandung = { province: "32", city: "Bandung" };
  const surabaya = { province: "jatim", city: "Surabaya" };
  const denpasar = { province: "Bali", city: "Denpasar" };
  // The WIB shop's November: six sales, Rp495.000.
  await place(shop, "Sari", "2026-11-02T03:00:00Z", [kopi(2)], bandung); // 2 Nov, 170.000
  await place(shop, "Sari", "2026-11-03T16:30:00Z", [teh(1)], bandung); // 23:30 WIB on 3 Nov, 20.000
  await place(shop, "Budi", "2026-11-04T17:30:00Z", [kopi(1), teh(1)], { ...surabaya, shippingCost: 15_000 }); // 00:30 WIB on 5 Nov, 120.000
  await place(shop, "Ayu", "2026-11-10T05:00:00Z", [teh(3)], denpasar); // 60.000
  await place(shop, "Budi", "2026-11-20T02:00:00Z", [kopi(1)], surabaya); // 85.000
  await place(shop, "Dedi", "2026-11-20T09:00:00Z", [teh(2)]); // 40.000, no address
  // Not sales: cancelled, returned, a draft; and two orders just outside November in WIB.
  const cancelled = await place(shop, "Ayu", "2026-11-10T06:00:00Z", [kopi(5)], denpasar);
  await ok(shop.api("POST", `/orders/${cancelled.id}/status`, { status: "cancelled", reason: "batal" }));
  const returned = await place(shop, "Sari", "2026-11-12T06:00:00Z", [kopi(1)], bandung);
  await ok(shop.api("POST", `/orders/${returned.id}/status`, { status: "returned", reason: "rusak" }));
  const draft = await place(shop, "Dedi", "2026-11-15T06:00:00Z", [kopi(1)]);
  await k.database.db.update(orders).set({ status: "draft" }).where(eq(orders.id, draft.id));
  await place(shop, "Sari", "2026-10-31T16:59:00Z", [kopi(1)], bandung); // 23:59 WIB on 31 Oct
  await place(shop, "Sari", "2026-11-30T17:00:00Z", [kopi(1)], bandung); // 00:00 WIB on 1 Dec
  // The second shop: the same instants read in WITA (UTC+8) move across midnight.
  await place(wita, "Sari", "2026-10-31T16:59:00Z", [kopi(1)]); // 00:59 WITA on 1 Nov
  await place(wita, "Sari", "2026-11-03T16:30:00Z", [teh(1)]); // 23:30 WIB / 00:30 WITA on 4 Nov
  await place(wita, "Budi", "2026-11-30T16:30:00Z", [teh(2)]); // 23:30 WIB on 30 Nov / 1 Dec WITA
});
afterAll(async () => k?.close());

const sales = (s: { api: Api }, q: string) => ok(s.api<SalesReport>("GET", `/reports/sales?${q}`));
const nonZero = (r: SalesReport) =>
  r.periods.filter((p) => p.orders > 0).map((p) => [p.period, p.orders, p.revenue]);

describe("sales per period", () => {
  it("sums the shop's sales per WIB day, counting 23:30 WIB on its own day and leaving empty days at zero", async () => {
    const r = await sales(shop, `${NOV}&granularity=day`);
    expect(r).toMatchObject({
      timeZone: "Asia/Jakarta",
      from: "2026-11-01",
      to: "2026-11-30",
      granularity: "day",
    });
    expect(r.periods).toHaveLength(30);
    expect(r.periods[0]).toEqual({ period: "2026-11-01", orders: 0, revenue: 0, averageOrderValue: 0 });
    expect(nonZero(r)).toEqual([
      ["2026-11-02", 1, 170_000],
      ["2026-11-03", 1, 20_000],
      ["2026-11-05", 1, 120_000],
      ["2026-11-10", 1, 60_000],
      ["2026-11-20", 2, 125_000],
    ]);
    expect(r.periods.find((p) => p.period === "2026-11-20")?.averageOrderValue).toBe(62_500);
    expect(r.totals).toEqual({ orders: 6, revenue: 495_000, averageOrderValue: 82_500 });
  });

  it("groups by Monday-first weeks and by months of the shop's zone", async () => {
    const weeks = await sales(shop, `${NOV}&granularity=week`);
    expect(weeks.periods.map((p) => [p.period, p.orders, p.revenue])).toEqual([
      ["2026-10-26", 0, 0],
      ["2026-11-02", 3, 310_000],
      ["2026-11-09", 1, 60_000],
      ["2026-11-16", 2, 125_000],
      ["2026-11-23", 0, 0],
      ["2026-11-30", 0, 0],
    ]);
    const months = await sales(shop, "from=2026-10-01&to=2026-12-31&granularity=month");
    expect(months.periods.map((p) => [p.period, p.orders, p.revenue])).toEqual([
      ["2026-10-01", 1, 85_000],
      ["2026-11-01", 6, 495_000],
      ["2026-12-01", 1, 85_000],
    ]);
  });

  it("reads the same instants in WITA once the shop moves to Asia/Makassar", async () => {
    const inWib = await sales(wita, `${NOV}&granularity=day`);
    expect(nonZero(inWib)).toEqual([
      ["2026-11-03", 1, 20_000],
      ["2026-11-30", 1, 40_000],
    ]);
    await ok(wita.api("PATCH", "/tenant", { timeZone: "Asia/Makassar" }));
    const days = await sales(wita, `${NOV}&granularity=day`);
    expect(days.timeZone).toBe("Asia/Makassar");
    expect(nonZero(days)).toEqual([
      ["2026-11-01", 1, 85_000],
      ["2026-11-04", 1, 20_000],
    ]);
    const weeks = await sales(wita, `${NOV}&granularity=week`);
    expect(nonZero(weeks)).toEqual([
      ["2026-10-26", 1, 85_000],
      ["2026-11-02", 1, 20_000],
    ]);
    const months = await sales(wita, `${NOV}&granularity=month`);
    expect(months.totals).toEqual({ orders: 2, revenue: 105_000, averageOrderValue: 52_500 });
    const witaSummary = await ok(wita.api<Summary>("GET", `/reports/summary?${NOV}`));
    // The WITA shop's own Sari only (both of her orders fall in November WITA), not the WIB shop's.
    expect(witaSummary.topCustomers.map((c) => [c.name, c.orders, c.revenue])).toEqual([
      ["Sari", 2, 105_000],
    ]);
  });

  it("defaults to the last 30 days and refuses a range over three years, naming from", async () => {
    const r = await sales(shop, "");
    expect(r.periods).toHaveLength(30);
    expect(r.periods.at(-1)?.period).toBe(r.to);
    const long = await shop.api("GET", "/reports/sales?from=2023-01-01&to=2026-11-30");
    expect(long.status).toBe(400);
    expect(Object.keys(errorOf(long).fields ?? {})).toEqual(["from"]);
    const bad = await shop.api("GET", "/reports/sales?from=2026-13-01");
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {})).toEqual(["from"]);
  });
});

describe("the summary", () => {
  it("counts orders by status, ranks customers and products, and sums provinces, cities and repeat buyers", async () => {
    const s = await ok(shop.api<Summary>("GET", `/reports/summary?${NOV}`));
    expect(s.totals).toEqual({ orders: 6, revenue: 495_000, averageOrderValue: 82_500, customers: 4 });
    expect(s.byStatus.filter((b) => b.orders > 0)).toEqual([
      { status: "draft", orders: 1, total: 85_000 },
      { status: "new", orders: 6, total: 495_000 },
      { status: "cancelled", orders: 1, total: 425_000 },
      { status: "returned", orders: 1, total: 85_000 },
    ]);
    expect(s.topCustomers.map((c) => [c.name, c.phone, c.orders, c.revenue])).toEqual([
      ["Budi", phones.Budi, 2, 205_000],
      ["Sari", phones.Sari, 2, 190_000],
      ["Ayu", phones.Ayu, 1, 60_000],
      ["Dedi", phones.Dedi, 1, 40_000],
    ]);
    expect(s.topCustomers[0]?.contactId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.topProducts.map((p) => [p.sku, p.name, p.quantity, p.revenue])).toEqual([
      ["KOPI", "Kopi Gayo", 4, 340_000],
      ["TEH", "Teh Melati", 7, 140_000],
    ]);
    expect(s.topProductsByQuantity.map((p) => p.sku)).toEqual(["TEH", "KOPI"]);
    expect(s.provinces.map((p) => [p.provinceName, p.customers, p.orders, p.revenue])).toEqual([
      ["Jawa Timur", 1, 2, 205_000],
      ["Jawa Barat", 1, 2, 190_000],
      ["Bali", 1, 1, 60_000],
      [null, 1, 1, 40_000],
    ]);
    expect(s.cities.map((c) => [c.city, c.provinceName, c.revenue])).toEqual([
      ["Surabaya", "Jawa Timur", 205_000],
      ["Bandung", "Jawa Barat", 190_000],
      ["Denpasar", "Bali", 60_000],
    ]);
    expect(s.repeat).toEqual({ customers: 4, repeatCustomers: 2, rate: 0.5 });
  });

  it("counts the reminders sent in the range and those followed by a sale within 14 days", async () => {
    const q = (text: string, values: unknown[]) => k.database.pool.query(text, values);
    const contact = async (who: string) =>
      (await q("SELECT id FROM contacts WHERE tenant_id = $1 AND phone = $2", [shop.tenantId, phones[who]]))
        .rows[0].id as string;
    const product = async (sku: string) =>
      (await q("SELECT id FROM products WHERE tenant_id = $1 AND sku = $2", [shop.tenantId, sku])).rows[0]
        .id as string;
    const source = (await q("SELECT id FROM orders WHERE tenant_id = $1 LIMIT 1", [shop.tenantId])).rows[0]
      .id as string;
    const sent = async (who: string, sku: string, at: string, runId: string) =>
      q(
        `INSERT INTO order_reminders (tenant_id, contact_id, product_id, order_id, due_on, status, run_id, sent_at)
         VALUES ($1, $2, $3, $4, ($5::timestamptz AT TIME ZONE 'Asia/Jakarta')::date, 'sent', $6, $5)`,
        [shop.tenantId, await contact(who), await product(sku), source, at, runId],
      );
    const run1 = "00000000-0000-4000-8000-000000000001";
    // Sari and Budi (two products, one message) on 1 Nov: both bought within 14 days.
    await sent("Sari", "KOPI", "2026-11-01T02:00:00Z", run1);
    await sent("Budi", "KOPI", "2026-11-01T02:00:00Z", run1);
    await sent("Budi", "TEH", "2026-11-01T02:00:00Z", run1);
    // Ayu on 20 Nov: no order after it. Dedi on 30 Oct: before the range.
    await sent("Ayu", "TEH", "2026-11-20T00:00:00Z", "00000000-0000-4000-8000-000000000002");
    await sent("Dedi", "TEH", "2026-10-30T02:00:00Z", "00000000-0000-4000-8000-000000000003");
    const s = await ok(shop.api<Summary>("GET", `/reports/summary?${NOV}`));
    // Sari's 170.000 + 20.000 within 14 days (not the returned one); Budi's 120.000 (not 20 Nov's 85.000).
    expect(s.reminders).toEqual({ sent: 3, converted: 2, rate: 2 / 3, revenue: 310_000 });
    const october = await ok(shop.api<Summary>("GET", "/reports/summary?from=2026-10-01&to=2026-10-31"));
    expect(october.reminders).toMatchObject({ sent: 1, converted: 0, revenue: 0 });
    await q("DELETE FROM order_reminders WHERE tenant_id = $1", [shop.tenantId]);
  });

  it("another shop sees none of it, and an agent may not read reports", async () => {
    const other = await addTenant(k, "Toko Kosong", `kosong-${Date.now()}@toko.test`, "rahasia-kosong-123");
    const s = await ok(other.api<Summary>("GET", `/reports/summary?${NOV}`));
    expect(s.totals).toEqual({ orders: 0, revenue: 0, averageOrderValue: 0, customers: 0 });
    expect([s.topCustomers, s.topProducts, s.provinces, s.cities]).toEqual([[], [], [], []]);
    expect((await sales(other, NOV)).totals.revenue).toBe(0);

    const agent = await factory(k, shop.tenantId).user("agent");
    const agentApi = apiClient(k.http!, {
      cookie: (await signIn(k.http!, agent.email, agent.password)).cookie,
    });
    for (const path of ["/reports/sales", "/reports/summary", "/reports/today", "/reports/export"]) {
      expect((await agentApi("GET", path)).status, path).toBe(403);
    }
  });

  it("shows today's sales of the shop's day for the dashboard", async () => {
    const other = await addTenant(k, "Toko Hari Ini", `hari-${Date.now()}@toko.test`, "rahasia-hari-123");
    await factory(k, other.tenantId).product({ sku: "KOPI", name: "Kopi Gayo", price: 85_000 });
    expect(await ok(other.api<TodaySales>("GET", "/reports/today"))).toMatchObject({ orders: 0, revenue: 0 });
    await ok(
      other.api("POST", "/orders", {
        customer: { phone: phones.Sari },
        lines: [kopi(2)],
        paymentMethod: "cod",
      }),
      201,
    );
    const today = await ok(other.api<TodaySales>("GET", "/reports/today"));
    expect(today).toMatchObject({
      orders: 1,
      revenue: 170_000,
      averageOrderValue: 170_000,
      timeZone: "Asia/Jakarta",
    });
    expect(today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("exports", () => {
  const csvRows = async (q: string) => {
    const r = await shop.api("GET", `/reports/export?${q}`);
    expect(r.status, r.text).toBe(200);
    return r.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
  };

  it("writes each report's columns in the shop's language", async () => {
    const salesRows = await csvRows(`${NOV}&report=sales&granularity=week&format=csv`);
    expect(salesRows.slice(0, 3)).toEqual([
      "Periode,Pesanan,Omzet,Rata-rata per pesanan",
      "2026-10-26,0,0,0",
      "2026-11-02,3,310000,103333",
    ]);
    const customers = await csvRows(`${NOV}&report=customers`);
    expect(customers[0]).toBe("Pelanggan,Nomor,Pesanan,Omzet");
    expect(customers[1]).toBe(`Budi,${phones.Budi},2,205000`);
    expect(customers).toHaveLength(5);
    const regions = await csvRows(`${NOV}&report=regions`);
    expect(regions).toEqual([
      "Provinsi,Kota,Pelanggan,Pesanan,Omzet",
      "Jawa Timur,Surabaya,1,2,205000",
      "Jawa Barat,Bandung,1,2,190000",
      "Bali,Denpasar,1,1,60000",
      "Tidak diketahui,,1,1,40000",
    ]);
    const r = await k.http!.inject({
      method: "GET",
      url: `/api/v1/reports/export?${NOV}&report=products&format=xlsx`,
      headers: { cookie: shop.cookie },
    });
    expect(r.headers["content-disposition"]).toContain("laporan-produk-2026-11-01-2026-11-30.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Produk");
    expect(sheet.getRow(1).values).toEqual([undefined, "Produk", "SKU", "Jumlah", "Omzet"]);
    expect(sheet.getRow(2).values).toEqual([undefined, "Kopi Gayo", "KOPI", 4, 340_000]);
  });
});
