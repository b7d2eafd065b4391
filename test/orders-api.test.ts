/**
 * Orders over the API as a shop uses them: taken by hand (customer by phone or contact),
 * from an inbox conversation, moved along the status flow with its history, edited while
 * open, listed with filters in the shop's time zone, exported, and made idempotent for a
 * website's retries. Another shop never sees them.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderDto, OrderSummaryDto } from "../src/modules/orders/schemas.js";
import { addTenant, apiClient, errorOf, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
const f = () => factory(k);
let kopi: { id: string; sku: string };
let teh: { id: string; sku: string };

type Page = { items: OrderSummaryDto[]; total: number };

/** A plain manual order for a new phone: 2 × kopi, transfer. */
const order = (over: Record<string, unknown> = {}) => ({
  customer: { phone: f().phone().replace("+62", "0"), name: "Sari" },
  lines: [{ sku: kopi.sku, quantity: 2 }],
  paymentMethod: "transfer",
  ...over,
});

async function place(body: Record<string, unknown> = order(), headers?: Record<string, string>) {
  const r = await api<OrderDto>("POST", "/orders", body, { headers });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  kopi = await f().product({ sku: "KOPI-250", name: "Kopi Gayo 250 g", price: 85_000, consumptionDays: 14 });
  teh = await f().product({ sku: "TEH-50", name: "Teh Melati", price: 20_000 });
});
afterAll(async () => k?.close());

