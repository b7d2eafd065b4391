/**
 * The permission matrix (issue 13): every /api/v1 route × every built-in role answers
 * allowed or 403 `forbidden` exactly as the table below declares. The table is keyed by
 * route and must name every route of API_ROUTES (itself checked against the OpenAPI
 * document in api-auth.test.ts), so a new route cannot skip it. "Allowed" means the
 * permission check let the request through: the answer is whatever the route gives a
 * bodiless request for an unknown id (200, 400, 404…), never 403 `forbidden`.
 * A custom role is checked the same way: one with exactly `orders.read` lists orders and
 * nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUILT_IN_ROLE_SPECS,
  BUILT_IN_ROLES,
  type BuiltInRole,
  type Permission,
} from "../src/lib/permissions.js";
import {
  API_ROUTES,
  type Api,
  apiClient,
  errorOf,
  fillPath,
  ok,
  PUBLIC_ROUTES,
  routeKey,
  signIn,
} from "./support/api.js";
import { listOrdersQuery } from "../src/modules/orders/schemas.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

/** Any signed-in person. */
const ANY = "any";
/** What a route needs: a permission, any one of several, or just a session. */
type Need = Permission | readonly Permission[] | typeof ANY;

/** The declared table: what each signed-in route needs. */
const NEEDS: Record<string, Need> = {
  "GET /auth/me": ANY,
  "POST /auth/password": ANY,
  "POST /auth/sign-out-everywhere": ANY,
  "GET /tenant": ANY,
  "PATCH /tenant": "settings.update",
  "GET /users": "users.read",
  "POST /users": "users.create",
  "PATCH /users/:id": "users.update",
  "GET /roles": "roles.read",
  "POST /roles": "roles.create",
  "GET /roles/:id": "roles.read",
  "PATCH /roles/:id": "roles.update",
  "DELETE /roles/:id": "roles.delete",
  "POST /api-keys": "api_keys.create",
  "GET /api-keys": "api_keys.read",
  "DELETE /api-keys/:id": "api_keys.revoke",
  "POST /webhook-endpoints": "webhooks.create",
  "GET /webhook-endpoints": "webhooks.read",
  "PATCH /webhook-endpoints/:id": "webhooks.update",
  "DELETE /webhook-endpoints/:id": "webhooks.delete",
  "POST /webhook-endpoints/:id/rotate-secret": "webhooks.update",
  "POST /webhook-endpoints/:id/test": "webhooks.update",
  "GET /webhook-endpoints/:id/deliveries": "webhooks.read",
  "POST /webhook-endpoints/:id/deliveries/:deliveryId/redeliver": "webhooks.update",
  "GET /channels": "channels.read",
  "GET /channels/pacing-presets": "channels.read",
  "GET /channels/health": "channels.read",
  "POST /channels": "channels.manage",
  "GET /channels/:id": "channels.read",
  "PATCH /channels/:id": "channels.manage",
  "POST /channels/:id/connect": "channels.connect",
  "POST /channels/:id/disconnect": "channels.connect",
  "POST /channels/:id/logout": "channels.connect",
  "POST /channels/:id/pairing-code": "channels.connect",
  "POST /channels/:id/wa-templates/sync": "channels.manage",
  "GET /channels/:id/wa-templates": "channels.read",
  "POST /channels/:id/wa-templates": "channels.manage",
  "DELETE /channels/:id/wa-templates/:name": "channels.manage",
  "GET /channels/:id/health": "channels.read",
  "GET /channels/:id/link": "channels.connect",
  "GET /channels/:id/agents": "channels.read",
  "PUT /channels/:id/agents": "channels.manage",
  "GET /contacts": "contacts.read",
  "POST /contacts": "contacts.create",
  "GET /contacts/labels": "contacts.read",
  "GET /contacts/attributes": "contacts.read",
  "GET /contacts/export": "contacts.export",
  "GET /contacts/:id": "contacts.read",
  "GET /contacts/:id/history": "contacts.read",
  "GET /contacts/:id/rfm": "contacts.read",
  "PATCH /contacts/:id": "contacts.update",
  "DELETE /contacts/:id": "contacts.delete",
  "POST /contacts/bulk-delete": "contacts.delete",
  "POST /contacts/bulk-label": "contacts.update",
  "POST /contacts/imports": "contacts.import",
  "POST /contacts/imports/preview": "contacts.import",
  "POST /contacts/imports/preview/rows": "contacts.import",
  "GET /contacts/imports": "contacts.read",
  "GET /contacts/imports/:id": "contacts.read",
  "GET /contacts/imports/:id/errors": "contacts.read",
  "GET /products": "products.read",
  "POST /products": "products.create",
  "GET /products/categories": "products.read",
  "GET /products/export": "products.export",
  "POST /products/imports": "products.import",
  "POST /products/images": "products.create",
  "GET /products/:id": "products.read",
  "PATCH /products/:id": "products.update",
  "DELETE /products/:id": "products.delete",
  "GET /templates": "templates.read",
  "POST /templates": "templates.create",
  "POST /templates/preview": "templates.read",
  "POST /templates/media": "templates.create",
  "GET /media/:id": ANY,
  "GET /templates/:id": "templates.read",
  "PUT /templates/:id": "templates.update",
  "DELETE /templates/:id": "templates.delete",
  "GET /campaigns": "campaigns.read",
  "POST /campaigns": "campaigns.create",
  "GET /campaigns/:id": "campaigns.read",
  "PATCH /campaigns/:id": "campaigns.create",
  "POST /campaigns/:id/start": "campaigns.start",
  "POST /campaigns/:id/schedule": "campaigns.start",
  "POST /campaigns/:id/pause": "campaigns.start",
  "POST /campaigns/:id/resume": "campaigns.start",
  "POST /campaigns/:id/cancel": "campaigns.cancel",
  "POST /campaigns/:id/retry-failed": "campaigns.start",
  "POST /campaigns/:id/resend-drops": "campaigns.start",
  "GET /campaigns/:id/recipients": "campaigns.read",
  "POST /campaigns/estimate": "campaigns.read",
  "GET /campaigns/:id/report": "campaigns.read",
  "GET /stats/overview": "reports.read",
  "GET /conversations": "inbox.view_all",
  "GET /conversations/:id": "inbox.view_all",
  "GET /conversations/:id/messages": "inbox.view_all",
  "GET /conversations/:id/messages/:messageId/media": "inbox.view_all",
  "POST /conversations/:id/messages": "inbox.reply",
  "POST /conversations/:id/media": "inbox.reply",
  "POST /conversations/:id/read": "inbox.reply",
  "POST /conversations/:id/resolve": "inbox.reply",
  "POST /conversations/:id/reopen": "inbox.reply",
  "POST /conversations/:id/snooze": "inbox.reply",
  "PUT /conversations/:id/labels": "inbox.reply",
  "GET /conversations/:id/notes": "inbox.notes",
  "POST /conversations/:id/notes": "inbox.notes",
  "POST /conversations/:id/assign": "inbox.reply",
  "GET /quick-replies": "inbox.reply",
  "POST /quick-replies": "inbox.reply",
  "PUT /quick-replies/:id": "inbox.reply",
  "DELETE /quick-replies/:id": "inbox.reply",
  "POST /quick-replies/:id/render": "inbox.reply",
  "GET /agents": ANY,
  "PUT /agents/me/presence": ANY,
  "PATCH /agents/:id": "users.update",
  "GET /notifications": ANY,
  "POST /notifications/read-all": ANY,
  "POST /notifications/:id/read": ANY,
  "GET /sandbox/phones": "channels.read",
  "GET /sandbox/phones/:phone/messages": "channels.read",
  "POST /sandbox/phones/:phone/messages": "inbox.reply",
  "POST /sandbox/channels/:id/scan": "channels.connect",
  "POST /sandbox/channels/:id/faults": "channels.manage",
  "GET /automation/rules": "automation.read",
  "POST /automation/rules": "automation.create",
  "GET /automation/rules/:id": "automation.read",
  "PATCH /automation/rules/:id": "automation.update",
  "DELETE /automation/rules/:id": "automation.delete",
  "GET /automation/rules/:id/log": "automation.read",
  "POST /automation/test": "automation.read",
  "GET /provinces": ANY,
  "GET /orders": "orders.read",
  "GET /orders/export": "orders.export",
  "POST /orders": "orders.create",
  "GET /orders/:id": "orders.read",
  "PATCH /orders/:id": "orders.update",
  "POST /orders/:id/status": "orders.status",
  "GET /orders/:id/messages": "orders.read",
  "GET /orders/:id/cod": "orders.read",
  "GET /order-messages/settings": "settings.read",
  "PUT /order-messages/settings": "settings.update",
  "POST /order-messages/preview": "settings.read",
  "GET /reports/sales": "reports.read",
  "GET /reports/summary": "reports.read",
  "GET /reports/today": "reports.read",
  "GET /reports/export": "reports.export",
  "GET /segments": "contacts.read",
  "POST /segments/refresh": "contacts.update",
  "PUT /segments/settings": "settings.update",
  "GET /reminders/preview": "campaigns.read",
  "GET /reminders/settings": "campaigns.read",
  "PUT /reminders/settings": "campaigns.create",
};

