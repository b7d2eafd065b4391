/**
 * Outlet scoping (issue 13, "Outlets"): a shop with outlets A and B, a number, contacts,
 * conversations and campaigns on each, and staff limited to A (made through the API). The
 * table below is checked against the route list (test/support/routes.ts API_ROUTES): every GET
 * route is `scoped` (A's staff see A's items and none of B's, in lists, counts and exports,
 * and B's ids answer 404 like another shop's; or, for what acts for the whole shop, A's staff
 * are refused) or `shop-wide` (with the reason). A GET route missing from it fails.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, sandboxMessages } from "../src/db/schema/index.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import {
  type Api,
  apiClient,
  errorOf,
  multipartBody,
  type Reply,
  signIn,
  uploadContacts,
} from "./support/api.js";
import { API_ROUTES, routeKey } from "./support/routes.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

/** What the test knows of one outlet's things. */
interface Side {
  outletId: string;
  channelId: string;
  contact: ContactDto;
  conversationId: string;
  campaignId: string;
  label: string;
  attribute: string;
  /** An order on the side's number (A's total 10,000, B's 25,000) and its number. */
  orderId: string;
  orderNumber: string;
  total: number;
  /** A user limited to this outlet. */
  userId: string;
  /** A contact import homed in this outlet. */
  importId: string;
  /** An auto-reply rule of this outlet's number. */
  ruleId: string;
  /** A file only a message of this outlet's conversation holds. */
  mediaId: string;
}

let k: TestKabar;
let owner: Api;
/** An admin limited to outlet A: reaches every route, so each one's scope shows. */
let staffA: Api;
/** An agent limited to outlet A (the CS role of the issue). */
let agentA: Api;
let agentAId: string;
/** An agent limited to outlet B. */
let agentBId: string;
const A = {} as Side;
const B = {} as Side;
/** A rule of every number, an import homed nowhere, a virtual phone that wrote to A's and B's numbers. */
const shop = { ruleId: "", importId: "", phone: "" };
const dataDir = mkdtempSync(join(tmpdir(), "kabar-outlets-"));
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001",
  "hex",
);

