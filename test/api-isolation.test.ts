import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeVirtualCustomers } from "../src/channels/sandbox/behaviour.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ImportSummary } from "../src/modules/contacts/imports.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import type { TemplateDto } from "../src/modules/templates/schemas.js";
import type { TenantDto } from "../src/modules/tenants/service.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { factory } from "./support/factory.js";
import { sandboxCustomer } from "./support/customers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";
import {
  addTenant,
  apiClient,
  errorOf,
  multipartBody,
  ok,
  signIn,
  untilConnected,
  uploadContacts,
  type Api,
  type ContactPage as Page,
  type Method,
} from "./support/api.js";
import { API_ROUTES, routeKey } from "./support/routes.js";

/**
 * Two shops in one database: the seeded "Toko Contoh" (A) and "Toko Kedua" (B). B must
 * never see, change or use anything of A's, and must not learn whether an id of A exists.
 */

interface Conversation {
  id: string;
  channelId: string;
  contactId: string;
  phone: string;
}
interface PhoneMessage {
  direction: "in" | "out";
  text?: string;
}

/** Text B tries to slip into A's data; it must never show up anywhere of A's. */
const PROBE = "pesan-dari-toko-kedua";

let k: TestKabar;
let a: Api;
let b: Api;
let bTenantId: string;
let bOwnerId: string;

/** A's things. */
const A = {
  channelId: "",
  contact: undefined as unknown as ContactDto,
  templateId: "",
  mediaId: "",
  importId: "",
  productId: "",
  draftId: "",
  pausedId: "",
  notificationId: "",
  ruleId: "",
  conversationId: "",
  /** A message with a photo in A's conversation. */
  messageId: "",
  quickReplyId: "",
  noteId: "",
  apiKeyId: "",
  roleId: "",
  outletId: "",
  webhookEndpointId: "",
  webhookDeliveryId: "",
  phone: "",
  orderId: "",
};
/** B's things. */
const B = {
  channelId: "",
  contactId: "",
  templateId: "",
  importId: "",
  campaignId: "",
  phone: "",
  conversationId: "",
};

/** What A can see of its own data, for comparing before and after B's attempts. */
async function snapshotOfA() {
  const campaign = async (id: string) => {
    const c = await ok(a<CampaignDto>("GET", `/campaigns/${id}`));
    return {
      name: c.name,
      body: c.body,
      status: c.status,
      channelId: c.channelId,
      audience: c.audience,
      scheduledAt: c.scheduledAt,
      total: c.counts.total,
      pending: c.counts.pending,
    };
  };
  const channel = await ok(a<ChannelDto>("GET", `/channels/${A.channelId}`));
  return {
    tenant: await ok(a<TenantDto>("GET", "/tenant")),
    contact: await ok(a<ContactDto>("GET", `/contacts/${A.contact.id}`)),
    template: await ok(a<TemplateDto>("GET", `/templates/${A.templateId}`)),
    product: await ok(a("GET", `/products/${A.productId}`)),
    import: await ok(a<ImportSummary>("GET", `/contacts/imports/${A.importId}`)),
    importErrors: await ok(a("GET", `/contacts/imports/${A.importId}/errors`)),
    draft: await campaign(A.draftId),
    paused: await campaign(A.pausedId),
    channel: {
      name: channel.name,
      status: channel.status,
      pacingPreset: channel.pacingPreset,
      pacing: channel.pacing,
    },
    contacts: (await ok(a<Page>("GET", "/contacts?pageSize=1"))).total,
    templates: (await ok(a<TemplateDto[]>("GET", "/templates"))).length,
    agents: await ok(a("GET", "/agents")),
    order: await ok(a<OrderDto>("GET", `/orders/${A.orderId}`)),
    orders: (await ok(a<{ total: number }>("GET", "/orders"))).total,
    team: await ok(a("GET", `/channels/${A.channelId}/agents`)),
    apiKeys: await ok(a("GET", "/api-keys")),
    roles: await ok(a("GET", "/roles")),
    outlets: await ok(a("GET", "/outlets")),
    users: await ok(a("GET", "/users")),
    // What B could change (a worker's attempts at A's unreachable URL change the rest meanwhile).
    webhookEndpoints: (
      await ok(a<Array<{ id: string; url: string; events: string[] }>>("GET", "/webhook-endpoints"))
    ).map((e) => ({ id: e.id, url: e.url, events: e.events })),
    webhookDeliveries: (
      await ok(
        a<Array<{ id: string; eventId: string }>>(
          "GET",
          `/webhook-endpoints/${A.webhookEndpointId}/deliveries`,
        ),
      )
    ).map((d) => ({ id: d.id, eventId: d.eventId })),
  };
}