/** Ends the caller's session: tried last, so the other routes still see a signed-in caller. */
const SIGN_OUT_EVERYWHERE = "POST /auth/sign-out-everywhere";
const protectedRoutes = API_ROUTES.filter((r) => !PUBLIC_ROUTES.includes(routeKey(r))).sort(
  (a, b) => Number(routeKey(a) === SIGN_OUT_EVERYWHERE) - Number(routeKey(b) === SIGN_OUT_EVERYWHERE),
);

/** Whether a holder of `held` passes `need`. */
function allows(need: Need, held: ReadonlySet<string>): boolean {
  if (need === ANY) return true;
  return (typeof need === "string" ? [need] : need).some((p) => held.has(p));
}

/** The request of a route: an unknown id in the path, no body. */
async function attempt(api: Api, method: string, path: string): Promise<{ status: number; code?: string }> {
  const r = await api(method as "GET", fillPath(path, {}));
  return { status: r.status, code: errorOf(r)?.code };
}

let k: TestKabar;
const clients = {} as Record<BuiltInRole, Api>;

beforeAll(async () => {
  k = await startTestKabar();
  const f = factory(k, k.owner.tenantId);
  for (const role of BUILT_IN_ROLES) {
    const u = await f.user(role);
    const { cookie } = await signIn(k.http!, u.email, u.password);
    clients[role] = apiClient(k.http!, { cookie });
  }
});
afterAll(async () => k?.close());