describe("taking an order", () => {
  it("finds or creates the customer by phone, copies the lines, numbers it per month and keeps who took it", async () => {
    const phone = f().phone();
    const first = await place(
      order({
        customer: { phone: `0${phone.slice(3, 6)}-${phone.slice(6)}`, name: "Sari Dewi" },
        lines: [
          { sku: "kopi-250", quantity: 2 },
          { productId: teh.id, quantity: 1, unitPrice: 18_000 },
        ],
        discount: 10_000,
        shippingCost: 15_000,
        province: "jabar",
        city: "Bandung",
        address: "Jl. Braga 1",
      }),
    );
    expect(first).toMatchObject({
      status: "new",
      source: "manual",
      customer: { name: "Sari Dewi", phone },
      subtotal: 188_000,
      total: 193_000,
      itemCount: 3,
      province: "32",
      provinceName: "Jawa Barat",
      next: ["confirmed", "paid", "packed", "shipped", "completed", "cancelled", "returned"],
    });
    expect(first.number).toMatch(/^INV\/\d{4}\/\d{2}\/\d{4}$/);
    expect(first.lines.map((l) => [l.sku, l.name, l.quantity, l.unitPrice, l.lineTotal])).toEqual([
      ["KOPI-250", "Kopi Gayo 250 g", 2, 85_000, 170_000],
      ["TEH-50", "Teh Melati", 1, 18_000, 18_000],
    ]);
    expect(first.history).toMatchObject([{ kind: "created", toStatus: "new", actor: { kind: "user" } }]);
    expect(first.history[0]!.actor.name).toBeTruthy();
    // The answer to the POST is the order as it was stored.
    expect((await api<OrderDto>("GET", `/orders/${first.id}`)).body).toEqual(first);
    // The contact exists now, with the order's name.
    const contacts = await api<{ items: Array<{ id: string; name: string }> }>(
      "GET",
      `/contacts?search=${phone.slice(3)}`,
    );
    expect(contacts.body.items).toEqual([
      expect.objectContaining({ id: first.customer.contactId, name: "Sari Dewi" }),
    ]);
    // The same phone again is the same contact; the number goes up by one.
    const second = await place(order({ customer: { phone } }));
    expect(second.customer.contactId).toBe(first.customer.contactId);
    const seq = (o: OrderDto) => Number(o.number.slice(-4));
    expect(seq(second)).toBe(seq(first) + 1);
  });

  it("keeps the price it was sold at when the catalogue changes", async () => {
    const p = await f().product({ price: 50_000 });
    const o = await place(order({ lines: [{ productId: p.id, quantity: 1 }] }));
    await k.database.db.execute(`UPDATE products SET price = 99000, name = 'Renamed' WHERE id = '${p.id}'`);
    const again = (await api<OrderDto>("GET", `/orders/${o.id}`)).body;
    expect(again.lines[0]).toMatchObject({ name: o.lines[0]!.name, unitPrice: 50_000 });
    expect(again.total).toBe(50_000);
  });

  it("names each bad line and field, and stores nothing", async () => {
    const off = await f().product({ active: false });
    const before = (await api<Page>("GET", "/orders")).body.total;
    const bad = await api(
      "POST",
      "/orders",
      order({
        lines: [
          { sku: "KOPI-250", quantity: 1 },
          { sku: "NOPE", quantity: 1 },
          { productId: off.id, quantity: 1 },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({
      code: "unknown_product",
      fields: { "lines.1.sku": "unknown product", "lines.2.productId": "product is inactive" },
    });
    const negative = await api("POST", "/orders", order({ lines: [{ sku: "KOPI-250", quantity: -1 }] }));
    expect(negative.status).toBe(400);
    expect(Object.keys(errorOf(negative)!.fields ?? {})).toContain("lines.0.quantity");
    const phone = await api("POST", "/orders", order({ customer: { phone: "0812" } }));
    expect(errorOf(phone)).toMatchObject({
      code: "invalid_phone",
      fields: { "customer.phone": expect.any(String) },
    });
    const discount = await api("POST", "/orders", order({ discount: 1_000_000 }));
    expect(errorOf(discount)).toMatchObject({
      code: "discount_too_large",
      fields: { discount: expect.any(String) },
    });
    const province = await api("POST", "/orders", order({ province: "Atlantis" }));
    expect(errorOf(province)?.code).toBe("unknown_province");
    const noProduct = await api("POST", "/orders", order({ lines: [{ quantity: 1 }] }));
    expect(Object.keys(errorOf(noProduct)!.fields ?? {})).toContain("lines.0.sku");
    for (const r of [bad, negative, phone, discount, province, noProduct])
      expect(r.text).not.toMatch(/select|insert|\/work\//i);
    expect((await api<Page>("GET", "/orders")).body.total).toBe(before);
  });

  it("from an inbox conversation takes its customer and number", async () => {
    const channel = await f().channel();
    const contact = await f().contact({ name: "Budi" });
    const conv = await f().conversation({ channelId: channel.id, contactId: contact.id });
    const o = await place({
      customer: { contactId: contact.id },
      conversationId: conv.id,
      lines: [{ sku: "TEH-50", quantity: 3 }],
      paymentMethod: "cod",
    });
    expect(o).toMatchObject({
      source: "inbox",
      channelId: channel.id,
      customer: { contactId: contact.id, name: "Budi", phone: contact.phone },
    });
    const unknown = await api("POST", "/orders", {
      ...order(),
      conversationId: "00000000-0000-4000-8000-0000000000ff",
    });
    expect(errorOf(unknown)?.code).toBe("unknown_conversation");
  });

  it("gives every concurrent order of a month its own number", async () => {
    const made = await Promise.all(Array.from({ length: 12 }, () => place()));
    const numbers = made.map((o) => o.number);
    expect(new Set(numbers).size).toBe(12);
    const seqs = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]!).toBe(11);
  });

  it("never reuses a number when the counter forgot increments (a database crash), and carries on after the highest", async () => {
    const before = await place(order({ placedAt: "2025-10-15T03:00:00Z" }));
    await place(order({ placedAt: "2025-10-16T03:00:00Z" }));
    await k.database.db.execute(
      `UPDATE order_counters SET last = last - 2 WHERE tenant_id = '${k.owner.tenantId}' AND period = '2025/10'`,
    );
    const after = await place(order({ placedAt: "2025-10-17T03:00:00Z" }));
    expect(before.number).toBe("INV/2025/10/0001");
    expect(after.number).toBe("INV/2025/10/0003");
  });

  it("numbers by the month the order was placed in the shop's time zone", async () => {
    // 30 Nov 2025 18:30 UTC is 1 Dec 2025 01:30 WIB.
    const o = await place(order({ placedAt: "2025-11-30T18:30:00Z" }));
    expect(o.number).toBe("INV/2025/12/0001");
  });
});

describe("the status flow", () => {
  it("moves forward with what each step needs, records each move, and refuses the rest", async () => {
    const o = await place();
    const move = (body: Record<string, unknown>) => api<OrderDto>("POST", `/orders/${o.id}/status`, body);
    expect((await move({ status: "confirmed" })).body.status).toBe("confirmed");
    const noCourier = await move({ status: "shipped" });
    expect(noCourier.status).toBe(400);
    expect(errorOf(noCourier)).toMatchObject({
      code: "order_status_incomplete",
      fields: { courier: expect.any(String) },
    });
    const shipped = await move({ status: "shipped", courier: "JNE", trackingNumber: "JNE123456" });
    expect(shipped.body).toMatchObject({ status: "shipped", courier: "JNE", trackingNumber: "JNE123456" });
    const back = await move({ status: "paid" });
    expect(back.status).toBe(409);
    expect(errorOf(back)).toMatchObject({ code: "illegal_order_transition" });
    expect(errorOf(back)!.message).toContain("shipped");
    expect(errorOf(back)!.message).toContain("paid");
    const done = await move({ status: "completed" });
    expect(done.body.completedAt).not.toBeNull();
    expect(done.body.next).toEqual([]);
    expect((await move({ status: "cancelled", reason: "x" })).status).toBe(409);
    expect(done.body.history.map((e) => [e.kind, e.fromStatus, e.toStatus, e.note])).toEqual([
      ["created", null, "new", null],
      ["status", "new", "confirmed", null],
      ["status", "confirmed", "shipped", "JNE · JNE123456"],
      ["status", "shipped", "completed", null],
    ]);
  });

  it("cancels only with a reason, and a cancelled order is final", async () => {
    const o = await place();
    const noReason = await api("POST", `/orders/${o.id}/status`, { status: "cancelled" });
    expect(errorOf(noReason)).toMatchObject({
      code: "order_status_incomplete",
      fields: { reason: expect.any(String) },
    });
    const c = await api<OrderDto>("POST", `/orders/${o.id}/status`, {
      status: "cancelled",
      reason: "Pelanggan batal",
    });
    expect(c.body).toMatchObject({ status: "cancelled", closeReason: "Pelanggan batal", next: [] });
  });

  it("lets one of two people moving the same order at once win; the other gets 409", async () => {
    const o = await place();
    const [a, b] = await Promise.all([
      api("POST", `/orders/${o.id}/status`, { status: "confirmed" }),
      api("POST", `/orders/${o.id}/status`, { status: "paid" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const history = (await api<OrderDto>("GET", `/orders/${o.id}`)).body.history;
    expect(history.filter((e) => e.kind === "status")).toHaveLength(1);
  });

  it("lets an agent take and move orders but not export them", async () => {
    const agent = await f().user("agent");
    const { cookie } = await import("./support/api.js").then((m) =>
      m.signIn(k.http!, agent.email, agent.password),
    );
    const agentApi = apiClient(k.http!, { cookie });
    const o = await agentApi<OrderDto>("POST", "/orders", order());
    expect(o.status).toBe(201);
    expect((await agentApi("POST", `/orders/${o.body.id}/status`, { status: "paid" })).status).toBe(200);
    expect((await agentApi("GET", "/orders/export")).status).toBe(403);
  });
});

describe("editing", () => {
  it("reprices new orders, keeps the change in the history, and locks the amounts once confirmed", async () => {
    const o = await place();
    const edited = await api<OrderDto>("PATCH", `/orders/${o.id}`, {
      lines: [{ sku: "TEH-50", quantity: 2 }],
      shippingCost: 9_000,
      notes: "Titip satpam",
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({
      subtotal: 40_000,
      total: 49_000,
      notes: "Titip satpam",
      itemCount: 2,
    });
    const change = edited.body.history.at(-1)!;
    expect(change.kind).toBe("edited");
    expect(change.changes).toMatchObject({
      total: { from: 170_000, to: 49_000 },
      notes: { from: null, to: "Titip satpam" },
      lines: { from: "2× KOPI-250 @ 85000", to: "2× TEH-50 @ 20000" },
    });
    await api("POST", `/orders/${o.id}/status`, { status: "confirmed" });
    const locked = await api("PATCH", `/orders/${o.id}`, { discount: 5_000 });
    expect(locked.status).toBe(409);
    expect(errorOf(locked)).toMatchObject({ code: "order_locked", fields: { discount: expect.any(String) } });
    const address = await api<OrderDto>("PATCH", `/orders/${o.id}`, {
      address: "Jl. Baru 2",
      province: "Bali",
    });
    expect(address.body).toMatchObject({ address: "Jl. Baru 2", province: "51", total: 49_000 });
  });
});

describe("idempotency (the order API's retries)", () => {
  it("returns the first order for a retried request, and refuses the same key with another body", async () => {
    const body = order({ externalId: undefined });
    const key = { "idempotency-key": `web-${Date.now()}` };
    const first = await place(body, key);
    const retry = await api<OrderDto>("POST", "/orders", body, { headers: key });
    expect(retry.status).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body.id).toBe(first.id);
    const other = await api("POST", "/orders", { ...body, shippingCost: 1 }, { headers: key });
    expect(other.status).toBe(409);
    expect(errorOf(other)).toMatchObject({
      code: "idempotency_conflict",
      fields: { "Idempotency-Key": expect.any(String) },
    });
    const blank = await api("POST", "/orders", body, { headers: { "idempotency-key": " " } });
    expect(errorOf(blank)).toMatchObject({
      code: "validation_failed",
      fields: { "Idempotency-Key": expect.any(String) },
    });
  });

  it("treats the shop's externalId the same way, also for requests racing each other", async () => {
    const body = order({ externalId: `WEB-${Date.now()}` });
    const all = await Promise.all(Array.from({ length: 6 }, () => api<OrderDto>("POST", "/orders", body)));
    expect(all.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    const other = await api("POST", "/orders", { ...body, notes: "beda" });
    expect(errorOf(other)).toMatchObject({
      code: "idempotency_conflict",
      fields: { externalId: expect.any(String) },
    });
    const page = await api<Page>("GET", `/orders?search=${encodeURIComponent(all[0]!.body.number)}`);
    expect(page.body.total).toBe(1);
  });
});

describe("the list and the export", () => {
  it("filters by status, payment, product, customer, search and the shop's days", async () => {
    const p = await f().product({ sku: `FILTER-${Date.now()}` });
    const phone = f().phone();
    const a = await place(
      order({
        customer: { phone, name: "Filter Satu" },
        lines: [{ productId: p.id, quantity: 1 }],
        paymentMethod: "qris",
        placedAt: "2026-03-31T17:30:00Z",
      }),
    );
    const b = await place(
      order({
        customer: { phone },
        lines: [
          { productId: p.id, quantity: 1 },
          { sku: "TEH-50", quantity: 1 },
        ],
        paymentMethod: "cod",
        placedAt: "2026-04-02T03:00:00Z",
      }),
    );
    await api("POST", `/orders/${b.id}/status`, { status: "confirmed" });
    const ids = async (q: string) =>
      (await api<Page>("GET", `/orders?productId=${p.id}&${q}`)).body.items.map((o) => o.id);
    expect(await ids("")).toEqual([b.id, a.id]);
    expect(await ids("status=confirmed")).toEqual([b.id]);
    expect(await ids("status=new&status=confirmed")).toEqual([b.id, a.id]);
    expect(await ids("paymentMethod=qris")).toEqual([a.id]);
    // 31 Mar 17:30 UTC is 1 Apr 00:30 WIB: the order belongs to 1 April.
    expect(await ids("from=2026-04-01&to=2026-04-01")).toEqual([a.id]);
    expect(await ids("to=2026-03-31")).toEqual([]);
    expect(await ids(`search=${phone.slice(4)}`)).toEqual([b.id, a.id]);
    expect(await ids(`search=0${phone.slice(3)}`)).toEqual([b.id, a.id]);
    expect(await ids(`contactId=${a.customer.contactId}`)).toEqual([b.id, a.id]);
    const one = await api<Page & { page: number }>("GET", `/orders?productId=${p.id}&pageSize=1&page=2`);
    expect(one.body).toMatchObject({ total: 2, page: 2, items: [{ id: a.id, itemCount: 1, total: 10_000 }] });
  });

  it("exports the filtered orders in the shop's language, with the shop's time and rupiah numbers", async () => {
    const p = await f().product({ sku: `EXP-${Date.now()}`, name: "Gula Aren", price: 25_000 });
    await place(
      order({
        customer: { phone: f().phone(), name: "Rina" },
        lines: [{ productId: p.id, quantity: 2 }],
        placedAt: "2026-05-01T02:05:00Z",
        province: "31",
      }),
    );
    const csv = await api("GET", `/orders/export?productId=${p.id}&format=csv`);
    expect(csv.status).toBe(200);
    const [header, row] = csv.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "No. pesanan,Tanggal (WIB),Status,Pelanggan,Nomor,Produk,Subtotal,Diskon,Ongkir,Total,Pembayaran,Provinsi,Kota,Alamat,Kurir,No. resi,Catatan",
    );
    expect(row).toMatch(
      /^INV\/2026\/05\/\d{4},01\/05\/2026 09:05,Baru,Rina,\+628\d+,2× Gula Aren,50000,0,0,50000,Transfer bank,DKI Jakarta,,,,,$/,
    );
    const xlsx = await k.http!.inject({
      method: "GET",
      url: `/api/v1/orders/export?productId=${p.id}&format=xlsx`,
      headers: { cookie: k.cookie },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Pesanan");
    expect(sheet.getRow(2).getCell(10).value).toBe(50_000);
    expect(sheet.getRow(2).getCell(2).value).toBeInstanceOf(Date);
  });
});

describe("the export of a big shop", () => {
  it("writes every matching order exactly once over its 1,000-order pages, also orders placed at the same moment", async () => {
    const p = await f().product({ sku: `PAGE-${Date.now()}`, name: "Kopi Halaman" });
    const contact = await f().contact();
    // 2,500 orders, three at each moment, so pages end inside a tie.
    await k.database.pool.query(
      `WITH o AS (
         INSERT INTO orders (tenant_id, number, contact_id, customer_phone, status, payment_method, subtotal, total, placed_at, outlet_id)
         SELECT $1, 'INV/2025/01/P' || lpad(g::text, 5, '0'), $2, '+628111', 'completed', 'transfer', 10000, 10000,
                timestamptz '2025-01-01 00:00+07' + (g / 3) * interval '1 minute',
                (SELECT id FROM outlets WHERE tenant_id = $1 ORDER BY created_at, id LIMIT 1)
         FROM generate_series(1, 2500) g RETURNING id)
       INSERT INTO order_lines (tenant_id, order_id, product_id, position, sku, name, quantity, unit_price, line_total)
       SELECT $1, o.id, $3, 0, 'PAGE', 'Kopi Halaman', 1, 10000, 10000 FROM o`,
      [k.owner.tenantId, contact.id, p.id],
    );
    const csv = await api("GET", `/orders/export?productId=${p.id}&format=csv`);
    expect(csv.status).toBe(200);
    const numbers = csv.text
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n")
      .slice(1)
      .map((row) => row.split(",")[0]);
    expect(numbers).toHaveLength(2500);
    expect(new Set(numbers).size).toBe(2500);
    expect(numbers.slice(0, 2)).toEqual(["INV/2025/01/P02500", "INV/2025/01/P02499"]);
  });
});

describe("the order API with an API key (the shop's website)", () => {
  it("takes an order by SKU, idempotently, names the key in the history, and keeps to the key's scopes", async () => {
    const key = async (scopes: string[]) =>
      (await api<{ key: string }>("POST", "/api-keys", { name: `Website ${scopes.join("+")}`, scopes })).body
        .key;
    const website = apiClient(k.http!, { bearer: await key(["orders:write", "orders:read"]) });
    const externalId = `SHOP-${Date.now()}`;
    const body = order({ externalId, lines: [{ sku: "kopi-250", quantity: 1 }] });
    const made = await website<OrderDto>("POST", "/orders", body, {
      headers: { "idempotency-key": "retry-1" },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ source: "api", externalId, total: 85_000 });
    expect(made.body.history[0]!.actor).toEqual({
      kind: "api_key",
      name: "Website orders:write+orders:read",
    });
    const again = await website<OrderDto>("POST", "/orders", body, {
      headers: { "idempotency-key": "retry-1" },
    });
    expect([again.status, again.body.id]).toEqual([200, made.body.id]);
    expect((await website<OrderDto>("GET", `/orders/${made.body.id}`)).body).toEqual(made.body);
    expect((await website("POST", `/orders/${made.body.id}/status`, { status: "paid" })).status).toBe(200);
    // Editing and exporting stay with people.
    expect(errorOf(await website("PATCH", `/orders/${made.body.id}`, { notes: "x" }))?.code).toBe(
      "api_key_not_allowed",
    );
    expect(errorOf(await website("GET", "/orders/export"))?.code).toBe("api_key_not_allowed");
    const reader = apiClient(k.http!, { bearer: await key(["orders:read"]) });
    expect((await reader("GET", "/orders")).status).toBe(200);
    const refused = await reader("POST", "/orders", order());
    expect([refused.status, errorOf(refused)?.code]).toEqual([403, "missing_scope"]);
    const contactsOnly = apiClient(k.http!, { bearer: await key(["contacts:read"]) });
    expect(errorOf(await contactsOnly("GET", "/orders"))?.code).toBe("missing_scope");
  });
});

describe("isolation", () => {
  it("another shop sees none of the orders and cannot order the shop's products", async () => {
    const o = await place();
    const other = await addTenant(k, "Toko Lain", `lain-${Date.now()}@toko.test`, "rahasia-lain-123");
    expect((await other.api("GET", `/orders/${o.id}`)).status).toBe(404);
    expect((await other.api("POST", `/orders/${o.id}/status`, { status: "paid" })).status).toBe(404);
    expect((await other.api<Page>("GET", "/orders")).body.total).toBe(0);
    const theirs = await other.api("POST", "/orders", order());
    expect(errorOf(theirs)?.code).toBe("unknown_product");
    const byContact = await other.api(
      "POST",
      "/orders",
      order({ customer: { contactId: o.customer.contactId } }),
    );
    expect(errorOf(byContact)?.code).toBe("unknown_product");
    const p = await factory(k, other.tenantId).product({ sku: "KOPI-250" });
    const mine = await other.api<OrderDto>(
      "POST",
      "/orders",
      order({ customer: { contactId: o.customer.contactId }, lines: [{ productId: p.id, quantity: 1 }] }),
    );
    expect(errorOf(mine)?.code).toBe("unknown_contact");
  });
});