async function ok<T>(p: Promise<Reply<T>>, status = 200): Promise<T> {
  const r = await p;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

/** Ids of the users `staff` made, by e-mail. */
const staffIds = new Map<string, string>();

/** Signs in a user made through the API (their temporary password changed by `signIn`). */
async function staff(body: Record<string, unknown>): Promise<Api> {
  const password = "rahasia-cabang-123";
  const made = await ok(owner<{ id: string }>("POST", "/users", { ...body, password }), 201);
  staffIds.set(body.email as string, made.id);
  const { cookie } = await signIn(k.http!, body.email as string, password);
  return apiClient(k.http!, { cookie });
}

/** One outlet with a number, a contact homed there, a conversation, a campaign draft and an order on that number. */
async function side(s: Side, name: string, price: number): Promise<void> {
  s.outletId = (
    await ok(owner<{ id: string }>("POST", "/outlets", { name, city: "Solo", province: "33" }), 201)
  ).id;
  s.channelId = (await factory(k).channel({ outletId: s.outletId, name: `WA ${name}` })).id;
  s.label = `pelanggan-${name.toLowerCase().replace(/\W/g, "")}`;
  s.attribute = `kota_${name.toLowerCase().replace(/\W/g, "")}`;
  s.contact = await ok(
    owner<ContactDto>("POST", "/contacts", {
      phone: factory(k).phone(),
      name: `Pelanggan ${name}`,
      labels: [s.label],
      attributes: { [s.attribute]: "Solo" },
      homeOutletId: s.outletId,
    }),
    201,
  );
  s.conversationId = (await factory(k).conversation({ channelId: s.channelId, contactId: s.contact.id })).id;
  s.campaignId = (
    await ok(
      owner<CampaignDto>("POST", "/campaigns", {
        name: `Promo ${name}`,
        channelId: s.channelId,
        body: "Halo {{name|kak}}",
        audience: { type: "labels", labels: [s.label] },
      }),
      201,
    )
  ).id;
  const product = await factory(k).product({ price });
  const order = await ok(
    owner<OrderDto>("POST", "/orders", {
      customer: { contactId: s.contact.id },
      lines: [{ productId: product.id, quantity: 1 }],
      paymentMethod: "transfer",
      channelId: s.channelId,
    }),
    201,
  );
  expect(order.outletId).toBe(s.outletId);
  s.orderId = order.id;
  s.orderNumber = order.number;
  s.total = order.total;
  // A repeat-order reminder due today from this order (what GET /reminders/preview lists).
  await k.database.pool.query(
    `INSERT INTO order_reminders (tenant_id, contact_id, product_id, order_id, due_on)
     VALUES ($1, $2, $3, $4, current_date - 1)`,
    [k.owner.tenantId, s.contact.id, product.id, order.id],
  );
  s.userId = (
    await ok(
      owner<{ id: string }>("POST", "/users", {
        email: `staf-${s.label}@toko.test`,
        name: `Staf ${name}`,
        role: "agent",
        outletIds: [s.outletId],
      }),
      201,
    )
  ).id;
  s.importId = (
    await ok(
      uploadContacts(owner, `${s.label}.csv`, `nama,telepon\nImpor ${name},${factory(k).phone()}\n`, {
        homeOutletId: s.outletId,
      }),
      201,
    )
  ).id;
  s.ruleId = (
    await ok(
      owner<{ id: string }>("POST", "/automation/rules", {
        name: `Harga ${name}`,
        type: "keyword",
        config: { keywords: ["harga"] },
        reply: `Harga di ${name}`,
        channelId: s.channelId,
      }),
      201,
    )
  ).id;
  const { payload, headers } = multipartBody([
    { name: "file", filename: `${s.label}.png`, value: PNG, contentType: "image/png" },
  ]);
  s.mediaId = (await ok(owner<{ id: string }>("POST", "/templates/media", payload, { headers }), 201)).id;
  await k.database.db.insert(messages).values({
    tenantId: k.owner.tenantId,
    channelId: s.channelId,
    contactId: s.contact.id,
    direction: "in",
    externalId: `foto-${s.label}`,
    media: { type: "image", id: s.mediaId },
    status: "received",
  });
}

/** A page of the audit log, as far as these tests read it. */
type AuditPage = { items: Array<{ target: { id: string | null }; actor: { name: string | null } }> };

/** The ids of a list answer (an array, or a page's `items`). */
const ids = (body: unknown): string[] =>
  ((Array.isArray(body) ? body : (body as { items: unknown[] }).items) as Array<{ id: string }>).map(
    (x) => x.id,
  );

/** A's staff list `path`: A's `a` is in it and B's `b` is not. */
async function listsOnlyA(path: string, a: string, b: string): Promise<void> {
  const got = ids(await ok(staffA("GET", path)));
  expect(got).toContain(a);
  expect(got).not.toContain(b);
}

/** `path` (with `:id`) answers A's staff for A's id, and 404 `code` for B's, exactly as for another shop's. */
async function idScoped(path: string, a: string, b: string, code: string): Promise<void> {
  const mine = await staffA("GET", path.replace(":id", a));
  expect(mine.status, mine.text).not.toBe(404);
  const theirs = await staffA("GET", path.replace(":id", b));
  expect({ status: theirs.status, code: errorOf(theirs)?.code }).toEqual({ status: 404, code });
}

/** `path` acts for the whole shop: A's staff (limited to A) are refused with 403 `all_outlets_only`. */
async function everyOutletOnly(path: string): Promise<void> {
  const r = await staffA("GET", path);
  expect({ status: r.status, code: errorOf(r)?.code }).toEqual({ status: 403, code: "all_outlets_only" });
}

/** `path` (a figures route) answers A's staff 404 `outlet_not_found` for `outletId` B, like an unknown outlet. */
async function outletParamScoped(path: string): Promise<void> {
  const sep = path.includes("?") ? "&" : "?";
  for (const id of [B.outletId, "00000000-0000-4000-8000-00000000beef"]) {
    const r = await staffA("GET", `${path}${sep}outletId=${id}`);
    expect({ status: r.status, code: errorOf(r)?.code }).toEqual({ status: 404, code: "outlet_not_found" });
  }
  expect((await staffA("GET", `${path}${sep}outletId=${A.outletId}`)).status).toBe(200);
}

type Scope = { kind: "scoped"; check: () => Promise<void> } | { kind: "shop-wide"; why: string };

const shopWide = (why: string): Scope => ({ kind: "shop-wide", why });
const scoped = (check: () => Promise<void>): Scope => ({ kind: "scoped", check });

/** Every GET route of the API and its outlet scope. */
const GET_ROUTES: Record<string, Scope> = {
  "GET /auth/me": shopWide("the caller themself"),
  "GET /auth/session": shopWide("the caller's own session"),
  "GET /signup": shopWide("public: whether sign-up is open and what the trial gives, no shop's data"),
  "GET /tenant": shopWide("the shop's settings"),
  "GET /users": scoped(async () => {
    const got = ids(await ok(staffA("GET", "/users")));
    // A's staff, and the owner (of every outlet: they work in A too); not B's.
    expect(got).toEqual(expect.arrayContaining([A.userId, k.owner.userId!]));
    expect(got).not.toContain(B.userId);
    const theirs = await staffA("PATCH", `/users/${B.userId}`, { name: "Bukan stafmu" });
    expect({ status: theirs.status, code: errorOf(theirs)?.code }).toEqual({
      status: 404,
      code: "user_not_found",
    });
  }),
  "GET /roles": shopWide("roles are the shop's"),
  "GET /audit": scoped(async () => {
    const targets = (await ok(staffA<AuditPage>("GET", "/audit?targetType=campaign&limit=200"))).items.map(
      (e) => e.target.id,
    );
    expect(targets).toContain(A.campaignId);
    expect(targets).not.toContain(B.campaignId);
    const b = await staffA("GET", `/audit?outletId=${B.outletId}`);
    expect({ status: b.status, code: errorOf(b)?.code }).toEqual({ status: 404, code: "outlet_not_found" });
  }),
  "GET /audit/export": scoped(async () => {
    const file = (await staffA<string>("GET", "/audit/export?targetType=campaign")).text;
    expect(file).toContain(A.campaignId);
    expect(file).not.toContain(B.campaignId);
  }),
  "GET /audit/people": scoped(async () => {
    const names = (await ok(staffA<Array<{ name: string }>>("GET", "/audit/people"))).map((p) => p.name);
    expect(names).toContain("Admin A");
    expect(names).not.toContain("CS B");
  }),
  "GET /billing": shopWide("billing: the shop's subscription and usage, owner and admins only"),
  "GET /billing/packages": shopWide("billing: the platform's packages on offer"),
  "GET /billing/payments": shopWide("billing: the shop's payments, owner and admins only"),
  "GET /billing/invoices/:id": shopWide("billing: the shop's invoice, owner and admins only"),
  "GET /billing/invoices/:id/pdf": shopWide("billing: the shop's invoice, owner and admins only"),
  "GET /roles/:id": shopWide("roles are the shop's"),
  // A key reads every outlet's orders and an endpoint receives every outlet's events: only staff of every outlet manage them.
  "GET /api-keys": scoped(() => everyOutletOnly("/api-keys")),
  "GET /webhook-endpoints": scoped(() => everyOutletOnly("/webhook-endpoints")),
  "GET /webhook-endpoints/:id/deliveries": scoped(() =>
    everyOutletOnly(`/webhook-endpoints/${crypto.randomUUID()}/deliveries`),
  ),
  "GET /outlets": scoped(() => listsOnlyA("/outlets", A.outletId, B.outletId)),
  "GET /outlets/:id": scoped(() => idScoped("/outlets/:id", A.outletId, B.outletId, "outlet_not_found")),
  "GET /channels": scoped(() => listsOnlyA("/channels", A.channelId, B.channelId)),
  "GET /channels/pacing-presets": shopWide("the built-in pacing presets"),
  "GET /channels/health": scoped(async () => {
    const got = (await ok(staffA<Array<{ channelId: string }>>("GET", "/channels/health"))).map(
      (h) => h.channelId,
    );
    expect(got).toContain(A.channelId);
    expect(got).not.toContain(B.channelId);
  }),
  "GET /channels/:id": scoped(() => idScoped("/channels/:id", A.channelId, B.channelId, "channel_not_found")),
  "GET /channels/:id/wa-templates": scoped(() =>
    idScoped("/channels/:id/wa-templates", A.channelId, B.channelId, "channel_not_found"),
  ),
  "GET /channels/:id/health": scoped(() =>
    idScoped("/channels/:id/health", A.channelId, B.channelId, "channel_not_found"),
  ),
  "GET /channels/:id/link": scoped(() =>
    idScoped("/channels/:id/link", A.channelId, B.channelId, "channel_not_found"),
  ),
  "GET /contacts": scoped(async () => {
    await listsOnlyA("/contacts?pageSize=200", A.contact.id, B.contact.id);
    const total = (await ok(staffA<{ total: number }>("GET", "/contacts?pageSize=1"))).total;
    expect(total).toBe(ids(await ok(staffA("GET", "/contacts?pageSize=200"))).length);
    const search = await ok(staffA("GET", `/contacts?search=${encodeURIComponent(B.contact.phone)}`));
    expect(ids(search)).toEqual([]);
  }),
  "GET /contacts/labels": scoped(async () => {
    const labels = (await ok(staffA<Array<{ label: string }>>("GET", "/contacts/labels"))).map(
      (l) => l.label,
    );
    expect(labels).toContain(A.label);
    expect(labels).not.toContain(B.label);
  }),
  "GET /contacts/attributes": scoped(async () => {
    const body = await ok(staffA<unknown>("GET", "/contacts/attributes"));
    const text = JSON.stringify(body);
    expect(text).toContain(A.attribute);
    expect(text).not.toContain(B.attribute);
  }),
  "GET /contacts/export": scoped(async () => {
    const r = await staffA("GET", "/contacts/export?format=csv");
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(A.contact.phone);
    expect(r.text).not.toContain(B.contact.phone);
  }),
  "GET /contacts/:id": scoped(() =>
    idScoped("/contacts/:id", A.contact.id, B.contact.id, "contact_not_found"),
  ),
  "GET /contacts/:id/history": scoped(() =>
    idScoped("/contacts/:id/history", A.contact.id, B.contact.id, "contact_not_found"),
  ),
  "GET /contacts/:id/rfm": scoped(() =>
    idScoped("/contacts/:id/rfm", A.contact.id, B.contact.id, "contact_not_found"),
  ),
  "GET /contacts/imports": scoped(async () => {
    await listsOnlyA("/contacts/imports", A.importId, B.importId);
    // An import homed nowhere is the shop's: only staff of every outlet see it.
    expect(ids(await ok(staffA("GET", "/contacts/imports")))).not.toContain(shop.importId);
    expect(ids(await ok(owner("GET", "/contacts/imports")))).toContain(shop.importId);
  }),
  "GET /contacts/imports/:id": scoped(async () => {
    await idScoped("/contacts/imports/:id", A.importId, B.importId, "import_not_found");
    await idScoped("/contacts/imports/:id", A.importId, shop.importId, "import_not_found");
  }),
  "GET /contacts/imports/:id/errors": scoped(() =>
    idScoped("/contacts/imports/:id/errors", A.importId, B.importId, "import_not_found"),
  ),
  "GET /products": shopWide("the catalogue is the shop's"),
  "GET /products/categories": shopWide("the catalogue is the shop's"),
  "GET /products/export": shopWide("the catalogue is the shop's"),
  "GET /products/:id": shopWide("the catalogue is the shop's"),
  "GET /templates": shopWide("message templates are the shop's"),
  "GET /templates/:id": shopWide("message templates are the shop's"),
  "GET /media/:id": scoped(() => idScoped("/media/:id", A.mediaId, B.mediaId, "media_not_found")),
  "GET /campaigns": scoped(() => listsOnlyA("/campaigns", A.campaignId, B.campaignId)),
  "GET /campaigns/:id": scoped(() =>
    idScoped("/campaigns/:id", A.campaignId, B.campaignId, "campaign_not_found"),
  ),
  "GET /campaigns/:id/recipients": scoped(() =>
    idScoped("/campaigns/:id/recipients", A.campaignId, B.campaignId, "campaign_not_found"),
  ),
  "GET /campaigns/:id/report": scoped(() =>
    idScoped("/campaigns/:id/report", A.campaignId, B.campaignId, "campaign_not_found"),
  ),
  "GET /stats/overview": scoped(async () => {
    // An opt-out of B's customer counts for the owner and B, not for A's staff.
    const gone = await ok(
      owner<ContactDto>("POST", "/contacts", { phone: factory(k).phone(), homeOutletId: B.outletId }),
      201,
    );
    type Overview = { totals: { optOuts: number } };
    const before = await ok(owner<Overview>("GET", "/stats/overview"));
    await ok(owner("PATCH", `/contacts/${gone.id}`, { optedOut: true }));
    const after = await ok(owner<Overview>("GET", "/stats/overview"));
    expect(after.totals.optOuts).toBe(before.totals.optOuts + 1);
    const onB = await ok(owner<Overview>("GET", `/stats/overview?outletId=${B.outletId}`));
    expect(onB.totals.optOuts).toBeGreaterThanOrEqual(1);
    expect((await ok(staffA<Overview>("GET", "/stats/overview"))).totals.optOuts).toBe(0);
    await outletParamScoped("/stats/overview");
  }),
  "GET /conversations": scoped(async () => {
    await listsOnlyA("/conversations?limit=100", A.conversationId, B.conversationId);
    const search = await ok(staffA("GET", `/conversations?search=${encodeURIComponent(B.contact.phone)}`));
    expect(ids(search)).toEqual([]);
  }),
  "GET /conversations/:id": scoped(() =>
    idScoped("/conversations/:id", A.conversationId, B.conversationId, "conversation_not_found"),
  ),
  "GET /conversations/:id/messages": scoped(() =>
    idScoped("/conversations/:id/messages", A.conversationId, B.conversationId, "conversation_not_found"),
  ),
  "GET /conversations/:id/messages/:messageId/media": scoped(async () => {
    const path = "/conversations/:id/messages/00000000-0000-4000-8000-0000000000ff/media";
    const mine = await staffA("GET", path.replace(":id", A.conversationId));
    expect(errorOf(mine)?.code).not.toBe("conversation_not_found");
    const theirs = await staffA("GET", path.replace(":id", B.conversationId));
    expect({ status: theirs.status, code: errorOf(theirs)?.code }).toEqual({
      status: 404,
      code: "conversation_not_found",
    });
  }),
  "GET /conversations/:id/notes": scoped(() =>
    idScoped("/conversations/:id/notes", A.conversationId, B.conversationId, "conversation_not_found"),
  ),
  "GET /quick-replies": shopWide("quick replies are the shop's"),
  "GET /agents": scoped(async () => {
    // A's staff see the agents of A (and those of every outlet), not B's; the load counts A's conversations.
    const agents = await ok(staffA<Array<{ id: string; openConversations: number }>>("GET", "/agents"));
    const shown = agents.map((a) => a.id);
    expect(shown).toContain(agentAId);
    expect(shown).toContain(k.owner.userId!);
    expect(shown).not.toContain(agentBId);
    const whole = await ok(owner<Array<{ id: string; openConversations: number }>>("GET", "/agents"));
    expect(whole.find((a) => a.id === k.owner.userId!)?.openConversations).toBe(2);
    expect(agents.find((a) => a.id === k.owner.userId!)?.openConversations).toBe(1);
  }),
  "GET /channels/:id/agents": scoped(() =>
    idScoped("/channels/:id/agents", A.channelId, B.channelId, "channel_not_found"),
  ),
  "GET /notifications": shopWide("the caller's own notifications"),
  "GET /sandbox/phones": shopWide("the sandbox's virtual customers"),
  "GET /sandbox/phones/:phone/messages": scoped(async () => {
    const path = `/sandbox/phones/${encodeURIComponent(shop.phone)}/messages`;
    const texts = (await ok(staffA<Array<{ text?: string }>>("GET", path))).map((m) => m.text);
    expect(texts).toEqual(["Halo Cabang A"]);
    const all = (await ok(owner<Array<{ text?: string }>>("GET", path))).map((m) => m.text);
    expect(all).toEqual(expect.arrayContaining(["Halo Cabang A", "Halo Cabang B"]));
  }),
  "GET /automation/rules": scoped(async () => {
    await listsOnlyA("/automation/rules", A.ruleId, B.ruleId);
    // A rule of every number answers on A's numbers too: A's staff read it.
    expect(ids(await ok(staffA("GET", "/automation/rules")))).toContain(shop.ruleId);
  }),
  "GET /automation/rules/:id": scoped(async () => {
    await idScoped("/automation/rules/:id", A.ruleId, B.ruleId, "auto_reply_rule_not_found");
    await ok(staffA("GET", `/automation/rules/${shop.ruleId}`));
  }),
  "GET /automation/rules/:id/log": scoped(() =>
    idScoped("/automation/rules/:id/log", A.ruleId, B.ruleId, "auto_reply_rule_not_found"),
  ),
  "GET /provinces": shopWide("the list of Indonesia's provinces"),
  "GET /orders": scoped(async () => {
    await listsOnlyA("/orders?pageSize=200", A.orderId, B.orderId);
    const page = await ok(staffA<{ items: unknown[]; total: number }>("GET", "/orders?pageSize=200"));
    expect(page.total).toBe(page.items.length);
    const search = await ok(staffA("GET", `/orders?search=${encodeURIComponent(B.orderNumber)}`));
    expect(ids(search)).toEqual([]);
    await listsOnlyA(`/orders?outletId=${A.outletId}`, A.orderId, B.orderId);
    const onB = await ok(owner("GET", `/orders?outletId=${B.outletId}`));
    expect(ids(onB)).toContain(B.orderId);
    expect(ids(onB)).not.toContain(A.orderId);
    await outletParamScoped("/orders");
  }),
  "GET /orders/export": scoped(async () => {
    const r = await staffA("GET", "/orders/export?format=csv");
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(A.orderNumber);
    expect(r.text).not.toContain(B.orderNumber);
    const refused = await staffA("GET", `/orders/export?format=csv&outletId=${B.outletId}`);
    expect(errorOf(refused)?.code).toBe("outlet_not_found");
  }),
  "GET /orders/:id": scoped(() => idScoped("/orders/:id", A.orderId, B.orderId, "order_not_found")),
  "GET /orders/:id/messages": scoped(() =>
    idScoped("/orders/:id/messages", A.orderId, B.orderId, "order_not_found"),
  ),
  "GET /orders/:id/cod": scoped(() => idScoped("/orders/:id/cod", A.orderId, B.orderId, "order_not_found")),
  "GET /order-messages/settings": shopWide("the shop's order message settings"),
  "GET /reports/sales": scoped(async () => {
    const mine = await ok(staffA<{ totals: { revenue: number } }>("GET", "/reports/sales"));
    expect(mine.totals.revenue).toBe(A.total);
    await outletParamScoped("/reports/sales");
  }),
  "GET /reports/summary": scoped(async () => {
    type Summary = { totals: { revenue: number }; topCustomers: Array<{ contactId: string }> };
    const mine = await ok(staffA<Summary>("GET", "/reports/summary"));
    expect(mine.totals.revenue).toBe(A.total);
    expect(mine.topCustomers.map((c) => c.contactId)).toEqual([A.contact.id]);
    await outletParamScoped("/reports/summary");
  }),
  "GET /reports/today": scoped(async () => {
    expect((await ok(staffA<{ revenue: number }>("GET", "/reports/today"))).revenue).toBe(A.total);
    await outletParamScoped("/reports/today");
  }),
  "GET /reports/export": scoped(async () => {
    const r = await staffA("GET", "/reports/export?report=customers&format=csv");
    expect(r.status, r.text).toBe(200);
    expect(r.text).toContain(A.contact.phone);
    expect(r.text).not.toContain(B.contact.phone);
    await outletParamScoped("/reports/export?format=csv");
  }),
  "GET /segments": scoped(async () => {
    type Overview = { customers: number };
    const all = await ok(owner<Overview>("POST", "/segments/refresh"));
    expect(all.customers).toBe(2);
    expect((await ok(staffA<Overview>("GET", "/segments"))).customers).toBe(1);
  }),
  "GET /reminders/preview": scoped(async () => {
    type Preview = { messages: Array<{ contactId: string }>; skipped: Array<{ contactId: string }> };
    const whole = await ok(owner<Preview>("GET", "/reminders/preview"));
    expect(whole.messages.map((m) => m.contactId)).toEqual(
      expect.arrayContaining([A.contact.id, B.contact.id]),
    );
    const mine = await ok(staffA<Preview>("GET", "/reminders/preview"));
    const theirs = [...mine.messages, ...mine.skipped].map((m) => m.contactId);
    expect(theirs).toContain(A.contact.id);
    expect(theirs).not.toContain(B.contact.id);
  }),
  "GET /reminders/settings": shopWide("the shop's reminder settings"),
};

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir });
  owner = apiClient(k.http!, { cookie: k.cookie });
  await side(A, "Cabang A", 10_000);
  await side(B, "Cabang B", 25_000);
  shop.importId = (
    await ok(uploadContacts(owner, "toko.csv", `nama,telepon\nImpor Toko,${factory(k).phone()}\n`), 201)
  ).id;
  shop.ruleId = (
    await ok(
      owner<{ id: string }>("POST", "/automation/rules", {
        name: "Salam semua nomor",
        type: "keyword",
        config: { keywords: ["halo"] },
        reply: "Halo kak",
      }),
      201,
    )
  ).id;
  shop.phone = (await ok(owner<Array<{ phone: string }>>("GET", "/sandbox/phones")))[0]!.phone;
  await k.database.db.insert(sandboxMessages).values(
    [A, B].map((s, i) => ({
      channelId: s.channelId,
      messageId: `ke-${s.label}`,
      direction: "in" as const,
      phone: shop.phone,
      text: `Halo Cabang ${i === 0 ? "A" : "B"}`,
      at: Date.now() - 1000 + i,
    })),
  );
  staffA = await staff({
    email: "admin-a@toko.test",
    name: "Admin A",
    role: "admin",
    outletIds: [A.outletId],
  });
  agentA = await staff({ email: "cs-a@toko.test", name: "CS A", role: "agent", outletIds: [A.outletId] });
  agentAId = staffIds.get("cs-a@toko.test")!;
  await staff({
    email: "cs-cabang-b@toko.test",
    name: "CS B",
    role: "agent",
    outletIds: [B.outletId],
  });
  agentBId = staffIds.get("cs-cabang-b@toko.test")!;
  // The owner handles one conversation on each side: A's staff see a load of one.
  for (const id of [A.conversationId, B.conversationId])
    await ok(owner("POST", `/conversations/${id}/assign`, { userId: k.owner.userId! }));
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("outlet scoping, generated from the route list", () => {
  it("the table names every GET route, and only those", () => {
    const gets = API_ROUTES.filter((r) => r.method === "GET").map(routeKey);
    expect(Object.keys(GET_ROUTES).sort()).toEqual([...gets].sort());
  });

  it.each(Object.entries(GET_ROUTES).filter(([, s]) => s.kind === "scoped"))(
    "%s: A's staff see A's items and none of B's",
    async (_key, scope) => {
      await (scope as { check: () => Promise<void> }).check();
    },
  );
});