describe("permission matrix", () => {
  it("the table names every signed-in route, and only those", () => {
    expect(Object.keys(NEEDS).sort()).toEqual(protectedRoutes.map(routeKey).sort());
  });

  it.each(BUILT_IN_ROLES)("%s: every route is allowed or 403 forbidden as the table says", async (role) => {
    const held = new Set<string>(BUILT_IN_ROLE_SPECS[role].permissions);
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const r of protectedRoutes) {
      const key = routeKey(r);
      const { status, code } = await attempt(clients[role], r.method, r.path);
      const forbidden = status === 403 && code === "forbidden";
      seen.push(`${key} ${forbidden ? "denied" : "allowed"}`);
      wanted.push(`${key} ${allows(NEEDS[key]!, held) ? "allowed" : "denied"}`);
    }
    expect(seen).toEqual(wanted);
  });

  it("the owner may use every route; a viewer changes nothing (dry runs aside)", () => {
    const viewer = new Set<string>(BUILT_IN_ROLE_SPECS.viewer.permissions);
    const owner = new Set<string>(BUILT_IN_ROLE_SPECS.owner.permissions);
    const writes = protectedRoutes.filter(
      (r) => r.method !== "GET" && NEEDS[routeKey(r)] !== ANY && allows(NEEDS[routeKey(r)]!, viewer),
    );
    expect(
      writes.map(routeKey).filter((key) => !/estimate|preview|render|automation\/test/.test(key)),
    ).toEqual([]);
    expect(protectedRoutes.filter((r) => !allows(NEEDS[routeKey(r)]!, owner))).toEqual([]);
  });
});