beforeAll(async () => {
  k = await startTestKabar();
  a = apiClient(k.http!, { cookie: k.cookie });

  // Shop A: the demo channel, a contact, a template, an import, a draft and a paused campaign,
  // and a conversation started by one of its sandbox customers.
  A.channelId = (await ok(a<ChannelDto[]>("GET", "/channels")))[0]!.id;
  await untilConnected(a, A.channelId);
  A.contact = await ok(
    a<ContactDto>("POST", "/contacts", {
      phone: "081377711111",
      name: "Pelanggan A",
      labels: ["rahasia-a"],
      attributes: { kota: "Malang" },
    }),
    201,
  );
  A.templateId = (
    await ok(a<TemplateDto>("POST", "/templates", { name: "Template A", body: "Halo {{name}} dari A" }), 201)
  ).id;
  const png = multipartBody([
    {
      name: "file",
      filename: "a.png",
      value: Buffer.from("89504e470d0a1a0a", "hex"),
      contentType: "image/png",
    },
  ]);
  A.mediaId = (
    await ok(a<{ id: string }>("POST", "/templates/media", png.payload, { headers: png.headers }), 201)
  ).id;
  A.productId = (
    await ok(a<{ id: string }>("POST", "/products", { sku: "RAHASIA-A", name: "Produk A", price: 1000 }), 201)
  ).id;
  A.importId = (
    await ok(uploadContacts(a, "a.csv", "nama,telepon\nImpor A,081377722222\nRusak,123\n"), 201)
  ).id;
  A.draftId = (
    await ok(
      a<CampaignDto>("POST", "/campaigns", {
        name: "Draf A",
        channelId: A.channelId,
        body: "Halo A",
        audience: { type: "all" },
      }),
      201,
    )
  ).id;
  A.pausedId = (
    await ok(
      a<CampaignDto>("POST", "/campaigns", {
        name: "Jeda A",
        channelId: A.channelId,
        body: "Promo A",
        audience: { type: "labels", labels: [DEMO_LABEL] },
      }),
      201,
    )
  ).id;
  await ok(a("POST", `/campaigns/${A.pausedId}/start`));
  expect((await ok(a<CampaignDto>("POST", `/campaigns/${A.pausedId}/pause`))).status).toBe("paused");
  const phones = await ok(a<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones"));
  A.phone = phones.find((p) => p.onWhatsApp)!.phone;
  await ok(
    a("POST", `/sandbox/phones/${encodeURIComponent(A.phone)}/messages`, {
      channelId: A.channelId,
      text: "Halo toko A",
    }),
  );
  A.notificationId = (await k.services.notifications.notify({
    tenantId: k.owner.tenantId,
    kind: "channel_replaced",
    severity: "warning",
    channelId: A.channelId,
  }))!.id;
  A.conversationId = await waitFor(
    async () => (await ok(a<Conversation[]>("GET", "/conversations"))).find((c) => c.phone === A.phone)?.id,
  );
  A.ruleId = (
    await ok(
      a<{ id: string }>("POST", "/automation/rules", {
        name: "Harga A",
        type: "keyword",
        config: { keywords: ["harga"] },
        reply: "Harga A",
        channelId: A.channelId,
      }),
      201,
    )
  ).id;
  A.apiKeyId = (
    await ok(a<{ id: string }>("POST", "/api-keys", { name: "Web A", scopes: ["contacts:read"] }), 201)
  ).id;
  A.roleId = (
    await ok(a<{ id: string }>("POST", "/roles", { name: "Kasir A", clonedFrom: "agent" }), 201)
  ).id;
  A.outletId = (
    await ok(a<{ id: string }>("POST", "/outlets", { name: "Cabang A", city: "Solo", province: "33" }), 201)
  ).id;
  A.webhookEndpointId = (
    await ok(
      a<{ id: string }>("POST", "/webhook-endpoints", {
        url: "https://toko-a.invalid/hook",
        events: ["order.created"],
      }),
      201,
    )
  ).id;
  A.webhookDeliveryId = (
    await ok(a<{ id: string }>("POST", `/webhook-endpoints/${A.webhookEndpointId}/test`), 202)
  ).id;
  A.quickReplyId = (
    await ok(
      a<{ id: string }>("POST", "/quick-replies", { shortcut: "salam-a", body: "Halo {{name}} dari A" }),
      201,
    )
  ).id;
  A.noteId = (
    await ok(
      a<{ id: string }>("POST", `/conversations/${A.conversationId}/notes`, { body: "Catatan rahasia A" }),
      201,
    )
  ).id;
  await ok(a("PUT", `/conversations/${A.conversationId}/labels`, { labels: ["rahasia-a"] }));
  A.messageId = (
    await ok(
      a<{ id: string }>("POST", `/conversations/${A.conversationId}/messages`, {
        media: { type: "image", id: A.mediaId },
        text: "Foto A",
      }),
      201,
    )
  ).id;

  // A quiet phone: the order's thank-you must not draw a reply that touches the contact later.
  await sandboxCustomer(k, { phone: "+6281377711111", name: "Pelanggan A" });
  A.orderId = (
    await ok(
      a<OrderDto>("POST", "/orders", {
        customer: { contactId: A.contact.id },
        lines: [{ productId: A.productId, quantity: 1 }],
        paymentMethod: "transfer",
        notes: "Pesanan A",
      }),
      201,
    )
  ).id;

  // Shop B: its own owner, virtual customers, channel, contact, template, import, campaign, conversation.
  const shopB = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "kedua-rahasia-789");
  b = shopB.api;
  bTenantId = shopB.tenantId;
  bOwnerId = shopB.userId;
  const aPhones = new Set(phones.map((p) => p.phone));
  const bCustomers = makeVirtualCustomers("toko-kedua", 3).filter((c) => !aPhones.has(c.phone));
  await k.sandboxStore.savePhonesFor(bTenantId, bCustomers);
  B.phone = bCustomers.find((c) => c.onWhatsApp)!.phone;
  const channel = await ok(b<ChannelDto>("POST", "/channels", { name: "WhatsApp Toko Kedua" }), 201);
  B.channelId = channel.id;
  await waitFor(async () =>
    (await b<{ scanned: boolean }>("POST", `/sandbox/channels/${B.channelId}/scan`)).body.scanned
      ? true
      : undefined,
  );
  await untilConnected(b, B.channelId);
  // The same phone as A's contact: a separate contact in B.
  B.contactId = (
    await ok(b<ContactDto>("POST", "/contacts", { phone: A.contact.phone, name: "Pelanggan B" }), 201)
  ).id;
  B.templateId = (
    await ok(b<TemplateDto>("POST", "/templates", { name: "Template B", body: "Halo dari B" }), 201)
  ).id;
  const bImport = await ok(uploadContacts(b, "b.csv", `nama,telepon\nImpor B,${B.phone}\n`), 201);
  B.importId = bImport.id;
  B.campaignId = (
    await ok(
      b<CampaignDto>("POST", "/campaigns", {
        name: "Kampanye B",
        channelId: B.channelId,
        body: "Halo B",
        audience: { type: "all" },
      }),
      201,
    )
  ).id;
  await ok(
    b("POST", `/sandbox/phones/${encodeURIComponent(B.phone)}/messages`, {
      channelId: B.channelId,
      text: "Halo toko B",
    }),
  );
  B.conversationId = await waitFor(async () => (await ok(b<Conversation[]>("GET", "/conversations")))[0]?.id);
  await factory(k, bTenantId).product({ sku: "KOPI-B", name: "Kopi B" });
});
afterAll(async () => k?.close());

