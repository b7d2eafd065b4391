/**
 * Every write leaves an audit entry (issue 13). Generated from the route list: every
 * POST, PUT, PATCH and DELETE route of API_ROUTES must have a valid call below (a new
 * route without one fails the first test), the owner makes it, it must succeed, and a new
 * entry of the owner, from HTTP, must be in the log afterwards. The dry runs
 * (`DRY_RUN_ROUTES`: previews, estimates) must leave none. Sign-in and sign-out are
 * called too; sign-out-everywhere runs last, as it ends the session the suite uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWhatsApp } from "../src/channels/baileys/testing.js";
import { DRY_RUN_ROUTES } from "../src/http/audit-net.js";
import { sweepSuspectedDrops } from "../src/modules/campaigns/jobs/suspect-drops.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import {
  type Api,
  apiClient,
  type Method,
  multipartBody,
  ok,
  signIn,
  untilConnected,
  uploadContacts,
} from "./support/api.js";
import { API_ROUTES, routeKey } from "./support/routes.js";
import { firstChannel, untilChannelStatus } from "./support/channels.js";
import { SENT_AT, sentCampaign } from "./support/drops.js";
import { factory } from "./support/factory.js";
import { FakeGraph } from "./support/fake-graph.js";
import { OWNER_EMAIL, OWNER_PASSWORD, startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let owner: Api;
let graph: FakeGraph;
const whatsapp = new FakeWhatsApp();

/** A route's call: where, what body (JSON, or a multipart upload), and an optional wait for the answer. */
interface Call {
  path: string;
  body?: unknown;
  upload?: { filename: string; value: Buffer; contentType: string };
  /** Sends the request itself (when the answer needs the test's help to come). */
  send?: () => Promise<{ status: number; text: string }>;
}

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);
const png = { filename: "a.png", value: PNG, contentType: "image/png" };

/** Ids the calls use, filled as the calls (and the setup) make things. */
const s: Record<string, string> = {};

/** The id of an answer. */
const idOf = async (p: Promise<{ status: number; body: unknown; text: string }>, status = 201) =>
  (await ok(p as Promise<{ status: number; body: { id: string }; text: string; headers: never }>, status)).id;

/**
 * One valid call per write route, made in this order (things are made before they are
 * changed, and removed last). Keys must be exactly the write routes of API_ROUTES.
 */
