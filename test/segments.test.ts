/**
 * RFM segments on a known dataset: six customers whose orders put each in a different
 * segment, scored within the shop; drafts, cancellations and returns do not count; the
 * thresholds change the names; a segment filters contacts and is a campaign's audience;
 * the nightly run refreshes every shop with orders; another shop sees nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import type { ContactRfmDto, SegmentsOverviewDto } from "../src/modules/segments/schemas.js";
import { refreshAllSegments } from "../src/modules/segments/index.js";
import { addTenant, errorOf, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
let tenantId: string;
const day = 86_400_000;
/** The customers by the segment their orders should give them. */
const who: Record<string, { id: string; phone: string }> = {};

/** An order of `rupiah` for `contactId`, placed `daysAgo` days ago, then moved to `status` if given. */
async function bought(contactId: string, daysAgo: number, rupiah: number, status?: string) {
  const r = await api<OrderDto>("POST", "/orders", {
    customer: { contactId },
    lines: [{ sku: "RFM-1", quantity: 1, unitPrice: rupiah }],
    paymentMethod: "transfer",
    placedAt: new Date(Date.now() - daysAgo * day - 60_000).toISOString(),
  });
  expect(r.status, r.text).toBe(201);
  if (status) {
    const body = status === "cancelled" || status === "returned" ? { status, reason: "uji" } : { status };
    expect((await api("POST", `/orders/${r.body.id}/status`, body)).status).toBe(200);
  }
}

const counts = (o: SegmentsOverviewDto) =>
  Object.fromEntries(o.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]));

beforeAll(async () => {
  k = await startTestKabar();
  const shop = await addTenant(k, "Toko RFM", "pemilik@toko-rfm.test", "rahasia-rfm-123");
  api = shop.api;
  tenantId = shop.tenantId;
  const f = factory(k, tenantId);
  await f.product({ sku: "RFM-1" });
  for (const name of ["new", "champions", "at_risk", "inactive", "loyal", "big_spender", "none"]) {
    const c = await f.contact({ name });
    who[name] = { id: c.id, phone: c.phone };
  }
  // Recency ranks (oldest → newest): inactive, at_risk, big_spender, loyal, new, champions → R 1,2,3,4,5,5.
  await bought(who.new!.id, 5, 100_000);
  for (let i = 0; i < 6; i++) await bought(who.champions!.id, 3 + i * 50, 500_000);
  await bought(who.champions!.id, 1, 9_000_000, "cancelled"); // not a sale
  for (let i = 0; i < 5; i++) await bought(who.at_risk!.id, 120 + i * 40, 300_000);
  await bought(who.inactive!.id, 400, 700_000);
  await bought(who.loyal!.id, 20, 50_000);
  await bought(who.loyal!.id, 90, 50_000);
  await bought(who.big_spender!.id, 60, 2_000_000);
  await bought(who.none!.id, 2, 100_000, "returned");
  await bought(who.none!.id, 2, 100_000, "cancelled");
});
afterAll(async () => k?.close());

describe("RFM segments", () => {
  it("are empty until computed, then name each customer by their orders", async () => {
    const before = await api<SegmentsOverviewDto>("GET", "/segments");
    expect(before.body).toMatchObject({ customers: 0, computedAt: null });
    const after = await api<SegmentsOverviewDto>("POST", "/segments/refresh");
    expect(after.status).toBe(200);
    expect(after.body.computedAt).not.toBeNull();
    expect(counts(after.body)).toEqual({
      new: 1,
      champions: 1,
      at_risk: 1,
      inactive: 1,
      loyal: 1,
      big_spender: 1,
    });
    const rfm = async (name: string) =>
      (await api<ContactRfmDto | null>("GET", `/contacts/${who[name]!.id}/rfm`)).body;
    expect(await rfm("champions")).toMatchObject({
      segment: "champions",
      frequency: 6,
      monetary: 3_000_000,
      recencyDays: 3,
      scores: { r: 5, f: 5, m: 5 },
    });
    expect(await rfm("at_risk")).toMatchObject({
      segment: "at_risk",
      recencyDays: 120,
      scores: { r: 2, f: 5, m: 4 },
    });
    expect(await rfm("inactive")).toMatchObject({
      segment: "inactive",
      frequency: 0,
      monetary: 0,
      scores: { r: 1 },
    });
    expect(await rfm("loyal")).toMatchObject({ segment: "loyal", scores: { r: 4, f: 4, m: 2 } });
    expect(await rfm("big_spender")).toMatchObject({
      segment: "big_spender",
      ordersEver: 1,
      scores: { m: 5 },
    });
    expect(await rfm("none")).toBeNull();
  });

  it("follow the shop's thresholds", async () => {
    const r = await api<SegmentsOverviewDto>("PUT", "/segments/settings", {
      loyalScore: 5,
      inactiveDays: 365,
    });
    expect(r.status).toBe(200);
    expect(r.body.thresholds).toMatchObject({ loyalScore: 5, inactiveDays: 365, newDays: 30 });
    // The loyal customer (F 4) is only promising now (R 4); 400 days is still past 365.
    expect(counts(r.body)).toMatchObject({ promising: 1, inactive: 1 });
    expect(counts(r.body).loyal).toBeUndefined();
    const bad = await api("PUT", "/segments/settings", { loyalScore: 9 });
    expect(errorOf(bad)).toMatchObject({
      code: "validation_failed",
      fields: { loyalScore: expect.any(String) },
    });
    await api("PUT", "/segments/settings", { loyalScore: 4, inactiveDays: 180 });
  });

  it("filter contacts and make a campaign audience", async () => {
    const list = await api<{ items: Array<{ id: string }> }>("GET", "/contacts?segment=at_risk");
    expect(list.body.items.map((c) => c.id)).toEqual([who.at_risk!.id]);
    const channel = await factory(k, tenantId).channel();
    const estimate = await api<{ recipients: number }>("POST", "/campaigns/estimate", {
      audience: { type: "segment", segment: "champions" },
      channelId: channel.id,
    });
    expect(estimate.status, estimate.text).toBe(200);
    expect(estimate.body.recipients).toBe(1);
  });

  it("are refreshed nightly for every shop with orders, and a customer whose orders are all cancelled drops out", async () => {
    const orders = await api<{ items: Array<{ id: string; status: string }> }>(
      "GET",
      `/orders?contactId=${who.new!.id}`,
    );
    await api("POST", `/orders/${orders.body.items[0]!.id}/status`, { status: "cancelled", reason: "uji" });
    expect(await refreshAllSegments(k.database.db)).toBeGreaterThanOrEqual(1);
    const after = (await api<SegmentsOverviewDto>("GET", "/segments")).body;
    expect(counts(after).new).toBeUndefined();
    expect(after.customers).toBe(5);
  });

  it("are the shop's own", async () => {
    const other = await addTenant(k, "Toko Lain RFM", "lain@toko-rfm.test", "rahasia-lain-123");
    expect((await other.api<SegmentsOverviewDto>("POST", "/segments/refresh")).body.customers).toBe(0);
    expect((await other.api("GET", `/contacts/${who.champions!.id}/rfm`)).status).toBe(404);
    expect((await other.api<{ total: number }>("GET", "/contacts?segment=champions")).body.total).toBe(0);
    expect((await api<SegmentsOverviewDto>("GET", "/segments")).body.customers).toBe(5);
  });
});