describe("two shops in one database", () => {
  it("each owner signs in to their own shop", async () => {
    expect((await ok(b<TenantDto>("GET", "/tenant"))).name).toBe("Toko Kedua");
    expect((await ok(a<TenantDto>("GET", "/tenant"))).name).toBe("Toko Contoh");
    expect((await ok(b<{ user: { tenantId: string } }>("GET", "/auth/me"))).user.tenantId).toBe(bTenantId);
  });

  it("B's lists never contain A's rows", async () => {
    const contacts = await ok(b<Page>("GET", "/contacts?pageSize=200"));
    expect(contacts.items.map((c) => c.name).sort()).toEqual(["Impor B", "Pelanggan B"]);
    expect(contacts.total).toBe(2);
    expect((await ok(b<Page>("GET", `/contacts?label=${DEMO_LABEL}`))).total).toBe(0);
    expect((await ok(b<Page>("GET", "/contacts?search=Pelanggan%20A"))).total).toBe(0);
    expect(await ok(b("GET", "/contacts/labels"))).toEqual([]);
    expect(await ok(b("GET", "/contacts/attributes"))).toEqual([]);
    expect(await ok(b("GET", "/contacts?attribute=kota"))).toMatchObject({ total: 0 });
    const exported = (await b<string>("GET", "/contacts/export?format=csv")).text
      .replace(/^\ufeff/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(
      exported
        .slice(1)
        .map((line) => line.split(",")[1])
        .sort(),
    ).toEqual(["Impor B", "Pelanggan B"]);
    expect((await ok(b<TemplateDto[]>("GET", "/templates"))).map((t) => t.id)).toEqual([B.templateId]);
    expect(await ok(b("GET", "/products?search=RAHASIA"))).toMatchObject({ total: 0, items: [] });
    expect(await ok(b("GET", "/products/categories"))).toEqual([]);
    expect((await b<string>("GET", "/products/export?format=csv")).text).not.toContain("RAHASIA-A");
    expect((await ok(b<CampaignDto[]>("GET", "/campaigns"))).map((c) => c.id)).toEqual([B.campaignId]);
    expect(await ok(b<CampaignDto[]>("GET", "/campaigns?status=paused"))).toEqual([]);
    expect((await ok(b<ChannelDto[]>("GET", "/channels"))).map((c) => c.id)).toEqual([B.channelId]);
    expect((await ok(b<Conversation[]>("GET", "/conversations"))).map((c) => c.id)).toEqual([
      B.conversationId,
    ]);
    expect((await ok(b<ImportSummary[]>("GET", "/contacts/imports"))).map((i) => i.id)).toEqual([B.importId]);
    expect(await ok(b("GET", "/orders"))).toMatchObject({ total: 0, items: [] });
    expect(await ok(b("GET", `/orders?contactId=${A.contact.id}`))).toMatchObject({ total: 0 });
    const orders = (await b<string>("GET", "/orders/export?format=csv")).text.replace(/^\ufeff/, "").trim();
    expect(orders.split("\r\n")).toHaveLength(1);
    const bPhones = (await ok(b<Array<{ phone: string }>>("GET", "/sandbox/phones"))).map((p) => p.phone);
    expect(bPhones).toContain(B.phone);
    expect(bPhones).not.toContain(A.phone);
    // B has sent nothing yet; A's sends and opt-outs never show in B's figures.
    const stats = await ok(b<{ totals: Record<string, number> }>("GET", "/stats/overview?days=30"));
    expect(stats.totals).toEqual({
      sent: 0,
      delivered: 0,
      read: 0,
      failed: 0,
      replied: 0,
      optOuts: 0,
      suspectedDrops: 0,
    });
    // B's audit log (list and export) holds B's own entries only.
    const audit = await ok(
      b<{ items: Array<{ actor: { userId: string | null } }> }>("GET", "/audit?limit=200"),
    );
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items.filter((e) => e.actor.userId !== bOwnerId)).toEqual([]);
    const auditFile = (await b<string>("GET", "/audit/export?format=csv")).text.replace(/^\ufeff/, "").trim();
    expect(auditFile.split("\r\n")).toHaveLength(audit.items.length + 1);
    // The person filter's choices name B's people only.
    const people = await ok(b<Array<{ userId: string }>>("GET", "/audit/people"));
    expect(people.map((p) => p.userId)).toEqual([bOwnerId]);
    // And A's lists hold nothing of B's.
    expect((await ok(a<ChannelDto[]>("GET", "/channels"))).map((c) => c.id)).not.toContain(B.channelId);
    expect((await ok(a<Page>("GET", "/contacts?search=Pelanggan%20B"))).total).toBe(0);
  });

  it("every route that takes an id answers B with 404 for A's ids, like for an unknown id, and A's data stays as it was", async () => {
    const before = await snapshotOfA();
    const unknown = "00000000-0000-4000-8000-00000000abcd";
    const ph = (p: string) => encodeURIComponent(p);
    const attempts: Array<{ method: Method; path: string; payload?: unknown }> = [
      { method: "GET", path: `/contacts/${A.contact.id}` },
      { method: "GET", path: `/contacts/${A.contact.id}/history` },
      { method: "GET", path: `/contacts/${A.contact.id}/rfm` },
      {
        method: "PATCH",
        path: `/contacts/${A.contact.id}`,
        payload: { name: PROBE, optedOut: true, labels: [PROBE] },
      },
      { method: "DELETE", path: `/contacts/${A.contact.id}` },
      { method: "GET", path: `/contacts/imports/${A.importId}` },
      { method: "GET", path: `/contacts/imports/${A.importId}/errors` },
      { method: "GET", path: `/contacts/imports/${A.importId}/errors?format=csv` },
      { method: "GET", path: `/templates/${A.templateId}` },
      { method: "PUT", path: `/templates/${A.templateId}`, payload: { name: PROBE, body: PROBE } },
      { method: "DELETE", path: `/templates/${A.templateId}` },
      { method: "GET", path: `/media/${A.mediaId}` },
      { method: "GET", path: `/campaigns/${A.draftId}` },
      { method: "PATCH", path: `/campaigns/${A.draftId}`, payload: { name: PROBE, body: PROBE } },
      { method: "POST", path: `/campaigns/${A.draftId}/start` },
      {
        method: "POST",
        path: `/campaigns/${A.draftId}/schedule`,
        payload: { at: new Date(Date.now() + 3_600_000).toISOString() },
      },
      { method: "POST", path: `/campaigns/${A.draftId}/pause` },
      { method: "POST", path: `/campaigns/${A.draftId}/cancel` },
      { method: "POST", path: `/campaigns/${A.pausedId}/resume` },
      { method: "POST", path: `/campaigns/${A.pausedId}/pause` },
      { method: "POST", path: `/campaigns/${A.pausedId}/cancel` },
      { method: "POST", path: `/campaigns/${A.pausedId}/retry-failed` },
      { method: "POST", path: `/campaigns/${A.pausedId}/resend-drops`, payload: { channelId: B.channelId } },
      { method: "GET", path: `/campaigns/${A.pausedId}/recipients` },
      { method: "GET", path: `/campaigns/${A.pausedId}/report?format=csv` },
      { method: "GET", path: `/campaigns/${A.pausedId}/report?format=xlsx` },
      { method: "PATCH", path: `/campaigns/${A.pausedId}`, payload: { name: PROBE } },
      { method: "GET", path: `/channels/${A.channelId}` },
      { method: "PATCH", path: `/channels/${A.channelId}`, payload: { name: PROBE, pacingPreset: "off" } },
      { method: "POST", path: `/channels/${A.channelId}/connect` },
      { method: "POST", path: `/channels/${A.channelId}/disconnect` },
      { method: "POST", path: `/channels/${A.channelId}/logout` },
      { method: "POST", path: `/channels/${A.channelId}/pairing-code`, payload: { phone: "+6281234567890" } },
      { method: "POST", path: `/channels/${A.channelId}/wa-templates/sync` },
      { method: "GET", path: `/channels/${A.channelId}/wa-templates` },
      {
        method: "POST",
        path: `/channels/${A.channelId}/wa-templates`,
        payload: {
          name: "curang",
          language: "id",
          category: "UTILITY",
          components: [{ type: "BODY", text: PROBE }],
        },
      },
      { method: "DELETE", path: `/channels/${A.channelId}/wa-templates/curang` },
      { method: "GET", path: `/channels/${A.channelId}/health` },
      { method: "GET", path: `/channels/${A.channelId}/link` },
      { method: "GET", path: `/channels/${A.channelId}/agents` },
      { method: "PUT", path: `/channels/${A.channelId}/agents`, payload: { userIds: [] } },
      { method: "PATCH", path: `/agents/${k.owner.userId}`, payload: { maxOpenConversations: 0 } },
      { method: "POST", path: `/conversations/${A.conversationId}/assign`, payload: { userId: null } },
      { method: "POST", path: `/notifications/${A.notificationId}/read` },
      { method: "GET", path: `/products/${A.productId}` },
      { method: "PATCH", path: `/products/${A.productId}`, payload: { name: PROBE, price: 1 } },
      { method: "DELETE", path: `/products/${A.productId}` },
      { method: "GET", path: `/automation/rules/${A.ruleId}` },
      { method: "PATCH", path: `/automation/rules/${A.ruleId}`, payload: { name: PROBE, enabled: false } },
      { method: "DELETE", path: `/automation/rules/${A.ruleId}` },
      { method: "DELETE", path: `/api-keys/${A.apiKeyId}` },
      { method: "GET", path: `/roles/${A.roleId}` },
      { method: "PATCH", path: `/roles/${A.roleId}`, payload: { name: PROBE, permissions: [] } },
      { method: "DELETE", path: `/roles/${A.roleId}` },
      { method: "GET", path: `/outlets/${A.outletId}` },
      { method: "PATCH", path: `/outlets/${A.outletId}`, payload: { name: PROBE } },
      { method: "DELETE", path: `/outlets/${A.outletId}` },
      { method: "PATCH", path: `/users/${k.owner.userId}`, payload: { name: PROBE, role: "viewer" } },
      {
        method: "PATCH",
        path: `/users/${k.owner.userId}`,
        payload: { active: false, resetPassword: { password: "curang-sekali-2" } },
      },
      {
        method: "PATCH",
        path: `/webhook-endpoints/${A.webhookEndpointId}`,
        payload: { url: "https://b.example/x" },
      },
      { method: "DELETE", path: `/webhook-endpoints/${A.webhookEndpointId}` },
      { method: "POST", path: `/webhook-endpoints/${A.webhookEndpointId}/rotate-secret` },
      { method: "POST", path: `/webhook-endpoints/${A.webhookEndpointId}/test` },
      { method: "GET", path: `/webhook-endpoints/${A.webhookEndpointId}/deliveries` },
      {
        method: "POST",
        path: `/webhook-endpoints/${A.webhookEndpointId}/deliveries/${A.webhookDeliveryId}/redeliver`,
      },
      { method: "GET", path: `/automation/rules/${A.ruleId}/log` },
      { method: "GET", path: `/conversations/${A.conversationId}/messages` },
      { method: "GET", path: `/conversations/${A.conversationId}/messages/${A.messageId}/media` },
      { method: "GET", path: `/conversations/${A.conversationId}` },
      { method: "POST", path: `/conversations/${A.conversationId}/messages`, payload: { text: PROBE } },
      { method: "POST", path: `/conversations/${A.conversationId}/media` },
      { method: "POST", path: `/conversations/${A.conversationId}/read` },
      { method: "POST", path: `/conversations/${A.conversationId}/resolve` },
      { method: "POST", path: `/conversations/${A.conversationId}/reopen` },
      {
        method: "POST",
        path: `/conversations/${A.conversationId}/snooze`,
        payload: { until: new Date(Date.now() + 3_600_000).toISOString() },
      },
      { method: "PUT", path: `/conversations/${A.conversationId}/labels`, payload: { labels: [PROBE] } },
      { method: "GET", path: `/conversations/${A.conversationId}/notes` },
      { method: "POST", path: `/conversations/${A.conversationId}/notes`, payload: { body: PROBE } },
      {
        method: "PUT",
        path: `/quick-replies/${A.quickReplyId}`,
        payload: { shortcut: "curang", body: PROBE },
      },
      { method: "DELETE", path: `/quick-replies/${A.quickReplyId}` },
      {
        method: "POST",
        path: `/quick-replies/${A.quickReplyId}/render`,
        payload: { conversationId: B.conversationId },
      },
      { method: "GET", path: `/orders/${A.orderId}` },
      { method: "PATCH", path: `/orders/${A.orderId}`, payload: { notes: PROBE } },
      { method: "GET", path: `/orders/${A.orderId}/messages` },
      { method: "GET", path: `/orders/${A.orderId}/cod` },
      { method: "POST", path: "/order-messages/preview", payload: { event: "created", orderId: A.orderId } },
      {
        method: "POST",
        path: `/orders/${A.orderId}/status`,
        payload: { status: "cancelled", reason: PROBE },
      },
      { method: "GET", path: `/sandbox/phones/${ph(A.phone)}/messages` },
      // A's customer writing to B's channel (B's customer writing to A's channel is a body id, below).
      {
        method: "POST",
        path: `/sandbox/phones/${ph(A.phone)}/messages`,
        payload: { channelId: B.channelId, text: PROBE },
      },
      { method: "POST", path: `/sandbox/channels/${A.channelId}/scan` },
      { method: "POST", path: `/sandbox/channels/${A.channelId}/faults`, payload: { type: "ban" } },
      { method: "POST", path: `/sandbox/channels/${A.channelId}/faults`, payload: { type: "logout" } },
      // Single mode has no invoices (answered as unknown); test/billing-payments.test.ts proves
      // in SaaS mode that B never reads A's invoices or payments.
      { method: "GET", path: `/billing/invoices/${A.orderId}` },
      { method: "GET", path: `/billing/invoices/${A.orderId}/pdf` },
    ];
    // Every route with an id in its path is attempted above.
    const withId = API_ROUTES.filter((r) => r.path.includes(":")).map(routeKey);
    const attempted = new Set(
      attempts.map(
        (x) =>
          `${x.method} ${x.path
            .split("?")[0]!
            .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ":id")
            .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ":messageId")
            .replace(/\/%2B\d+\//, "/:phone/")
            .replace(/\/wa-templates\/curang$/, "/wa-templates/:name")
            .replace(/\/deliveries\/:messageId\//, "/deliveries/:deliveryId/")}`,
      ),
    );
    expect(withId.filter((r) => !attempted.has(r))).toEqual([]);

    for (const x of attempts) {
      const r = await b(x.method, x.path, x.payload);
      const asUnknown = await b(x.method, x.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, unknown), x.payload);
      expect({ attempt: `${x.method} ${x.path}`, status: r.status, code: errorOf(r)?.code }).toEqual({
        attempt: `${x.method} ${x.path}`,
        status: 404,
        code: expect.stringMatching(/_not_found$/),
      });
      // Same answer as for an id that exists nowhere: B cannot probe for A's ids.
      if (!x.path.startsWith("/sandbox/phones"))
        expect(r.body, `${x.method} ${x.path}`).toEqual(asUnknown.body);
    }

    // A's ids in a body field: 400 `unknown_<thing>` naming the field, the same answer as for
    // an id that exists nowhere. Previews must not render A's template or A's contact either.
    const bodyAttempts: Array<{
      path: string;
      payload: (id: string) => unknown;
      code: string;
      field: string;
    }> = [
      {
        path: `/sandbox/phones/${ph(B.phone)}/messages`,
        payload: (id) => ({ channelId: id, text: PROBE }),
        code: "unknown_channel",
        field: "channelId",
      },
      {
        path: "/templates/preview",
        payload: (id) => ({ templateId: id }),
        code: "unknown_template",
        field: "templateId",
      },
      {
        path: "/templates/preview",
        payload: (id) => ({ body: "Halo {{name}} {{kota}}", contactId: id }),
        code: "unknown_contact",
        field: "contactId",
      },
      ...(() => {
        const bOrder = {
          customer: { phone: B.phone },
          lines: [{ sku: "KOPI-B", quantity: 1 }],
          paymentMethod: "cod",
        };
        return [
          {
            path: "/orders",
            payload: (id: string) => ({ ...bOrder, customer: { contactId: id } }),
            code: "unknown_contact",
            field: "customer.contactId",
          },
          {
            path: "/orders",
            payload: (id: string) => ({ ...bOrder, conversationId: id }),
            code: "unknown_conversation",
            field: "conversationId",
          },
          {
            path: "/orders",
            payload: (id: string) => ({ ...bOrder, lines: [{ productId: id, quantity: 1 }] }),
            code: "unknown_product",
            field: "lines.0.productId",
          },
          {
            path: "/orders",
            payload: (id: string) => ({ ...bOrder, channelId: id }),
            code: "unknown_channel",
            field: "channelId",
          },
        ];
      })(),
    ];
    const idsOfA: Record<string, string> = {
      channelId: A.channelId,
      templateId: A.templateId,
      contactId: A.contact.id,
      "customer.contactId": A.contact.id,
      conversationId: A.conversationId,
      "lines.0.productId": A.productId,
    };
    for (const x of bodyAttempts) {
      const r = await b("POST", x.path, x.payload(idsOfA[x.field]!));
      expect({ attempt: `${x.path} ${x.field}`, status: r.status, code: errorOf(r)?.code }).toEqual({
        attempt: `${x.path} ${x.field}`,
        status: 400,
        code: x.code,
      });
      expect(Object.keys(errorOf(r)?.fields ?? {})).toEqual([x.field]);
      expect(r.body, `${x.path} ${x.field}`).toEqual((await b("POST", x.path, x.payload(unknown))).body);
    }

    // A's message asked for through B's own conversation: no file, like an unknown message.
    const viaB = await b("GET", `/conversations/${B.conversationId}/messages/${A.messageId}/media`);
    expect({ status: viaB.status, code: errorOf(viaB)?.code }).toEqual({
      status: 404,
      code: "media_not_found",
    });
    expect(viaB.body).toEqual(
      (await b("GET", `/conversations/${B.conversationId}/messages/${unknown}/media`)).body,
    );

    expect(await snapshotOfA()).toEqual(before);
    const thread = await ok(
      a<Array<{ text: string | null }>>("GET", `/conversations/${A.conversationId}/messages`),
    );
    expect(thread.map((m) => m.text)).not.toContain(PROBE);
    // A's conversation, notes, labels and quick replies are as A left them; B's lists hold none of them.
    const detail = await ok(
      a<{ conversation: { status: string; labels: string[] }; notes: Array<{ id: string }> }>(
        "GET",
        `/conversations/${A.conversationId}`,
      ),
    );
    expect(detail.conversation).toMatchObject({ status: "open", labels: ["rahasia-a"] });
    expect(detail.notes.map((n) => n.id)).toEqual([A.noteId]);
    expect(
      (await ok(a<Array<{ id: string; body: string }>>("GET", "/quick-replies"))).map((q) => q.body),
    ).toEqual(["Halo {{name}} dari A"]);
    expect(await ok(b("GET", "/quick-replies"))).toEqual([]);
    expect(await ok(b("GET", "/conversations?label=rahasia-a"))).toEqual([]);
    expect(await ok(b("GET", "/conversations?search=Halo%20toko%20A"))).toEqual([]);
    // B's own quick reply cannot be rendered for A's conversation (A's contact stays unseen).
    const bReply = await ok(
      b<{ id: string }>("POST", "/quick-replies", { shortcut: "salam-a", body: "Halo {{name}}" }),
      201,
    );
    const render = await b("POST", `/quick-replies/${bReply.id}/render`, {
      conversationId: A.conversationId,
    });
    expect({ status: render.status, code: errorOf(render).code, fields: errorOf(render).fields }).toEqual({
      status: 400,
      code: "unknown_conversation",
      fields: { conversationId: "unknown conversation" },
    });
    expect(render.body).toEqual(
      (await b("POST", `/quick-replies/${bReply.id}/render`, { conversationId: unknown })).body,
    );
    const received = await ok(a<PhoneMessage[]>("GET", `/sandbox/phones/${ph(A.phone)}/messages`));
    expect(received.map((m) => m.text)).not.toContain(PROBE);
    expect((await ok(a<ChannelDto>("GET", `/channels/${A.channelId}`))).status).toBe("connected");
  });

  it("every field that names a media file answers B 400 for A's file, like an unknown id, and refuses paths", async () => {
    const unknown = "00000000-0000-4000-8000-00000000abcd";
    const withMedia = (id: string): Array<{ method: Method; path: string; payload: unknown }> => [
      {
        method: "POST",
        path: "/templates",
        payload: { name: PROBE, body: PROBE, media: { type: "image", id } },
      },
      {
        method: "PUT",
        path: `/templates/${B.templateId}`,
        payload: { name: PROBE, body: PROBE, media: { type: "image", id } },
      },
      {
        method: "POST",
        path: "/campaigns",
        payload: {
          name: PROBE,
          channelId: B.channelId,
          body: PROBE,
          media: { type: "image", id },
          audience: { type: "all" },
        },
      },
      { method: "PATCH", path: `/campaigns/${B.campaignId}`, payload: { media: { type: "image", id } } },
      {
        method: "POST",
        path: `/conversations/${B.conversationId}/messages`,
        payload: { text: PROBE, media: { type: "image", id } },
      },
    ];
    const asA = withMedia(A.mediaId);
    const asUnknown = withMedia(unknown);
    for (const [i, x] of asA.entries()) {
      const r = await b(x.method, x.path, x.payload);
      expect({
        attempt: `${x.method} ${x.path}`,
        status: r.status,
        code: errorOf(r)?.code,
        fields: errorOf(r)?.fields,
      }).toEqual({
        attempt: `${x.method} ${x.path}`,
        status: 400,
        code: "unknown_media",
        fields: { "media.id": "unknown media" },
      });
      const u = asUnknown[i]!;
      expect((await b(u.method, u.path, u.payload)).body).toEqual(r.body);
      // A path, A's own or any other file under the data directory, is never taken.
      for (const url of [
        `media/templates/${k.owner.tenantId}/${A.mediaId}.png`,
        "secret.key",
        "pg/base/16384/2619",
      ]) {
        const payload = JSON.parse(
          JSON.stringify(x.payload).replace(`"id":"${A.mediaId}"`, `"url":${JSON.stringify(url)}`),
        );
        const p = await b(x.method, x.path, payload);
        expect({ url, status: p.status, fields: Object.keys(errorOf(p)?.fields ?? {}) }).toEqual({
          url,
          status: 400,
          fields: ["media.url"],
        });
      }
    }
    const thread = await ok(
      b<Array<{ text: string | null }>>("GET", `/conversations/${B.conversationId}/messages`),
    );
    expect(thread.map((m) => m.text)).not.toContain(PROBE);
  });

  it("B's auto-reply rules and tests never see or use A's rules, channel or contacts", async () => {
    expect(await ok(b("GET", "/automation/rules"))).toEqual([]);
    const onA = await b("POST", "/automation/rules", {
      name: PROBE,
      type: "fallback",
      reply: PROBE,
      channelId: A.channelId,
    });
    expect({
      status: onA.status,
      code: errorOf(onA).code,
      fields: Object.keys(errorOf(onA).fields ?? {}),
    }).toEqual({ status: 400, code: "unknown_channel", fields: ["channelId"] });
    // B's test endpoint answers with B's rules only, and refuses A's contact and channel.
    expect(await ok(b("POST", "/automation/test", { text: "harga?" }))).toEqual({ rule: null, reply: null });
    const withContact = await b("POST", "/automation/test", { text: "harga?", contactId: A.contact.id });
    expect({ status: withContact.status, code: errorOf(withContact).code }).toEqual({
      status: 400,
      code: "unknown_contact",
    });
    const withChannel = await b("POST", "/automation/test", { text: "harga?", channelId: A.channelId });
    expect({ status: withChannel.status, code: errorOf(withChannel).code }).toEqual({
      status: 400,
      code: "unknown_channel",
    });
    const mine = await ok(
      a<Array<{ id: string; name: string; enabled: boolean }>>("GET", "/automation/rules"),
    );
    expect(mine.map((r) => [r.id, r.name, r.enabled])).toEqual([[A.ruleId, "Harga A", true]]);
  });

  it("B never sees A's agents and can never assign a conversation to one of them (400, as for an unknown agent)", async () => {
    const aAgents = await ok(a<Array<{ id: string; openConversations: number }>>("GET", "/agents"));
    // A's owner may hold A's own conversations (replying to one makes it theirs): B changes none.
    const aOpenBefore = aAgents[0]!.openConversations;
    const bAgents = await ok(b<Array<{ id: string }>>("GET", "/agents"));
    expect(bAgents.map((x) => x.id)).not.toContain(k.owner.userId);
    expect(aAgents.map((x) => x.id)).toEqual([k.owner.userId]);
    // B's owner online: round robin and manual assignment stay within B.
    await ok(b("PUT", "/agents/me/presence", { online: true }));
    const assign = await b("POST", `/conversations/${B.conversationId}/assign`, { userId: k.owner.userId });
    expect({
      status: assign.status,
      code: errorOf(assign).code,
      fields: Object.keys(errorOf(assign).fields ?? {}),
    }).toEqual({ status: 400, code: "unknown_agent", fields: ["userId"] });
    const team = await b("PUT", `/channels/${B.channelId}/agents`, { userIds: [k.owner.userId] });
    expect({ status: team.status, code: errorOf(team).code }).toEqual({
      status: 400,
      code: "unknown_agent",
    });
    expect(await ok(b("GET", `/channels/${B.channelId}/agents`))).toEqual({
      channelId: B.channelId,
      userIds: [],
      everyone: true,
    });
    const own = await ok(
      b<{ assigneeId: string | null }>("POST", `/conversations/${B.conversationId}/assign`, {
        userId: bOwnerId,
      }),
    );
    expect(own.assigneeId).toBe(bOwnerId);
    expect(
      (await ok(a<Array<{ id: string; online: boolean; openConversations: number }>>("GET", "/agents")))[0],
    ).toMatchObject({ online: false, openConversations: aOpenBefore });
  });

  it("a user B's owner adds joins B only: A's agents never list them, and they see only B's conversations", async () => {
    const added = await ok(
      b<{ id: string }>("POST", "/users", {
        email: "agen@toko-kedua.test",
        name: "Agen B",
        password: "agen-kedua-456",
        role: "agent",
      }),
      201,
    );
    expect((await ok(a<Array<{ id: string }>>("GET", "/agents"))).map((x) => x.id)).not.toContain(added.id);
    expect((await ok(b<Array<{ id: string }>>("GET", "/agents"))).map((x) => x.id)).toContain(added.id);
    const { cookie } = await signIn(k.http!, "agen@toko-kedua.test", "agen-kedua-456");
    const agentB = apiClient(k.http!, { cookie });
    const seen = (await ok(agentB<Conversation[]>("GET", "/conversations"))).map((c) => c.id);
    expect(seen).toContain(B.conversationId);
    expect(seen).not.toContain(A.conversationId);
    // An email used in A is answered like any new one in B (nothing tells B who uses Kabar
    // elsewhere); it is B's own user, and A's user is untouched.
    const same = await b<{ id: string }>("POST", "/users", {
      email: "OWNER@toko-contoh.test",
      name: PROBE,
      password: "curang-sekali-1",
    });
    expect(same.status, same.text).toBe(201);
    const asB = await signIn(k.http!, "owner@toko-contoh.test", "curang-sekali-1");
    expect((asB.body as { user: { tenantId: string; id: string } }).user).toMatchObject({
      tenantId: bTenantId,
      id: same.body.id,
    });
    const asA = await signIn(k.http!, "owner@toko-contoh.test", "rahasia-toko-123");
    expect((asA.body as { user: { tenantId: string } }).user.tenantId).toBe(k.owner.tenantId);
  });

  it("bulk endpoints with A's ids change nothing in A", async () => {
    const before = await ok(a<ContactDto>("GET", `/contacts/${A.contact.id}`));
    expect(
      await ok(
        b("POST", "/contacts/bulk-label", {
          contactIds: [A.contact.id],
          add: [PROBE],
          remove: ["rahasia-a"],
        }),
      ),
    ).toEqual({ updated: 0 });
    expect(await ok(b("POST", "/contacts/bulk-delete", { contactIds: [A.contact.id] }))).toEqual({
      deleted: 0,
    });
    // Mixed with B's own id: only B's contact is touched.
    expect(
      await ok(
        b("POST", "/contacts/bulk-label", { contactIds: [A.contact.id, B.contactId], add: ["vip-b"] }),
      ),
    ).toEqual({ updated: 1 });
    expect((await ok(b<ContactDto>("GET", `/contacts/${B.contactId}`))).labels).toEqual(["vip-b"]);
    expect(await ok(a<ContactDto>("GET", `/contacts/${A.contact.id}`))).toEqual(before);
    const labelsOfA = await ok(a<Array<{ label: string }>>("GET", "/contacts/labels"));
    expect(labelsOfA.map((l) => l.label)).not.toContain("vip-b");
    expect(labelsOfA.map((l) => l.label)).not.toContain(PROBE);
  });

  it("a campaign of B cannot use A's channel, template or import (400 naming the field)", async () => {
    const base = { name: "Curang", channelId: B.channelId, body: "Halo", audience: { type: "all" } };
    const cases: Array<[unknown, string, string]> = [
      [{ ...base, channelId: A.channelId }, "unknown_channel", "channelId"],
      [
        { ...base, audience: { type: "import", importId: A.importId } },
        "unknown_import",
        "audience.importId",
      ],
      [{ ...base, body: undefined, templateId: A.templateId }, "unknown_template", "templateId"],
    ];
    for (const [payload, code, field] of cases) {
      const r = await b("POST", "/campaigns", payload);
      expect(r.status, r.text).toBe(400);
      expect(errorOf(r).code).toBe(code);
      expect(Object.keys(errorOf(r).fields ?? {})).toEqual([field]);
    }
    const patches: Array<[unknown, string]> = [
      [{ channelId: A.channelId }, "channelId"],
      [{ audience: { type: "import", importId: A.importId } }, "audience.importId"],
    ];
    for (const [payload, field] of patches) {
      const r = await b("PATCH", `/campaigns/${B.campaignId}`, payload);
      expect(r.status, r.text).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {})).toEqual([field]);
    }
    // Nor estimate with them.
    const estimates: Array<[unknown, string, string]> = [
      [{ channelId: A.channelId, audience: { type: "all" } }, "unknown_channel", "channelId"],
      [
        { channelId: B.channelId, audience: { type: "import", importId: A.importId } },
        "unknown_import",
        "audience.importId",
      ],
    ];
    for (const [payload, code, field] of estimates) {
      const r = await b("POST", "/campaigns/estimate", payload);
      expect({
        status: r.status,
        code: errorOf(r).code,
        fields: Object.keys(errorOf(r).fields ?? {}),
      }).toEqual({ status: 400, code, fields: [field] });
    }
    // B's estimate of everyone counts B's contacts only.
    const estimate = await ok(
      b<{ recipients: number }>("POST", "/campaigns/estimate", {
        channelId: B.channelId,
        audience: { type: "all" },
      }),
    );
    expect(estimate.recipients).toBe((await ok(b<Page>("GET", "/contacts?pageSize=1"))).total);
    const mine = await ok(b<CampaignDto>("GET", `/campaigns/${B.campaignId}`));
    expect(mine.channelId).toBe(B.channelId);
    expect(mine.audience).toEqual({ type: "all" });
    expect((await ok(b<CampaignDto[]>("GET", "/campaigns"))).length).toBe(1);
  });

  it("an import in B with A's phone creates B's own contact and leaves A's alone", async () => {
    const before = await ok(a<ContactDto>("GET", `/contacts/${A.contact.id}`));
    const summary = await ok(
      uploadContacts(b, "b2.csv", `nama,telepon,kota\nNama Dari B,${A.contact.phone},Bandung\n`, {
        labels: "impor-b",
      }),
      201,
    );
    // B already has its own contact with that phone: merged into it, not into A's.
    expect(summary).toMatchObject({ created: 0, merged: 1, rejected: 0 });
    const inB = await ok(b<Page>(`GET`, `/contacts?search=${encodeURIComponent(A.contact.phone)}`));
    expect(inB.items.map((c) => c.id)).toEqual([B.contactId]);
    expect(inB.items[0]!.attributes).toEqual({ kota: "Bandung" });
    expect(await ok(a<ContactDto>("GET", `/contacts/${A.contact.id}`))).toEqual(before);
  });

  it("A's sandbox phone view never shows what B's channel sent", async () => {
    const contact = await ok(
      b<ContactDto>("POST", "/contacts", { phone: A.phone, labels: ["nomor-a"] }),
      201,
    );
    const c = await ok(
      b<CampaignDto>("POST", "/campaigns", {
        name: "Ke nomor A",
        channelId: B.channelId,
        body: PROBE,
        audience: { type: "labels", labels: ["nomor-a"] },
      }),
      201,
    );
    await ok(b("POST", `/campaigns/${c.id}/start`));
    await waitFor(async () =>
      (await ok(b<CampaignDto>("GET", `/campaigns/${c.id}`))).status === "completed" ? true : undefined,
    );
    await ok(b("DELETE", `/contacts/${contact.id}`), 204);
    const seenByA = await ok(
      a<Array<PhoneMessage & { channelId?: string }>>(
        "GET",
        `/sandbox/phones/${encodeURIComponent(A.phone)}/messages`,
      ),
    );
    expect(seenByA.map((m) => m.text)).not.toContain(PROBE);
    expect(seenByA.map((m) => m.channelId)).not.toContain(B.channelId);
  });

  it("starting B's campaign to everyone reaches only B's contacts", async () => {
    const started = await ok(b<CampaignDto>("POST", `/campaigns/${B.campaignId}/start`));
    expect(started.counts.total).toBe((await ok(b<Page>("GET", "/contacts?pageSize=1"))).total);
    const recipients = await ok(
      b<Array<{ contactId: string }>>("GET", `/campaigns/${B.campaignId}/recipients?pageSize=500`),
    );
    const ownIds = (await ok(b<Page>("GET", "/contacts?pageSize=200"))).items.map((c) => c.id);
    expect(recipients.map((r) => r.contactId).sort()).toEqual(ownIds.sort());
  });
});