const CALLS: Record<string, () => Promise<Call> | Call> = {
  "POST /auth/sign-in": () => ({
    path: "/auth/sign-in",
    body: { email: OWNER_EMAIL, password: OWNER_PASSWORD },
  }),
  "POST /auth/password": () => ({
    path: "/auth/password",
    body: { currentPassword: OWNER_PASSWORD, newPassword: OWNER_PASSWORD },
  }),
  "PATCH /tenant": () => ({ path: "/tenant", body: { warmDays: 60 } }),
  "POST /users": () => ({
    path: "/users",
    body: {
      email: "audit-baru@toko-contoh.test",
      name: "Staf Baru",
      password: "rahasia-staf-1",
      role: "agent",
    },
  }),
  "PATCH /users/:id": async () => {
    s.userId = (await factory(k, k.owner.tenantId).user("agent")).id;
    return { path: `/users/${s.userId}`, body: { role: "supervisor" } };
  },
  "POST /roles": () => ({ path: "/roles", body: { name: "Kasir", clonedFrom: "agent" } }),
  "PATCH /roles/:id": async () => {
    s.roleId = (await ok(owner<Array<{ id: string; name: string }>>("GET", "/roles"))).find(
      (r) => r.name === "Kasir",
    )!.id;
    return { path: `/roles/${s.roleId}`, body: { name: "Kasir Senior" } };
  },
  "DELETE /roles/:id": () => ({ path: `/roles/${s.roleId}` }),
  "POST /outlets": () => ({ path: "/outlets", body: { name: "Cabang Audit", city: "Bandung" } }),
  "PATCH /outlets/:id": async () => {
    s.outletId = (await ok(owner<Array<{ id: string; name: string }>>("GET", "/outlets"))).find(
      (o) => o.name === "Cabang Audit",
    )!.id;
    return { path: `/outlets/${s.outletId}`, body: { city: "Bogor" } };
  },
  "DELETE /outlets/:id": () => ({ path: `/outlets/${s.outletId}` }),
  "POST /api-keys": () => ({ path: "/api-keys", body: { name: "Website", scopes: ["orders:write"] } }),
  "DELETE /api-keys/:id": async () => {
    const [key] = await ok(owner<Array<{ id: string }>>("GET", "/api-keys"));
    return { path: `/api-keys/${key!.id}` };
  },
  "POST /webhook-endpoints": () => ({
    path: "/webhook-endpoints",
    body: { url: "https://toko.invalid/hook", events: ["order.created"] },
  }),
  "PATCH /webhook-endpoints/:id": async () => {
    const [e] = await ok(owner<Array<{ id: string }>>("GET", "/webhook-endpoints"));
    s.endpointId = e!.id;
    return {
      path: `/webhook-endpoints/${s.endpointId}`,
      body: { events: ["order.created", "order.status_changed"] },
    };
  },
  "POST /webhook-endpoints/:id/rotate-secret": () => ({
    path: `/webhook-endpoints/${s.endpointId}/rotate-secret`,
  }),
  "POST /webhook-endpoints/:id/test": () => ({ path: `/webhook-endpoints/${s.endpointId}/test` }),
  "POST /webhook-endpoints/:id/deliveries/:deliveryId/redeliver": async () => {
    const [d] = await ok(
      owner<Array<{ id: string }>>("GET", `/webhook-endpoints/${s.endpointId}/deliveries`),
    );
    return { path: `/webhook-endpoints/${s.endpointId}/deliveries/${d!.id}/redeliver` };
  },
  "DELETE /webhook-endpoints/:id": () => ({ path: `/webhook-endpoints/${s.endpointId}` }),
  "POST /channels": () => ({ path: "/channels", body: { name: "Nomor Kedua", kind: "sandbox" } }),
  "POST /sandbox/channels/:id/scan": async () => {
    s.channel2 = (await ok(owner<Array<{ id: string; name: string }>>("GET", "/channels"))).find(
      (c) => c.name === "Nomor Kedua",
    )!.id;
    await untilChannelStatus(owner, s.channel2, "qr");
    return { path: `/sandbox/channels/${s.channel2}/scan` };
  },
  "PATCH /channels/:id": () => ({ path: `/channels/${s.channel2}`, body: { name: "Nomor Kedua (Cabang)" } }),
  "POST /sandbox/channels/:id/faults": () => ({
    path: `/sandbox/channels/${s.channel2}/faults`,
    body: { type: "clear" },
  }),
  "PUT /channels/:id/agents": () => ({
    path: `/channels/${s.channel2}/agents`,
    body: { userIds: [k.owner.userId] },
  }),
  "POST /channels/:id/disconnect": () => ({ path: `/channels/${s.channel2}/disconnect` }),
  "POST /channels/:id/connect": () => ({ path: `/channels/${s.channel2}/connect` }),
  "POST /channels/:id/logout": () => ({ path: `/channels/${s.channel2}/logout` }),
  "POST /channels/:id/pairing-code": async () => {
    const web = await idOf(owner("POST", "/channels", { name: "WA Web", kind: "whatsapp_web" }));
    const path = `/channels/${web}/pairing-code`;
    return {
      path,
      // The code comes once WhatsApp shows the socket a QR: the test plays WhatsApp.
      send: async () => {
        let answer: { status: number; text: string } | undefined;
        const pending = owner("POST", path, { phone: "0812-3456-7890" }).then((r) => (answer = r));
        await waitFor(async () => {
          if (answer) return true;
          if (whatsapp.sockets.length > 0) whatsapp.last.showQr();
          return undefined;
        });
        return pending;
      },
    };
  },
  "POST /channels/:id/wa-templates/sync": async () => {
    graph.templates = [
      {
        name: "promo_audit",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        components: [{ type: "BODY", text: "Halo {{1}}" }],
      },
    ];
    s.cloud = await idOf(
      owner("POST", "/channels", {
        name: "WA Resmi",
        kind: "cloud_api",
        cloudApi: {
          phoneNumberId: graph.phoneNumberId,
          wabaId: graph.wabaId,
          accessToken: graph.accessToken,
          appSecret: "app-secret-audit",
          verifyToken: "verifikasi-audit-1",
        },
      }),
    );
    await untilChannelStatus(owner, s.cloud, "connected");
    return { path: `/channels/${s.cloud}/wa-templates/sync` };
  },
  "POST /channels/:id/wa-templates": () => ({
    path: `/channels/${s.cloud}/wa-templates`,
    body: {
      name: "pengingat_pesanan",
      language: "id",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Pesanan Anda sedang dikemas." }],
    },
  }),
  "DELETE /channels/:id/wa-templates/:name": () => ({
    path: `/channels/${s.cloud}/wa-templates/promo_audit`,
  }),
  "POST /contacts": () => ({ path: "/contacts", body: { phone: "081377700001", name: "Rina" } }),
  "PATCH /contacts/:id": async () => {
    s.contactId = (await ok(owner<{ items: Array<{ id: string }> }>("GET", "/contacts?search=Rina")))
      .items[0]!.id;
    return { path: `/contacts/${s.contactId}`, body: { name: "Rina Wati", labels: ["vip"] } };
  },
  "POST /contacts/bulk-label": () => ({
    path: "/contacts/bulk-label",
    body: { contactIds: [s.contactId], add: ["langganan"] },
  }),
  "POST /contacts/imports/preview": () => ({
    path: "/contacts/imports/preview",
    upload: {
      filename: "k.csv",
      value: Buffer.from("nama,telepon\nAndi,081377700002\n"),
      contentType: "text/csv",
    },
  }),
  "POST /contacts/imports/preview/rows": () => ({
    path: "/contacts/imports/preview/rows",
    body: {
      format: "csv",
      line: 1,
      headers: ["nama", "telepon"],
      rows: [["Andi", "081377700002"]],
      mapping: { phone: "telepon", name: "nama" },
    },
  }),
  "POST /contacts/imports": () => ({
    path: "/contacts/imports",
    send: () => uploadContacts(owner, "k.csv", "nama,telepon\nAndi,081377700002\n"),
  }),
  "DELETE /contacts/:id": async () => ({
    path: `/contacts/${await idOf(owner("POST", "/contacts", { phone: "081377700003", name: "Hapus" }))}`,
  }),
  "POST /contacts/bulk-delete": async () => ({
    path: "/contacts/bulk-delete",
    body: {
      contactIds: [await idOf(owner("POST", "/contacts", { phone: "081377700004", name: "Hapus 2" }))],
    },
  }),
  "POST /products/images": () => ({ path: "/products/images", upload: png }),
  "POST /products": () => ({
    path: "/products",
    body: { sku: "AUDIT-1", name: "Kopi Audit", price: 10_000 },
  }),
  "PATCH /products/:id": async () => {
    s.productId = (await ok(owner<{ items: Array<{ id: string }> }>("GET", "/products?search=AUDIT-1")))
      .items[0]!.id;
    return { path: `/products/${s.productId}`, body: { price: 12_000 } };
  },
  "POST /products/imports": () => ({
    path: "/products/imports",
    upload: {
      filename: "p.csv",
      value: Buffer.from("sku,nama,harga\nAUDIT-2,Teh Audit,5000\n"),
      contentType: "text/csv",
    },
  }),
  "POST /templates/media": () => ({ path: "/templates/media", upload: png }),
  "POST /templates": () => ({ path: "/templates", body: { name: "Sapaan Audit", body: "Halo {{name}}" } }),
  "PUT /templates/:id": async () => {
    s.templateId = (await ok(owner<Array<{ id: string; name: string }>>("GET", "/templates"))).find(
      (t) => t.name === "Sapaan Audit",
    )!.id;
    return { path: `/templates/${s.templateId}`, body: { name: "Sapaan Audit", body: "Hai {{name}}" } };
  },
  "POST /templates/preview": () => ({
    path: "/templates/preview",
    body: { templateId: s.templateId, contactId: s.contactId },
  }),
  "DELETE /templates/:id": () => ({ path: `/templates/${s.templateId}` }),
  "POST /campaigns/estimate": () => ({
    path: "/campaigns/estimate",
    body: { channelId: s.channel1, body: "Halo", audience: { type: "all" } },
  }),
  "POST /campaigns": () => ({
    path: "/campaigns",
    body: {
      name: "Promo Audit",
      channelId: s.channel1,
      body: "Halo",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    },
  }),
  "PATCH /campaigns/:id": async () => {
    s.campaignId = (await ok(owner<Array<{ id: string; name: string }>>("GET", "/campaigns"))).find(
      (c) => c.name === "Promo Audit",
    )!.id;
    return { path: `/campaigns/${s.campaignId}`, body: { name: "Promo Audit 2" } };
  },
  "POST /campaigns/:id/schedule": () => ({
    path: `/campaigns/${s.campaignId}/schedule`,
    body: { at: new Date(Date.now() + 86_400_000).toISOString() },
  }),
  "POST /campaigns/:id/start": async () => {
    s.running = await idOf(
      owner("POST", "/campaigns", {
        name: "Promo Jalan",
        channelId: s.channel1,
        body: "Halo",
        audience: { type: "labels", labels: [DEMO_LABEL] },
      }),
    );
    return { path: `/campaigns/${s.running}/start` };
  },
  "POST /campaigns/:id/pause": () => ({ path: `/campaigns/${s.running}/pause` }),
  "POST /campaigns/:id/resume": () => ({ path: `/campaigns/${s.running}/resume` }),
  "POST /campaigns/:id/retry-failed": () => ({ path: `/campaigns/${s.running}/retry-failed` }),
  "POST /campaigns/:id/cancel": () => ({ path: `/campaigns/${s.campaignId}/cancel` }),
  "POST /campaigns/:id/resend-drops": async () => {
    const c = await sentCampaign(k, s.channel1!, 1);
    await sweepSuspectedDrops({ db: k.database.db, bus: k.bus }, new Date(SENT_AT + 31 * 60_000));
    return { path: `/campaigns/${c.id}/resend-drops`, body: { channelId: s.channel2 } };
  },
  "POST /sandbox/phones/:phone/messages": () => ({
    path: `/sandbox/phones/${encodeURIComponent(s.phone!)}/messages`,
    body: { channelId: s.channel1, text: "Halo, masih buka?" },
  }),
  "POST /conversations/:id/read": async () => {
    s.conversationId = await waitFor(
      async () =>
        (await ok(owner<Array<{ id: string; phone: string }>>("GET", "/conversations"))).find(
          (c) => c.phone === s.phone,
        )?.id,
    );
    return { path: `/conversations/${s.conversationId}/read` };
  },
  "POST /conversations/:id/messages": () => ({
    path: `/conversations/${s.conversationId}/messages`,
    body: { text: "Masih, kak" },
  }),
  "POST /conversations/:id/media": () => ({ path: `/conversations/${s.conversationId}/media`, upload: png }),
  "PUT /conversations/:id/labels": () => ({
    path: `/conversations/${s.conversationId}/labels`,
    body: { labels: ["vip"] },
  }),
  "POST /conversations/:id/notes": () => ({
    path: `/conversations/${s.conversationId}/notes`,
    body: { body: "Catatan" },
  }),
  "POST /conversations/:id/assign": () => ({
    path: `/conversations/${s.conversationId}/assign`,
    body: { userId: k.owner.userId },
  }),
  "POST /conversations/:id/snooze": () => ({
    path: `/conversations/${s.conversationId}/snooze`,
    body: { until: new Date(Date.now() + 3_600_000).toISOString() },
  }),
  "POST /conversations/:id/resolve": () => ({ path: `/conversations/${s.conversationId}/resolve` }),
  "POST /conversations/:id/reopen": () => ({ path: `/conversations/${s.conversationId}/reopen` }),
  "POST /quick-replies": () => ({
    path: "/quick-replies",
    body: { shortcut: "salam", body: "Halo {{name}}" },
  }),
  "PUT /quick-replies/:id": async () => {
    s.quickReplyId = (await ok(owner<Array<{ id: string }>>("GET", "/quick-replies")))[0]!.id;
    return { path: `/quick-replies/${s.quickReplyId}`, body: { shortcut: "salam", body: "Hai {{name}}" } };
  },
  "POST /quick-replies/:id/render": () => ({
    path: `/quick-replies/${s.quickReplyId}/render`,
    body: { conversationId: s.conversationId },
  }),
  "DELETE /quick-replies/:id": () => ({ path: `/quick-replies/${s.quickReplyId}` }),
  "PUT /agents/me/presence": () => ({ path: "/agents/me/presence", body: { online: true } }),
  "PATCH /agents/:id": () => ({ path: `/agents/${k.owner.userId}`, body: { maxOpenConversations: 5 } }),
  "POST /notifications/:id/read": async () => {
    const n = await k.services.notifications.notify({
      tenantId: k.owner.tenantId,
      kind: "channel_replaced",
      severity: "warning",
      channelId: s.channel1,
    });
    return { path: `/notifications/${n!.id}/read` };
  },
  "POST /notifications/read-all": () => ({ path: "/notifications/read-all" }),
  "POST /automation/rules": () => ({
    path: "/automation/rules",
    body: { name: "Harga", type: "keyword", config: { keywords: ["harga"] }, reply: "Harga mulai 10rb" },
  }),
  "PATCH /automation/rules/:id": async () => {
    s.ruleId = (await ok(owner<Array<{ id: string }>>("GET", "/automation/rules")))[0]!.id;
    return { path: `/automation/rules/${s.ruleId}`, body: { enabled: false } };
  },
  "POST /automation/test": () => ({
    path: "/automation/test",
    body: { text: "harga", channelId: s.channel1 },
  }),
  "DELETE /automation/rules/:id": () => ({ path: `/automation/rules/${s.ruleId}` }),
  "POST /orders": () => ({
    path: "/orders",
    body: {
      customer: { contactId: s.contactId },
      lines: [{ productId: s.productId, quantity: 1 }],
      paymentMethod: "transfer",
    },
  }),
  "PATCH /orders/:id": async () => {
    s.orderId = (await ok(owner<{ items: Array<{ id: string }> }>("GET", "/orders"))).items[0]!.id;
    return { path: `/orders/${s.orderId}`, body: { notes: "Bungkus kado" } };
  },
  "POST /orders/:id/status": () => ({ path: `/orders/${s.orderId}/status`, body: { status: "confirmed" } }),
  "POST /order-messages/preview": () => ({ path: "/order-messages/preview", body: { event: "created" } }),
  "PUT /order-messages/settings": async () => ({
    path: "/order-messages/settings",
    body: await ok(owner("GET", "/order-messages/settings")),
  }),
  "DELETE /products/:id": async () => ({
    path: `/products/${await idOf(owner("POST", "/products", { sku: "AUDIT-3", name: "Hapus", price: 1 }))}`,
  }),
  "POST /segments/refresh": () => ({ path: "/segments/refresh" }),
  "PUT /segments/settings": () => ({ path: "/segments/settings", body: { loyalScore: 4 } }),
  "PUT /reminders/settings": () => ({ path: "/reminders/settings", body: { leadDays: 3 } }),
  "POST /billing/checkout": () => ({ path: "/billing/checkout", body: { kind: "renewal" } }),
  "POST /billing/midtrans/notification": () => ({ path: "/billing/midtrans/notification", body: {} }),
  "POST /auth/sign-out": () => ({ path: "/auth/sign-out" }),
  "POST /auth/sign-out-everywhere": () => ({ path: "/auth/sign-out-everywhere" }),
};

