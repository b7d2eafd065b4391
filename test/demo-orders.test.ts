/**
 * The demo shop on its first start (KABAR_SEED_ORDERS): a coffee and grocery catalogue and
 * six months of its customers' orders whose amounts, numbers and counters hold together,
 * whose statuses, payments, places and baskets look like a real shop's, and whose RFM
 * segments all have customers. A restart adds nothing; the test suites run without it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVINCES } from "../src/lib/regions/provinces.js";
import type { SegmentsOverviewDto } from "../src/modules/segments/schemas.js";
import { apiClient } from "./support/api.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

const DAY = 86_400_000;
let url: string;
let k: TestKabar;
let startedAt: Date;

interface OrderRow {
  id: string;
  number: string;
  status: string;
  payment_method: string;
  subtotal: number;
  discount: number;
  shipping_cost: number;
  total: number;
  province: string | null;
  city: string | null;
  close_reason: string | null;
  courier: string | null;
  contact_id: string | null;
  placed_at: Date;
  completed_at: Date | null;
  lines_total: number;
  lines_ok: boolean;
  skus: string[];
  events: number;
  first_event_at: Date;
  last_event_at: Date;
}

let orders: OrderRow[];

/** Rows of every table the demo history writes, by table. */
async function counts(kabar: TestKabar): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    "products",
    "orders",
    "order_lines",
    "order_events",
    "order_counters",
    "contacts",
    "contact_rfm",
    "order_reminders",
  ]) {
    const { rows } = await kabar.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    out[t] = rows[0]!.n;
  }
  return out;
}

beforeAll(async () => {
  url = await createTestDatabase();
  startedAt = new Date();
  k = await startTestKabar({ KABAR_SEED_ORDERS: "true" }, {}, url);
  const { rows } = await k.database.pool.query<OrderRow>(
    `
    SELECT o.id, o.number, o.status, o.payment_method, o.subtotal, o.discount, o.shipping_cost, o.total,
           o.province, o.city, o.close_reason, o.courier, o.contact_id, o.placed_at, o.completed_at,
           (SELECT sum(l.line_total)::int FROM order_lines l WHERE l.order_id = o.id) AS lines_total,
           (SELECT bool_and(l.line_total = l.quantity * l.unit_price AND l.product_id IS NOT NULL)
              FROM order_lines l WHERE l.order_id = o.id) AS lines_ok,
           (SELECT array_agg(l.sku ORDER BY l.position) FROM order_lines l WHERE l.order_id = o.id) AS skus,
           (SELECT count(*)::int FROM order_events e WHERE e.order_id = o.id) AS events,
           (SELECT min(e.created_at) FROM order_events e WHERE e.order_id = o.id) AS first_event_at,
           (SELECT max(e.created_at) FROM order_events e WHERE e.order_id = o.id) AS last_event_at
    FROM orders o WHERE o.tenant_id = $1 ORDER BY o.placed_at`,
    [k.owner.tenantId],
  );
  orders = rows;
});

afterAll(async () => {
  await k?.close();
  if (url) await dropTestDatabase(url);
});