describe("outlets in the writes", () => {
  it("the audit log names the outlets of a limited actor, and none for someone of every outlet", async () => {
    await ok(staffA("PATCH", `/contacts/${A.contact.id}`, { name: "Pelanggan A (diubah)" }));
    await ok(owner("PATCH", `/contacts/${A.contact.id}`, { name: "Pelanggan A" }));
    const entries = await ok(
      owner<{ items: Array<{ actor: { outlet: string | null; role: string } }> }>(
        "GET",
        `/audit?targetId=${A.contact.id}&action=contact.update`,
      ),
    );
    expect(entries.items.map((e) => e.actor)).toEqual([
      expect.objectContaining({ outlet: null, role: "owner" }),
      expect.objectContaining({ outlet: "Cabang A", role: "admin" }),
    ]);
  });

  it("a contact delete by A's staff removes and records A's contact only, not B's named with it", async () => {
    const mine = await ok(staffA<ContactDto>("POST", "/contacts", { phone: factory(k).phone() }), 201);
    const r = await ok(
      staffA<{ deleted: number }>("POST", "/contacts/bulk-delete", { contactIds: [mine.id, B.contact.id] }),
    );
    expect(r.deleted).toBe(1);
    expect((await owner("GET", `/contacts/${B.contact.id}`)).status).toBe(200);
    const [entry] = (
      await ok(
        owner<{ items: Array<{ changes: Record<string, unknown> }> }>(
          "GET",
          "/audit?action=contact.delete&limit=1",
        ),
      )
    ).items;
    expect(entry!.changes).toEqual({ contacts: [[mine.id], null], deleted: [null, 1] });
  });

  it("moving someone to another outlet is one write with its audit entry: outlets before → after", async () => {
    const made = await ok(
      owner<{ id: string }>("POST", "/users", {
        email: "pindah@toko.test",
        name: "Pindah",
        role: "agent",
        password: "rahasia-cabang-123",
        outletIds: [A.outletId],
      }),
      201,
    );
    const moved = await ok(
      owner<{ outletIds: string[] }>("PATCH", `/users/${made.id}`, { outletIds: [B.outletId] }),
    );
    expect(moved.outletIds).toEqual([B.outletId]);
    const [entry] = (
      await ok(
        owner<{ items: Array<{ action: string; changes: Record<string, unknown> }> }>(
          "GET",
          `/audit?targetId=${made.id}&limit=1`,
        ),
      )
    ).items;
    expect(entry).toMatchObject({
      action: "user.update",
      changes: { outletIds: [[A.outletId], [B.outletId]] },
    });
  });

  it("A's staff make no API key nor webhook endpoint: both would reach every outlet", async () => {
    const key = await staffA("POST", "/api-keys", { name: "Situs A", scopes: ["orders:read"] });
    const hook = await staffA("POST", "/webhook-endpoints", {
      url: "https://toko.example/kabar",
      events: ["order.created"],
    });
    expect([key, hook].map((r) => [r.status, errorOf(r)?.code])).toEqual([
      [403, "all_outlets_only"],
      [403, "all_outlets_only"],
    ]);
    expect(await ok(owner<unknown[]>("GET", "/api-keys"))).toEqual([]);
  });

  it("an agent limited to A reads A's conversations and contacts, not B's", async () => {
    expect(ids(await ok(agentA("GET", "/conversations")))).toEqual([A.conversationId]);
    expect((await agentA("GET", `/conversations/${B.conversationId}`)).status).toBe(404);
    expect((await agentA("POST", `/conversations/${B.conversationId}/notes`, { body: "Lihat" })).status).toBe(
      404,
    );
    expect((await agentA("GET", `/contacts/${B.contact.id}`)).status).toBe(404);
    expect((await agentA("PATCH", `/contacts/${B.contact.id}`, { name: "Bukan milikmu" })).status).toBe(404);
    // A contact the agent adds is homed in A, so they keep seeing it.
    const made = await ok(agentA<ContactDto>("POST", "/contacts", { phone: factory(k).phone() }), 201);
    expect(made.homeOutletId).toBe(A.outletId);
  });

  it("A's staff cannot create, start or pause a campaign on B's number, and B's campaign answers 404", async () => {
    const onB = await staffA("POST", "/campaigns", {
      name: "Curang",
      channelId: B.channelId,
      body: "Halo",
      audience: { type: "labels", labels: [A.label] },
    });
    expect({ status: onB.status, code: errorOf(onB)?.code }).toEqual({
      status: 400,
      code: "unknown_channel",
    });
    const onA = await staffA("POST", "/campaigns", {
      name: "Promo A",
      channelId: A.channelId,
      body: "Halo",
      audience: { type: "labels", labels: [A.label] },
    });
    expect(onA.status, onA.text).toBe(201);
    for (const verb of ["start", "pause", "cancel"]) {
      const r = await staffA("POST", `/campaigns/${B.campaignId}/${verb}`);
      expect({ verb, status: r.status, code: errorOf(r)?.code }).toEqual({
        verb,
        status: 404,
        code: "campaign_not_found",
      });
    }
    expect((await ok(owner<CampaignDto>("GET", `/campaigns/${B.campaignId}`))).status).toBe("draft");
    const agentTry = await agentA("POST", "/campaigns", {
      name: "Curang",
      channelId: B.channelId,
      body: "Halo",
      audience: { type: "labels", labels: [A.label] },
    });
    expect(agentTry.status).toBe(403);
  });

  it("A's staff's campaign to all contacts reaches only A's customers; an outlet audience reaches that outlet's", async () => {
    const draft = await ok(
      staffA<CampaignDto>("POST", "/campaigns", {
        name: "Semua pelanggan A",
        channelId: A.channelId,
        body: "Halo",
        // A client cannot widen it: Kabar stamps the staff's own outlets.
        audience: { type: "all", outletIds: [A.outletId, B.outletId] },
      }),
      201,
    );
    expect(draft.audience).toEqual({ type: "all", outletIds: [A.outletId] });
    const logged = await ok(
      owner<{ items: Array<{ changes: Record<string, [unknown, unknown]> }> }>(
        "GET",
        `/audit?targetId=${draft.id}&action=campaign.create`,
      ),
    );
    expect(logged.items[0]?.changes.audience?.[1]).toEqual({ type: "all", outletIds: [A.outletId] });
    type Estimate = { recipients: number };
    const mine = await ok(
      staffA<Estimate>("POST", "/campaigns/estimate", { channelId: A.channelId, audience: { type: "all" } }),
    );
    const aOnly = await ok(
      owner<Estimate>("POST", "/campaigns/estimate", {
        channelId: A.channelId,
        audience: { type: "outlet", outletId: A.outletId },
      }),
    );
    const everyone = await ok(
      owner<Estimate>("POST", "/campaigns/estimate", { channelId: A.channelId, audience: { type: "all" } }),
    );
    expect(mine.recipients).toBe(aOnly.recipients);
    expect(everyone.recipients).toBeGreaterThan(mine.recipients);
    await ok(staffA("POST", `/campaigns/${draft.id}/start`));
    type Recipient = { phone: string };
    const phones = (
      await ok(owner<Recipient[]>("GET", `/campaigns/${draft.id}/recipients?pageSize=500`))
    ).map((r) => r.phone);
    expect(phones).toContain(A.contact.phone);
    expect(phones).not.toContain(B.contact.phone);
    expect(phones).toHaveLength(aOnly.recipients);

    // The owner sends to B's customers from B's number; A's staff cannot name B.
    const toB = await ok(
      owner<CampaignDto>("POST", "/campaigns", {
        name: "Pelanggan B",
        channelId: B.channelId,
        body: "Halo",
        audience: { type: "outlet", outletId: B.outletId },
      }),
      201,
    );
    await ok(owner("POST", `/campaigns/${toB.id}/start`));
    const bPhones = (await ok(owner<Recipient[]>("GET", `/campaigns/${toB.id}/recipients`))).map(
      (r) => r.phone,
    );
    expect(bPhones).toContain(B.contact.phone);
    expect(bPhones).not.toContain(A.contact.phone);
    const refused = await staffA("POST", "/campaigns", {
      name: "Curang",
      channelId: A.channelId,
      body: "Halo",
      audience: { type: "outlet", outletId: B.outletId },
    });
    expect({ status: refused.status, fields: errorOf(refused)?.fields }).toEqual({
      status: 400,
      fields: { "audience.outletId": "unknown outlet" },
    });
  });

  it("a number, a contact or a user named with another outlet than one's own is refused naming the field", async () => {
    const channel = await staffA("POST", "/channels", {
      name: "Nomor B",
      kind: "sandbox",
      outletId: B.outletId,
    });
    expect({
      status: channel.status,
      code: errorOf(channel)?.code,
      fields: errorOf(channel)?.fields,
    }).toEqual({
      status: 400,
      code: "unknown_outlet",
      fields: { outletId: "unknown outlet" },
    });
    const contact = await staffA("POST", "/contacts", {
      phone: factory(k).phone(),
      homeOutletId: B.outletId,
    });
    expect(errorOf(contact)?.fields).toEqual({ homeOutletId: "unknown outlet" });
    const user = await staffA("POST", "/users", {
      email: "cs-b@toko.test",
      name: "CS B",
      password: "rahasia-cabang-123",
      outletIds: [B.outletId],
    });
    expect({ status: user.status, fields: errorOf(user)?.fields }).toEqual({
      status: 400,
      fields: { outletIds: "unknown outlet" },
    });
    const everywhere = await staffA("POST", "/users", {
      email: "cs-semua@toko.test",
      name: "CS Semua",
      password: "rahasia-cabang-123",
      outletIds: [],
    });
    expect({ status: everywhere.status, code: errorOf(everywhere)?.code }).toEqual({
      status: 403,
      code: "all_outlets_only",
    });
    const users = await ok(owner<Array<{ email: string; outletIds: string[] }>>("GET", "/users"));
    expect(users.find((u) => u.email === "cs-a@toko.test")?.outletIds).toEqual([A.outletId]);
  });

  it("A's staff change only A's staff, give only A, and leave a colleague's other outlets alone", async () => {
    const both = await ok(
      owner<{ id: string }>("POST", "/users", {
        email: "cs-ab@toko.test",
        name: "CS A dan B",
        role: "agent",
        outletIds: [A.outletId, B.outletId],
      }),
      201,
    );
    const renamed = await ok(
      staffA<{ outletIds: string[] }>("PATCH", `/users/${both.id}`, {
        name: "CS AB",
        outletIds: [A.outletId],
      }),
    );
    expect(renamed.outletIds.sort()).toEqual([A.outletId, B.outletId].sort());
    const toB = await staffA("PATCH", `/users/${A.userId}`, { outletIds: [B.outletId] });
    expect({ status: toB.status, fields: errorOf(toB)?.fields }).toEqual({
      status: 400,
      fields: { outletIds: "unknown outlet" },
    });
    // The owner works in every outlet: limiting them would take outlets A's staff do not hold.
    const limitOwner = await staffA("PATCH", `/users/${k.owner.userId}`, { outletIds: [A.outletId] });
    expect({ status: limitOwner.status, code: errorOf(limitOwner)?.code }).toEqual({
      status: 403,
      code: "all_outlets_only",
    });
    const users = await ok(owner<Array<{ id: string; outletIds: string[] }>>("GET", "/users"));
    expect(users.find((u) => u.id === k.owner.userId)?.outletIds).toEqual([]);
    expect(users.find((u) => u.id === B.userId)?.outletIds).toEqual([B.outletId]);
  });

  it("A's staff write rules of A's numbers only; a rule of every number is read-only to them", async () => {
    const rule = { name: "Jam buka", type: "keyword", config: { keywords: ["buka"] }, reply: "Buka jam 9" };
    const everywhere = await staffA("POST", "/automation/rules", rule);
    expect({ status: everywhere.status, code: errorOf(everywhere)?.code }).toEqual({
      status: 403,
      code: "all_outlets_only",
    });
    const onB = await staffA("POST", "/automation/rules", { ...rule, channelId: B.channelId });
    expect({ status: onB.status, fields: errorOf(onB)?.fields }).toEqual({
      status: 400,
      fields: { channelId: expect.any(String) },
    });
    const onA = await ok(
      staffA<{ id: string }>("POST", "/automation/rules", { ...rule, channelId: A.channelId }),
      201,
    );
    const widen = await staffA("PATCH", `/automation/rules/${onA.id}`, { channelId: null });
    expect(errorOf(widen)?.code).toBe("all_outlets_only");
    const shopWide = await staffA("PATCH", `/automation/rules/${shop.ruleId}`, { reply: "Diubah" });
    expect(errorOf(shopWide)?.code).toBe("all_outlets_only");
    expect(errorOf(await staffA("DELETE", `/automation/rules/${shop.ruleId}`))?.code).toBe(
      "all_outlets_only",
    );
    for (const r of [
      await staffA("PATCH", `/automation/rules/${B.ruleId}`, { reply: "Diubah" }),
      await staffA("DELETE", `/automation/rules/${B.ruleId}`),
    ])
      expect({ status: r.status, code: errorOf(r)?.code }).toEqual({
        status: 404,
        code: "auto_reply_rule_not_found",
      });
    expect((await ok(owner<{ reply: string }>("GET", `/automation/rules/${B.ruleId}`))).reply).toBe(
      "Harga di Cabang B",
    );
    expect((await staffA("DELETE", `/automation/rules/${onA.id}`)).status).toBe(204);
  });

  it("an import by A's staff homes its new contacts in A; one naming B's outlet is refused", async () => {
    const phone = factory(k).phone();
    const summary = await ok(uploadContacts(staffA, "cabang.csv", `nama,telepon\nSari,${phone}\n`), 201);
    expect(summary.created).toBe(1);
    const found = await ok(
      staffA<{ items: ContactDto[] }>("GET", `/contacts?search=${encodeURIComponent(phone)}`),
    );
    expect(found.items.map((c) => c.homeOutletId)).toEqual([A.outletId]);
    // The import is A's: A's staff and the owner list it, B's outlet would not.
    expect(ids(await ok(staffA("GET", "/contacts/imports")))).toContain(summary.id);
    const refused = await uploadContacts(staffA, "cabang.csv", `nama,telepon\nSari,${factory(k).phone()}\n`, {
      homeOutletId: B.outletId,
    });
    expect({ status: refused.status, fields: errorOf(refused)?.fields }).toEqual({
      status: 400,
      fields: { homeOutletId: "unknown outlet" },
    });
  });

  it("A's staff cannot set B's number's team, name B's agent in A's team, or assign B's conversation", async () => {
    const team = await staffA("PUT", `/channels/${B.channelId}/agents`, { userIds: [agentAId] });
    expect({ status: team.status, code: errorOf(team)?.code }).toEqual({
      status: 404,
      code: "channel_not_found",
    });
    const stranger = await staffA("PUT", `/channels/${A.channelId}/agents`, { userIds: [agentBId] });
    expect({ status: stranger.status, code: errorOf(stranger)?.code }).toEqual({
      status: 400,
      code: "unknown_agent",
    });
    expect(
      (
        await ok(
          staffA<{ userIds: string[] }>("PUT", `/channels/${A.channelId}/agents`, { userIds: [agentAId] }),
        )
      ).userIds,
    ).toEqual([agentAId]);
    await ok(owner("PUT", `/channels/${A.channelId}/agents`, { userIds: [] }));
    const assign = await staffA("POST", `/conversations/${B.conversationId}/assign`, { userId: agentAId });
    expect({ status: assign.status, code: errorOf(assign)?.code }).toEqual({
      status: 404,
      code: "conversation_not_found",
    });
    const toB = await staffA("POST", `/conversations/${A.conversationId}/assign`, { userId: agentBId });
    expect({ status: toB.status, code: errorOf(toB)?.code }).toEqual({ status: 400, code: "unknown_agent" });
  });

  it("outlets keep their rules: B with a number cannot go, nor can the last outlet", async () => {
    const inUse = await owner("DELETE", `/outlets/${B.outletId}`);
    expect({ status: inUse.status, code: errorOf(inUse)?.code }).toEqual({
      status: 409,
      code: "outlet_in_use",
    });
    const spare = await ok(
      owner<{ id: string; province: string; phone: string }>("POST", "/outlets", {
        name: "Cabang Sementara",
        province: "Jawa Barat",
        phone: "0812-3456-7890",
      }),
      201,
    );
    expect({ province: spare.province, phone: spare.phone }).toEqual({
      province: "32",
      phone: "+6281234567890",
    });
    expect((await staffA("DELETE", `/outlets/${spare.id}`)).status).toBe(404);
    expect((await owner("DELETE", `/outlets/${spare.id}`)).status).toBe(204);
    const taken = await owner("POST", "/outlets", { name: "Cabang A" });
    expect({ status: taken.status, code: errorOf(taken)?.code }).toEqual({
      status: 409,
      code: "outlet_name_taken",
    });
  });

  it("a customer who first writes to A's number is homed in A; B's customer writing to A becomes A's customer too, their history on B hidden from A", async () => {
    const fresh = factory(k).phone();
    await k.services.inbox.receive(
      { id: A.channelId, tenantId: k.owner.tenantId },
      { messageId: `scope-${fresh}`, from: fresh, text: "Halo", at: Date.now() },
    );
    const list = await ok(
      staffA<{ items: ContactDto[] }>("GET", `/contacts?search=${encodeURIComponent(fresh)}`),
    );
    expect(list.items.map((c) => [c.phone, c.homeOutletId])).toEqual([[fresh, A.outletId]]);

    const other = await ok(
      owner<ContactDto>("POST", "/contacts", { phone: factory(k).phone(), homeOutletId: B.outletId }),
      201,
    );
    expect((await staffA("GET", `/contacts/${other.id}`)).status).toBe(404);
    await k.services.inbox.receive(
      { id: A.channelId, tenantId: k.owner.tenantId },
      { messageId: `scope-${other.phone}`, from: other.phone, text: "Halo cabang A", at: Date.now() },
    );
    const seen = await ok(staffA<ContactDto>("GET", `/contacts/${other.id}`));
    expect(seen.homeOutletId).toBe(B.outletId);
    // Their history shows A's staff only what happened on A's numbers; the owner sees both.
    await factory(k).conversation({ channelId: B.channelId, contactId: other.id });
    type History = { conversations: Array<{ channelId: string }> };
    const history = await ok(staffA<History>("GET", `/contacts/${other.id}/history`));
    expect(history.conversations.map((c) => c.channelId)).toEqual([A.channelId]);
    const whole = await ok(owner<History>("GET", `/contacts/${other.id}/history`));
    expect(whole.conversations.map((c) => c.channelId).sort()).toEqual([A.channelId, B.channelId].sort());
  });
});