/**
 * SaaS-only writes: this suite runs a single shop, where they answer 404 `billing_off` and
 * write nothing. Their entries are proven in SaaS mode (test/billing-payments.test.ts:
 * checkout records `billing.checkout` of the owner; Midtrans' notification records a settled
 * or refunded payment with the system as actor).
 */
const SAAS_ONLY = new Set(["POST /billing/checkout", "POST /billing/midtrans/notification"]);

/** Routes whose call ends the session it is made with: each gets a session of its own. */
const ENDS_SESSION = new Set(["POST /auth/sign-out", "POST /auth/sign-out-everywhere"]);

/**
 * SaaS-only writes this suite does not call (they answer 404 in single mode):
 * test/platform-saas.test.ts checks their entries (a downgrade is recorded; a sign-up records
 * the new owner's sign-in).
 */
const SAAS_ONLY_UNCALLED = new Set(["POST /billing/downgrade", "DELETE /billing/downgrade", "POST /signup"]);

const writeRoutes = API_ROUTES.filter((r) => r.method !== "GET")
  .map(routeKey)
  .filter((r) => !SAAS_ONLY_UNCALLED.has(r));

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv, {
    transports: { baileys: { makeSocket: whatsapp.makeSocket, downloadMedia: whatsapp.downloadMedia } },
  });
  owner = apiClient(k.http!, { cookie: k.cookie });
  s.channel1 = (await firstChannel(owner)).id;
  await untilConnected(owner, s.channel1);
  const phones = await ok(owner<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones"));
  s.phone = phones.find((p) => p.onWhatsApp)!.phone;
});
afterAll(async () => {
  await k?.close();
  await graph?.close();
});