describe("the demo shop's catalogue and order history", () => {
  it("sells about ten coffee and grocery products with SKUs, rupiah prices, categories and consumption intervals", async () => {
    const { rows } = await k.database.pool.query<{
      sku: string;
      name: string;
      price: number;
      category: string | null;
      consumption_days: number | null;
      active: boolean;
    }>("SELECT sku, name, price, category, consumption_days, active FROM products WHERE tenant_id = $1", [
      k.owner.tenantId,
    ]);
    expect(rows).toHaveLength(10);
    expect(rows.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "Kopi Arabika Gayo 250 g",
        "Kopi Robusta Lampung 250 g",
        "Teh Melati Tubruk 50 g",
        "Gula Aren Cair 500 ml",
        "Susu UHT Full Cream 1 L",
      ]),
    );
    for (const p of rows) {
      expect(p.sku, p.name).toMatch(/^[A-Z0-9-]+$/);
      expect(p.price % 1000, p.name).toBe(0);
      expect(p.category, p.name).toBeTruthy();
      expect(p.consumption_days, p.name).toBeGreaterThan(0);
      expect(p.active).toBe(true);
    }
  });

  it("has about six months of orders of its demo customers, every month, up to today", () => {
    expect(orders.length).toBeGreaterThan(150);
    const oldest = orders[0]!.placed_at.getTime();
    const newest = orders[orders.length - 1]!.placed_at.getTime();
    expect((startedAt.getTime() - oldest) / DAY).toBeGreaterThan(180);
    expect((startedAt.getTime() - oldest) / DAY).toBeLessThan(210);
    expect((startedAt.getTime() - newest) / DAY).toBeLessThan(2);
    expect(newest).toBeLessThanOrEqual(Date.now());
    for (let m = 0; m < 6; m++) {
      const from = startedAt.getTime() - (m + 1) * 30 * DAY;
      const to = startedAt.getTime() - m * 30 * DAY;
      const inMonth = orders.filter((o) => o.placed_at.getTime() >= from && o.placed_at.getTime() < to);
      expect(inMonth.length, `orders ${m}-${m + 1} months ago`).toBeGreaterThan(10);
    }
    const hour = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Jakarta",
      hour: "2-digit",
      hourCycle: "h23",
    });
    for (const o of orders) {
      const h = Number(hour.format(o.placed_at));
      expect(h >= 7 && h <= 21, `${o.number} placed at ${h}h WIB`).toBe(true);
      // Its history starts when it was placed and has not happened after now.
      expect(o.first_event_at.getTime(), o.number).toBe(o.placed_at.getTime());
      expect(o.last_event_at.getTime(), o.number).toBeLessThanOrEqual(Date.now());
    }
    expect(orders.every((o) => o.contact_id !== null)).toBe(true);
    expect(new Set(orders.map((o) => o.contact_id)).size).toBeGreaterThan(35);
  });

  it("keeps every order's amounts consistent: lines are quantity × price, total = lines − discount + shipping", () => {
    for (const o of orders) {
      expect(o.lines_ok, o.number).toBe(true);
      expect(o.subtotal, o.number).toBe(o.lines_total);
      expect(o.total, o.number).toBe(o.subtotal - o.discount + o.shipping_cost);
      expect(o.shipping_cost, o.number).toBeGreaterThan(0);
      expect(o.events, o.number).toBeGreaterThanOrEqual(1);
    }
    expect(orders.filter((o) => o.discount > 0).length).toBeGreaterThan(5);
  });

  it("numbers orders per month of the shop's zone without gaps or repeats, with the counters at the last number", async () => {
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length);
    const month = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Jakarta",
      year: "numeric",
      month: "2-digit",
    });
    const byPeriod = new Map<string, number[]>();
    for (const o of orders) {
      const [, y, m, n] = /^INV\/(\d{4})\/(\d{2})\/(\d{4})$/.exec(o.number) ?? [];
      expect(o.number).toMatch(/^INV\/\d{4}\/\d{2}\/\d{4}$/);
      expect(`${y}-${m}`, o.number).toBe(month.format(o.placed_at));
      byPeriod.set(`${y}/${m}`, [...(byPeriod.get(`${y}/${m}`) ?? []), Number(n)]);
    }
    const { rows } = await k.database.pool.query<{ period: string; last: number }>(
      "SELECT period, last FROM order_counters WHERE tenant_id = $1",
      [k.owner.tenantId],
    );
    expect(Object.fromEntries(rows.map((r) => [r.period, r.last]))).toEqual(
      Object.fromEntries([...byPeriod].map(([p, ns]) => [p, ns.length])),
    );
    for (const [p, ns] of byPeriod) expect(ns, p).toEqual(ns.map((_, i) => i + 1));
  });

  it("the next order of this month takes the number after the history's last", async () => {
    const api = apiClient(k.http!, { cookie: k.cookie });
    const r = await api<{ number: string }>("POST", "/orders", {
      customer: { phone: "081299990077", name: "Pembeli Baru" },
      lines: [{ sku: "KOPI-GAYO-250", quantity: 1 }],
      paymentMethod: "qris",
    });
    expect(r.status, r.text).toBe(201);
    const period = r.body.number.slice(4, 11);
    const last = Math.max(
      0,
      ...orders.filter((o) => o.number.slice(4, 11) === period).map((o) => Number(o.number.slice(12))),
    );
    expect(r.body.number).toBe(`INV/${period}/${String(last + 1).padStart(4, "0")}`);
  });

  it("mostly completed; recent ones still new, confirmed or shipped; a few cancelled or returned with a reason", () => {
    const share = (s: string) => orders.filter((o) => o.status === s).length / orders.length;
    expect(share("completed")).toBeGreaterThan(0.75);
    for (const s of ["new", "confirmed", "shipped", "cancelled", "returned"])
      expect(orders.filter((o) => o.status === s).length, s).toBeGreaterThan(0);
    for (const o of orders.filter((x) =>
      ["new", "confirmed", "paid", "packed", "shipped"].includes(x.status),
    ))
      expect((startedAt.getTime() - o.placed_at.getTime()) / DAY, o.number).toBeLessThan(7);
    for (const o of orders.filter((x) => x.status === "cancelled" || x.status === "returned"))
      expect(o.close_reason, o.number).toBeTruthy();
    for (const o of orders.filter((x) => x.status === "completed")) {
      expect(o.completed_at, o.number).not.toBeNull();
      expect(o.courier, o.number).toBeTruthy();
    }
  });

  it("is paid by transfer, COD, QRIS and e-wallet, and ships to provinces and cities across Indonesia", () => {
    const methods = new Set(orders.map((o) => o.payment_method));
    expect([...methods].sort()).toEqual(["cod", "ewallet", "qris", "transfer"]);
    const codes = new Set<string>(PROVINCES.map((p) => p.code));
    for (const o of orders) {
      expect(codes.has(o.province ?? ""), o.number).toBe(true);
      expect(o.city, o.number).toBeTruthy();
    }
    expect(new Set(orders.map((o) => o.province)).size).toBeGreaterThan(5);
  });

  it("sells coffee beans often with palm sugar, so cross-sell has something to suggest", () => {
    const beans = orders.filter((o) => o.skus.some((s) => s.startsWith("KOPI-") && s !== "KOPI-SACHET-10"));
    const withSugar = beans.filter((o) => o.skus.includes("GULA-AREN-500"));
    expect(beans.length).toBeGreaterThan(50);
    expect(withSugar.length / beans.length).toBeGreaterThan(0.4);
    const others = orders.filter((o) => !beans.includes(o));
    expect(others.filter((o) => o.skus.includes("GULA-AREN-500")).length / others.length).toBeLessThan(0.3);
  });

  it("has customers in every RFM segment, computed on the first start", async () => {
    const api = apiClient(k.http!, { cookie: k.cookie });
    const r = await api<SegmentsOverviewDto>("GET", "/segments");
    expect(r.status, r.text).toBe(200);
    expect(r.body.computedAt).not.toBeNull();
    const empty = r.body.segments.filter((s) => s.customers === 0).map((s) => s.segment);
    expect(empty).toEqual([]);
    expect(r.body.segments.map((s) => s.segment)).toHaveLength(8);
  });

  it("plans repeat-order reminders from its history, some of them due in the next two weeks", async () => {
    const { rows } = await k.database.pool.query<{ planned: number; soon: number; past: number }>(
      `SELECT count(*)::int AS planned,
              count(*) FILTER (WHERE due_on <= (now() AT TIME ZONE 'Asia/Jakarta')::date + 14)::int AS soon,
              count(*) FILTER (WHERE due_on < (now() AT TIME ZONE 'Asia/Jakarta')::date)::int AS past
       FROM order_reminders WHERE status = 'planned'`,
    );
    expect(rows[0]!.planned).toBeGreaterThan(0);
    expect(rows[0]!.soon).toBeGreaterThan(0);
    expect(rows[0]!.past).toBe(0);
  });

  it("adds nothing when Kabar starts again on the same database", async () => {
    const before = await counts(k);
    await k.close();
    k = await startTestKabar({ KABAR_SEED_ORDERS: "true" }, {}, url);
    expect(await counts(k)).toEqual(before);
  });
});

describe("the test suites' demo", () => {
  it("has no catalogue and no orders unless a test asks (KABAR_SEED_ORDERS=false in startTestKabar)", async () => {
    const plain = await startTestKabar();
    try {
      const c = await counts(plain);
      expect([c.products, c.orders, c.contact_rfm]).toEqual([0, 0, 0]);
      expect(c.contacts).toBe(50);
    } finally {
      await plain.close();
    }
  });
});