describe("service verbs, without HTTP (the CLI, jobs and sockets call the same services)", () => {
  it("check the actor's permission first: a viewer reads orders and contacts but cannot delete a contact or take an order", async () => {
    const viewer = { tenantId: k.owner.tenantId, userId: null, role: "viewer" as const };
    const agent = { ...viewer, role: "agent" as const };
    expect(await k.services.orders.list(viewer, listOrdersQuery.parse({ pageSize: 5 }))).toMatchObject({
      items: expect.any(Array),
    });
    const contact = await factory(k, k.owner.tenantId).contact();
    expect((await k.services.contacts.get(viewer, contact.id)).id).toBe(contact.id);
    const denied = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => null,
        (e: unknown) => e as { code?: string },
      );
      return err?.code;
    };
    expect(await denied(k.services.contacts.remove(agent, [contact.id]))).toBe("forbidden");
    expect(await denied(k.services.orders.create(viewer, {} as never))).toBe("forbidden");
    expect(await denied(k.services.campaigns.list(agent))).toBe("forbidden");
    expect(await denied(k.services.contacts.remove(viewer, [contact.id]))).toBe("forbidden");
    expect((await k.services.contacts.get(viewer, contact.id)).id).toBe(contact.id);
  });
});

describe("a custom role", () => {
  it("with exactly orders.read lists orders and nothing else", async () => {
    const owner = apiClient(k.http!, { cookie: k.cookie });
    const role = await ok(
      owner<{ id: string; permissions: string[] }>("POST", "/roles", {
        name: "Hanya lihat pesanan",
        permissions: ["orders.read"],
      }),
      201,
    );
    expect(role.permissions).toEqual(["orders.read"]);
    await ok(
      owner("POST", "/users", {
        email: "pesanan@toko-contoh.test",
        name: "Lihat Pesanan",
        password: "rahasia-pesanan-1",
        roleId: role.id,
      }),
      201,
    );
    const { cookie, body } = await signIn(k.http!, "pesanan@toko-contoh.test", "rahasia-pesanan-1");
    expect((body as { user: { role: string; permissions: string[] } }).user).toMatchObject({
      role: "custom",
      permissions: ["orders.read"],
    });
    const api = apiClient(k.http!, { cookie });
    expect(await ok(api("GET", "/orders"))).toMatchObject({ items: expect.any(Array) });
    const held = new Set(["orders.read"]);
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const r of protectedRoutes) {
      const key = routeKey(r);
      const { status, code } = await attempt(api, r.method, r.path);
      seen.push(`${key} ${status === 403 && code === "forbidden" ? "denied" : "allowed"}`);
      wanted.push(`${key} ${allows(NEEDS[key]!, held) ? "allowed" : "denied"}`);
    }
    expect(seen).toEqual(wanted);
    // Beyond its session, the routes it may use are exactly the orders' reads.
    expect(
      protectedRoutes
        .filter((r) => NEEDS[routeKey(r)] !== ANY && allows(NEEDS[routeKey(r)]!, held))
        .map(routeKey)
        .sort(),
    ).toEqual(["GET /orders", "GET /orders/:id", "GET /orders/:id/cod", "GET /orders/:id/messages"]);
  });
});