/** The id of the newest audit entry of the shop (0 when none). */
async function newestEntry(): Promise<string> {
  const { rows } = await k.database.pool.query<{ id: string }>(
    "SELECT coalesce(max(id), 0)::text AS id FROM audit_log WHERE tenant_id = $1",
    [k.owner.tenantId],
  );
  return rows[0]!.id;
}

/** How many entries after `before` the owner made over HTTP (read from the table: sign-out-everywhere ends the suite's session). */
async function ownerEntriesAfter(before: string): Promise<number> {
  const { rows } = await k.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log
     WHERE tenant_id = $1 AND id > $2 AND actor_user_id = $3 AND source = 'http'`,
    [k.owner.tenantId, before, k.owner.userId],
  );
  return rows[0]!.n;
}

/** Makes `key`'s call as the owner (a fresh session for the routes that end theirs). */
async function make(key: string): Promise<{ status: number; text: string }> {
  const method = key.split(" ")[0] as Method;
  const call = await CALLS[key]!();
  if (call.send) return call.send();
  const api = ENDS_SESSION.has(key)
    ? apiClient(k.http!, { cookie: (await signIn(k.http!, OWNER_EMAIL, OWNER_PASSWORD)).cookie })
    : owner;
  if (call.upload) {
    const { payload, headers } = multipartBody([{ name: "file", ...call.upload }]);
    return api(method, call.path, payload, { headers });
  }
  return api(method, call.path, call.body);
}

describe("every write leaves an audit entry", () => {
  it("the calls below name every write route of the route list, and only those", () => {
    expect(Object.keys(CALLS).sort()).toEqual([...writeRoutes].sort());
    // Declaring a route a dry run takes it out of the log: the list is pinned here, so it
    // changes only on purpose (previews, estimates and tests of a rule change nothing).
    expect([...DRY_RUN_ROUTES].sort()).toEqual(
      [
        "POST /automation/test",
        "POST /campaigns/estimate",
        "POST /contacts/imports/preview",
        "POST /contacts/imports/preview/rows",
        "POST /order-messages/preview",
        "POST /quick-replies/:id/render",
        "POST /templates/preview",
      ].filter((r) => writeRoutes.includes(r)),
    );
  });

  it("each write route, called as the owner, succeeds and leaves an entry of the owner from HTTP; dry runs leave none", async () => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const key of Object.keys(CALLS)) {
      const before = await newestEntry();
      const r = await make(key);
      if (SAAS_ONLY.has(key)) {
        expect([r.status, JSON.parse(r.text).error.code], key).toEqual([404, "billing_off"]);
      } else {
        expect(r.status, `${key}: ${r.text}`).toBeGreaterThanOrEqual(200);
        expect(r.status, `${key}: ${r.text}`).toBeLessThan(300);
      }
      const recorded = (await ownerEntriesAfter(before)) > 0;
      seen.push(`${key} ${recorded ? "recorded" : "none"}`);
      wanted.push(`${key} ${DRY_RUN_ROUTES.has(key) || SAAS_ONLY.has(key) ? "none" : "recorded"}`);
    }
    expect(seen).toEqual(wanted);
  });
});