describe("orders and reports per outlet", () => {
  type Sales = { totals: { orders: number; revenue: number } };

  it("a report per outlet sums only that outlet; combined sums the actor's outlets", async () => {
    const whole = await ok(owner<Sales>("GET", "/reports/sales"));
    const onA = await ok(owner<Sales>("GET", `/reports/sales?outletId=${A.outletId}`));
    const onB = await ok(owner<Sales>("GET", `/reports/sales?outletId=${B.outletId}`));
    expect(onA.totals.revenue).toBe(A.total);
    expect(onB.totals.revenue).toBe(B.total);
    expect(whole.totals.revenue).toBe(onA.totals.revenue + onB.totals.revenue);
    // Staff limited to A: their "combined" is A's alone.
    expect((await ok(staffA<Sales>("GET", "/reports/sales"))).totals).toEqual(onA.totals);
  });

  it("an order takes its number's outlet, the named one, or the limited actor's first; B's number, outlet or order is refused to A's staff", async () => {
    const product = await factory(k).product({ price: 5_000 });
    const body = {
      customer: { contactId: A.contact.id },
      lines: [{ productId: product.id, quantity: 1 }],
      paymentMethod: "transfer",
    };
    const plain = await ok(staffA<OrderDto>("POST", "/orders", body), 201);
    expect(plain.outletId).toBe(A.outletId);
    // A customer A's staff type in is homed in A, so they keep seeing them.
    const typed = await ok(
      staffA<OrderDto>("POST", "/orders", { ...body, customer: { phone: factory(k).phone(), name: "Baru" } }),
      201,
    );
    const made = await ok(staffA<ContactDto>("GET", `/contacts/${typed.customer.contactId}`));
    expect([typed.outletId, made.homeOutletId]).toEqual([A.outletId, A.outletId]);
    const fromChat = await ok(
      owner<OrderDto>("POST", "/orders", { ...body, conversationId: B.conversationId }),
      201,
    );
    expect(fromChat.outletId).toBe(B.outletId);
    const named = await ok(owner<OrderDto>("POST", "/orders", { ...body, outletId: B.outletId }), 201);
    expect(named.outletId).toBe(B.outletId);

    const onB = await staffA("POST", "/orders", { ...body, channelId: B.channelId });
    expect({ status: onB.status, code: errorOf(onB)?.code }).toEqual({
      status: 400,
      code: "unknown_channel",
    });
    const inB = await staffA("POST", "/orders", { ...body, outletId: B.outletId });
    expect({ status: inB.status, fields: errorOf(inB)?.fields }).toEqual({
      status: 400,
      fields: { outletId: "unknown outlet" },
    });
    const chatB = await staffA("POST", "/orders", { ...body, conversationId: B.conversationId });
    expect(chatB.status).toBe(400);
    const contactB = await staffA("POST", "/orders", { ...body, customer: { contactId: B.contact.id } });
    expect(contactB.status).toBe(400);
    for (const [method, path, payload] of [
      ["PATCH", `/orders/${B.orderId}`, { notes: "Bukan milikmu" }],
      ["POST", `/orders/${B.orderId}/status`, { status: "confirmed" }],
    ] as const) {
      const r = await staffA(method, path, payload);
      expect({ path, status: r.status, code: errorOf(r)?.code }).toEqual({
        path,
        status: 404,
        code: "order_not_found",
      });
    }
    expect((await ok(owner<OrderDto>("GET", `/orders/${B.orderId}`))).status).toBe("new");
    // Undo the extra sales, so the figures above stay each side's one order.
    for (const o of [plain, typed, fromChat, named])
      await ok(owner("POST", `/orders/${o.id}/status`, { status: "cancelled", reason: "uji" }));
  });

  it("an outlet with orders cannot be deleted", async () => {
    const spare = await ok(owner<{ id: string }>("POST", "/outlets", { name: "Cabang Pesanan" }), 201);
    const product = await factory(k).product({ price: 1_000 });
    const order = await ok(
      owner<OrderDto>("POST", "/orders", {
        customer: { phone: factory(k).phone() },
        lines: [{ productId: product.id, quantity: 1 }],
        paymentMethod: "cod",
        outletId: spare.id,
      }),
      201,
    );
    expect(order.outletId).toBe(spare.id);
    await ok(owner("POST", `/orders/${order.id}/status`, { status: "cancelled", reason: "uji" }));
    const r = await owner("DELETE", `/outlets/${spare.id}`);
    expect({ status: r.status, code: errorOf(r)?.code }).toEqual({ status: 409, code: "outlet_in_use" });
  });
});
