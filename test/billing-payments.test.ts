/**
 * Payments through Midtrans in SaaS mode (issue 14), driving the fake Midtrans Kabar starts
 * without MIDTRANS_SERVER_KEY: checkout, the notification's signature, reconciliation with
 * the status API, every status, replays and out-of-order notifications, refunds, invoices
 * (JSON and PDF), isolation between shops and fuzzed checkout bodies.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeMidtrans,
  listPackages,
  quotaBalance,
  startTrial,
  subscriptionOf,
  upgradePrice,
} from "../src/modules/billing/index.js";
import { midtransSignature } from "../src/modules/billing/midtrans/signature.js";
import { addTenant, type Api, apiClient, errorOf, ok } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let owner: Api;
let fake: FakeMidtrans;
let tenantId: string;
const pk: Record<string, string> = {};
const packs: Record<string, string> = {};

interface Checkout {
  paymentId: string;
  orderId: string;
  grossAmount: number;
  token: string;
  redirectUrl: string;
}
interface PaymentDto {
  id: string;
  orderId: string;
  status: string;
  kind: string;
  grossAmount: number;
  invoiceId: string | null;
  paidAt: string | null;
}

beforeAll(async () => {
  k = await startTestKabar({ KABAR_MODE: "saas", KABAR_PPN_RATE: "11" });
  owner = apiClient(k.http!, { cookie: k.cookie });
  fake = k.fakeMidtrans!;
  tenantId = k.owner.tenantId;
  for (const p of await listPackages(k.database.db)) pk[p.code] = p.id;
  const r = await k.database.db.execute<{ id: string; code: string }>(sql`SELECT id, code FROM topup_packs`);
  for (const x of r.rows) packs[x.code] = x.id;
  await k.database.db.transaction((tx) => startTrial(tx, tenantId, new Date()));
});
afterAll(() => k?.close());

const checkout = (body: unknown) => ok(owner<Checkout>("POST", "/billing/checkout", body), 201);
const payment = async (orderId: string) =>
  (await ok(owner<{ payments: PaymentDto[] }>("GET", "/billing/payments"))).payments.find(
    (p) => p.orderId === orderId,
  )!;
const units = async () => (await quotaBalance(k.database.db, tenantId))!;
const sub = async () => (await subscriptionOf(k.database.db, tenantId))!;

describe("checkout", () => {
  it("a top-up: PPN 11 % in integer rupiah, a Snap transaction with the items summing to the amount, an unpaid invoice", async () => {
    const c = await checkout({ kind: "topup", topupPackId: packs["topup-1000"] });
    expect(c.grossAmount).toBe(75_000 + 8_250);
    expect(c.orderId).toMatch(/^KBR-\d{8}-[0-9A-Z]{10}$/);
    expect(c.redirectUrl).toBe(`${fake.baseUrl}/snap/v4/redirection/${c.token}`);
    const t = fake.transaction(c.orderId)!;
    expect(t.request).toMatchObject({
      transaction_details: { order_id: c.orderId, gross_amount: 83_250 },
      item_details: [
        { price: 75_000, quantity: 1, name: "1.000 pesan" },
        { price: 8_250, quantity: 1, name: "PPN 11%" },
      ],
      customer_details: { email: "owner@toko-contoh.test" },
    });
    expect((t.request.callbacks as { finish: string }).finish).toContain(`/billing?payment=${c.orderId}`);
    const p = await payment(c.orderId);
    expect(p).toMatchObject({ status: "pending", kind: "topup", grossAmount: 83_250, paidAt: null });
    const inv = await ok(owner<Record<string, unknown>>("GET", `/billing/invoices/${p.invoiceId}`));
    expect(inv).toMatchObject({
      status: "unpaid",
      subtotal: 75_000,
      ppnRate: 11,
      ppnAmount: 8_250,
      total: 83_250,
    });
    expect(inv.number).toMatch(/^INV-KBR\/\d{4}\/\d{2}\/\d{4}$/);
  });

  it("checkout is in the audit log as the owner's, from HTTP; a settled payment as the system's", async () => {
    const c = await checkout({ kind: "topup", topupPackId: packs["topup-1000"] });
    await fake.pay(c.orderId);
    const r = await k.database.db.execute<{
      action: string;
      actor_user_id: string | null;
      source: string;
    }>(sql`
      SELECT action, actor_user_id, source FROM audit_log WHERE tenant_id = ${tenantId} AND target_name = ${c.orderId}
      ORDER BY id`);
    expect(r.rows).toEqual([
      { action: "billing.checkout", actor_user_id: k.owner.userId, source: "http" },
      { action: "billing.payment_paid", actor_user_id: null, source: "http" },
    ]);
  });

  it("each attempt has its own order id and invoice number", async () => {
    const a = await checkout({ kind: "topup", topupPackId: packs["topup-1000"] });
    const b = await checkout({ kind: "topup", topupPackId: packs["topup-1000"] });
    expect(a.orderId).not.toBe(b.orderId);
    const [pa, pb] = [await payment(a.orderId), await payment(b.orderId)];
    const na = (await ok(owner<{ number: string }>("GET", `/billing/invoices/${pa.invoiceId}`))).number;
    const nb = (await ok(owner<{ number: string }>("GET", `/billing/invoices/${pb.invoiceId}`))).number;
    expect(na).not.toBe(nb);
  });

  it("Midtrans refusing: 502 payment_provider_unavailable without detail, the payment failed", async () => {
    fake.failNextCreate(500, ["Sorry, we encountered internal server error"]);
    const r = await owner("POST", "/billing/checkout", { kind: "topup", topupPackId: packs["topup-1000"] });
    expect(r.status).toBe(502);
    expect(errorOf(r).code).toBe("payment_provider_unavailable");
    expect(r.text).not.toContain("internal server error");
    const failed = (await ok(owner<{ payments: PaymentDto[] }>("GET", "/billing/payments"))).payments[0]!;
    expect(failed.status).toBe("failed");
  });

  it("refuses what cannot be bought: unknown or trial package 404, upgrade from a trial 409, renewal of a trial 409", async () => {
    const unknown = await owner("POST", "/billing/checkout", {
      kind: "subscription",
      packageId: "00000000-0000-4000-8000-000000000000",
    });
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, "package_not_found"]);
    const trial = await owner("POST", "/billing/checkout", { kind: "subscription", packageId: pk.trial });
    expect([trial.status, errorOf(trial).code]).toEqual([404, "package_not_found"]);
    const up = await owner("POST", "/billing/checkout", { kind: "upgrade", packageId: pk.pro });
    expect([up.status, errorOf(up).code]).toEqual([409, "not_an_upgrade"]);
    const renew = await owner("POST", "/billing/checkout", { kind: "renewal" });
    expect([renew.status, errorOf(renew).code]).toEqual([409, "nothing_to_renew"]);
  });

  it("fuzzed bodies answer 400 naming the field, never 500", async () => {
    const cases: Array<[unknown, string]> = [
      [{}, "kind"],
      [{ kind: "gratis" }, "kind"],
      [{ kind: "topup" }, "topupPackId"],
      [{ kind: "topup", topupPackId: "not-a-uuid" }, "topupPackId"],
      [{ kind: "subscription" }, "packageId"],
      [{ kind: "subscription", packageId: pk.basic, cycle: "weekly" }, "cycle"],
      [{ kind: "upgrade", packageId: 42 }, "packageId"],
    ];
    for (const [body, field] of cases) {
      const r = await owner("POST", "/billing/checkout", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    for (const raw of ["[]", "null", '"x"', "{", "1"]) {
      const r = await owner("POST", "/billing/checkout", raw, {
        headers: { "content-type": "application/json" },
      });
      expect(r.status, raw).toBe(400);
    }
  });
});

describe("the notification", () => {
  let c: Checkout;
  beforeEach(async () => {
    c = await checkout({ kind: "topup", topupPackId: packs["topup-1000"] });
  });

  it("a good signature of a settlement pays the top-up once; the same notification again changes nothing", async () => {
    const before = await units();
    const r = await fake.pay(c.orderId);
    expect([r.status, r.body]).toEqual([200, JSON.stringify({ ok: true })]);
    expect((await units()).topupLeft).toBe(before.topupLeft + 1000);
    const p = await payment(c.orderId);
    expect(p.status).toBe("paid");
    expect(p.paidAt).not.toBeNull();
    expect((await ok(owner<{ status: string }>("GET", `/billing/invoices/${p.invoiceId}`))).status).toBe(
      "paid",
    );
    expect((await fake.notify(c.orderId)).status).toBe(200);
    expect((await units()).topupLeft).toBe(before.topupLeft + 1000);
  });

  it("the same settlement delivered twice at once pays once", async () => {
    const before = await units();
    fake.setStatus(c.orderId, "settlement");
    const answers = await Promise.all([
      fake.notify(c.orderId),
      fake.notify(c.orderId),
      fake.notify(c.orderId),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await units()).topupLeft).toBe(before.topupLeft + 1000);
  });

  it("a transaction the status API does not know (the buyer has not chosen yet) changes nothing", async () => {
    const before = await units();
    const r = await fake.notify(c.orderId, { status: "settlement" });
    expect(r.status).toBe(200);
    expect(await units()).toEqual(before);
    expect((await payment(c.orderId)).status).toBe("pending");
  });

  it("announces billing.units_added for the shop when paid", async () => {
    const heard: string[] = [];
    const stop = k.bus.on("billing.units_added", (e) => heard.push(e.tenantId));
    await fake.pay(c.orderId);
    stop();
    expect(heard).toEqual([tenantId]);
  });

  it("forged, missing and tampered-amount signatures: 401 invalid_signature, nothing changed", async () => {
    fake.setStatus(c.orderId, "settlement");
    const before = await units();
    const forged = await fake.notify(c.orderId, { signWith: "SB-Mid-server-not-the-key" });
    const missing = await fake.notify(c.orderId, { sign: false });
    const tampered = await fake.notify(c.orderId, { fields: { gross_amount: "1.00" } });
    const numeric = await fake.notify(c.orderId, { fields: { gross_amount: c.grossAmount } });
    for (const r of [forged, missing, tampered, numeric]) {
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe("invalid_signature");
    }
    expect(await units()).toEqual(before);
    expect((await payment(c.orderId)).status).toBe("pending");
  });

  it("never trusts the notification: settlement notified while the status API says pending pays nothing", async () => {
    fake.setStatus(c.orderId, "pending");
    const before = await units();
    const r = await fake.notify(c.orderId, { status: "settlement" });
    expect(r.status).toBe(200);
    expect(await units()).toEqual(before);
    expect((await payment(c.orderId)).status).toBe("pending");
  });

  it("a status API amount that differs from what Kabar created changes nothing", async () => {
    fake.setStatus(c.orderId, "settlement");
    (fake.transaction(c.orderId) as { grossAmount: number }).grossAmount = 1000;
    const before = await units();
    const r = await fake.notify(c.orderId);
    expect(r.status).toBe(200);
    expect(await units()).toEqual(before);
    expect((await payment(c.orderId)).status).toBe("pending");
  });

  it("fuzzed notification bodies: 400 for what is not a JSON object, 401 for an object without a good signature, never 500", async () => {
    for (const raw of ["[]", "null", '"x"', "{", "1", ""]) {
      const r = await fake.sendRaw(raw);
      expect(r.status, raw).toBe(400);
    }
    for (const body of [
      {},
      { order_id: 1 },
      { order_id: "x", status_code: [], gross_amount: {}, signature_key: null },
    ]) {
      const r = await fake.sendRaw(body);
      expect(r.status, JSON.stringify(body)).toBe(401);
    }
  });

  it("an order Kabar never created: 200, nothing done", async () => {
    const body: Record<string, string> = {
      order_id: "KBR-20261207-NOTOURS000",
      status_code: "200",
      gross_amount: "10000.00",
      transaction_status: "settlement",
    };
    body.signature_key = midtransSignature(body.order_id!, "200", "10000.00", fake.serverKey);
    const r = await fake.sendRaw(body);
    expect([r.status, r.body]).toEqual([200, JSON.stringify({ ok: true })]);
  });

  it("out of order: pending after settlement, expire after settlement leave it paid", async () => {
    await fake.pay(c.orderId);
    const left = (await units()).topupLeft;
    fake.setStatus(c.orderId, "pending");
    await fake.notify(c.orderId);
    fake.setStatus(c.orderId, "expire");
    await fake.notify(c.orderId);
    expect((await payment(c.orderId)).status).toBe("paid");
    expect((await units()).topupLeft).toBe(left);
  });

  it("maps every status: pending stays pending, challenge pending, capture+accept paid", async () => {
    await fake.pend(c.orderId);
    expect((await payment(c.orderId)).status).toBe("pending");
    fake.setStatus(c.orderId, "capture", "challenge");
    await fake.notify(c.orderId);
    expect((await payment(c.orderId)).status).toBe("pending");
    fake.setStatus(c.orderId, "capture", "accept");
    await fake.notify(c.orderId);
    expect((await payment(c.orderId)).status).toBe("paid");
  });

  for (const failure of ["deny", "cancel", "expire", "failure"]) {
    it(`${failure} → failed, its invoice void, nothing added`, async () => {
      const before = await units();
      fake.setStatus(c.orderId, failure);
      await fake.notify(c.orderId);
      const p = await payment(c.orderId);
      expect(p.status).toBe("failed");
      expect((await ok(owner<{ status: string }>("GET", `/billing/invoices/${p.invoiceId}`))).status).toBe(
        "void",
      );
      expect(await units()).toEqual(before);
    });
  }

  it("a refund before any paid state does nothing to the shop", async () => {
    const before = await units();
    await fake.refund(c.orderId);
    expect(await units()).toEqual(before);
    expect((await payment(c.orderId)).status).toBe("refunded");
  });

  it("refund (and partial_refund) of a paid top-up takes its unused units back; later notifications change nothing", async () => {
    await fake.pay(c.orderId);
    const paid = (await units()).topupLeft;
    fake.setStatus(c.orderId, "partial_refund");
    await fake.notify(c.orderId);
    expect((await units()).topupLeft).toBe(paid - 1000);
    const p = await payment(c.orderId);
    expect(p.status).toBe("refunded");
    expect((await ok(owner<{ status: string }>("GET", `/billing/invoices/${p.invoiceId}`))).status).toBe(
      "refunded",
    );
    await fake.pay(c.orderId);
    expect((await payment(c.orderId)).status).toBe("refunded");
    expect((await units()).topupLeft).toBe(paid - 1000);
  });
});

describe("subscriptions, renewals and upgrades", () => {
  it("a paid subscription moves the trial to Basic, with its units", async () => {
    const c = await checkout({ kind: "subscription", packageId: pk.basic, cycle: "monthly" });
    expect(c.grossAmount).toBe(149_000 + 16_390);
    await fake.pay(c.orderId);
    const s = await sub();
    expect(s).toMatchObject({ status: "active", package: { code: "basic" }, cycle: "monthly" });
    expect((await units()).periodUnits).toBe(2000);
    const overview = await ok(owner<Record<string, unknown>>("GET", "/billing"));
    expect(overview).toMatchObject({
      enabled: true,
      status: "active",
      package: { code: "basic" },
      nextPackage: null,
    });
  });

  it("a renewal adds a period; its refund takes the days back", async () => {
    const before = await sub();
    const c = await checkout({ kind: "renewal" });
    expect(c.grossAmount).toBe(149_000 + 16_390);
    await fake.pay(c.orderId);
    const renewed = await sub();
    expect(renewed.periodStart.getTime()).toBe(before.periodEnd.getTime());
    await fake.refund(c.orderId);
    const back = await sub();
    expect(back.periodEnd.getTime()).toBe(before.periodEnd.getTime());
    expect(back.periodStart.getTime()).toBe(before.periodStart.getTime());
    expect(back.status).toBe("active");
  });

  it("an upgrade costs the prorated difference for the rest of the period; a cheaper one is 409", async () => {
    const s = await sub();
    const expected = upgradePrice(149_000, 399_000, { start: s.periodStart, end: s.periodEnd }, new Date());
    const c = await checkout({ kind: "upgrade", packageId: pk.pro });
    const subtotal = Math.round(c.grossAmount / 1.11);
    expect(Math.abs(subtotal - expected)).toBeLessThanOrEqual(2);
    await fake.pay(c.orderId);
    expect((await sub()).package.code).toBe("pro");
    const down = await owner("POST", "/billing/checkout", { kind: "upgrade", packageId: pk.basic });
    expect([down.status, errorOf(down).code]).toEqual([409, "not_an_upgrade"]);
  });
});

describe("invoices", () => {
  it("the PDF starts with %PDF and names the invoice number", async () => {
    const c = await checkout({ kind: "topup", topupPackId: packs["topup-5000"] });
    await fake.pay(c.orderId);
    const p = await payment(c.orderId);
    const inv = await ok(owner<{ number: string }>("GET", `/billing/invoices/${p.invoiceId}`));
    const r = await k.http!.inject({
      method: "GET",
      url: `/api/v1/billing/invoices/${p.invoiceId}/pdf`,
      headers: { cookie: k.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    expect(String(r.headers["content-disposition"])).toContain("attachment");
    expect(r.rawPayload.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(r.rawPayload.toString("latin1")).toContain(inv.number);
  });

  it("another shop's owner cannot read this shop's invoices or payments (404 invoice_not_found)", async () => {
    const b = await addTenant(k, "Toko B", "pemilik@toko-b.test", "rahasia-toko-b-1");
    await k.database.db.transaction((tx) => startTrial(tx, b.tenantId, new Date()));
    const mine = (await ok(owner<{ payments: PaymentDto[] }>("GET", "/billing/payments"))).payments;
    const invoiceId = mine.find((p) => p.invoiceId)!.invoiceId!;
    for (const path of [`/billing/invoices/${invoiceId}`, `/billing/invoices/${invoiceId}/pdf`]) {
      const r = await b.api("GET", path);
      expect([r.status, errorOf(r).code]).toEqual([404, "invoice_not_found"]);
    }
    expect((await ok(b.api<{ payments: PaymentDto[] }>("GET", "/billing/payments"))).payments).toEqual([]);
  });

  it("a shop without a subscription is not billed: enabled false, checkout 404 billing_off", async () => {
    const c = await addTenant(k, "Toko C", "pemilik@toko-c.test", "rahasia-toko-c-1");
    expect(await ok(c.api("GET", "/billing"))).toEqual({ enabled: false });
    const r = await c.api("POST", "/billing/checkout", { kind: "topup", topupPackId: packs["topup-1000"] });
    expect([r.status, errorOf(r).code]).toEqual([404, "billing_off"]);
  });

  it("packages on offer: the paid ones and the top-up packs, never the trial", async () => {
    const r = await ok(
      owner<{ packages: Array<{ code: string }>; topups: Array<{ code: string }> }>(
        "GET",
        "/billing/packages",
      ),
    );
    expect(r.packages.map((p) => p.code)).toEqual(["basic", "pro", "bisnis"]);
    expect(r.topups.map((p) => p.code)).toEqual(["topup-1000", "topup-5000"]);
  });
});

describe("the fake Midtrans' page", () => {
  it("shows the order and, on Pay, notifies Kabar and goes back to the finish URL", async () => {
    const c = await checkout({ kind: "topup", topupPackId: packs["topup-1000"] });
    const page = await fetch(c.redirectUrl);
    const html = await page.text();
    expect(html).toContain(c.orderId);
    expect(html).toContain("Rp83.250");
    const r = await fetch(`${c.redirectUrl}/pay`, { method: "POST", redirect: "manual" });
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toContain(`/billing?payment=${c.orderId}&order_id=${c.orderId}`);
    expect((await payment(c.orderId)).status).toBe("paid");
  });
});
