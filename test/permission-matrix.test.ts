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
import { BUILT_IN_ROLES, type BuiltInRole } from "../src/lib/permissions.js";
import { type Api, apiClient, errorOf, ok, signIn } from "./support/api.js";
import { API_ROUTES, fillPath, PUBLIC_ROUTES, routeKey } from "./support/routes.js";
import { listOrdersQuery } from "../src/modules/orders/schemas.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

/**
 * The declared matrix: for each signed-in route, the built-in roles allowed through, one
 * column per role in the order owner (O), admin (A), manager (M), supervisor (S), agent (G),
 * viewer (V); "." denies. Changing a role's permissions or a route's permission changes
 * what a role may do, so it must change this table too.
 */
const MATRIX: Record<string, string> = {
  "GET /auth/me": "O A M S G V",
  "POST /auth/password": "O A M S G V",
  "POST /auth/sign-out-everywhere": "O A M S G V",
  "GET /tenant": "O A M S G V",
  "PATCH /tenant": "O A . . . .",
  "POST /billing/downgrade": "O . . . . .",
  "DELETE /billing/downgrade": "O . . . . .",
  "GET /users": "O A M S . V",
  "POST /users": "O A . . . .",
  "PATCH /users/:id": "O A . . . .",
  "GET /roles": "O A M . . V",
  "POST /roles": "O A . . . .",
  "GET /roles/:id": "O A M . . V",
  "PATCH /roles/:id": "O A . . . .",
  "DELETE /roles/:id": "O A . . . .",
  "GET /outlets": "O A M . . V",
  "POST /outlets": "O A . . . .",
  "GET /outlets/:id": "O A M . . V",
  "PATCH /outlets/:id": "O A . . . .",
  "DELETE /outlets/:id": "O A . . . .",
  "POST /api-keys": "O A . . . .",
  "GET /api-keys": "O A . . . V",
  "DELETE /api-keys/:id": "O A . . . .",
  "POST /webhook-endpoints": "O A . . . .",
  "GET /webhook-endpoints": "O A . . . V",
  "PATCH /webhook-endpoints/:id": "O A . . . .",
  "DELETE /webhook-endpoints/:id": "O A . . . .",
  "POST /webhook-endpoints/:id/rotate-secret": "O A . . . .",
  "POST /webhook-endpoints/:id/test": "O A . . . .",
  "GET /webhook-endpoints/:id/deliveries": "O A . . . V",
  "POST /webhook-endpoints/:id/deliveries/:deliveryId/redeliver": "O A . . . .",
  "GET /channels": "O A M S G V",
  "GET /channels/pacing-presets": "O A M S G V",
  "GET /channels/health": "O A M S G V",
  "POST /channels": "O A . . . .",
  "GET /channels/:id": "O A M S G V",
  "PATCH /channels/:id": "O A . . . .",
  "POST /channels/:id/connect": "O A . . . .",
  "POST /channels/:id/disconnect": "O A . . . .",
  "POST /channels/:id/logout": "O A . . . .",
  "POST /channels/:id/pairing-code": "O A . . . .",
  "POST /channels/:id/wa-templates/sync": "O A . . . .",
  "GET /channels/:id/wa-templates": "O A M S G V",
  "POST /channels/:id/wa-templates": "O A . . . .",
  "DELETE /channels/:id/wa-templates/:name": "O A . . . .",
  "GET /channels/:id/health": "O A M S G V",
  "GET /channels/:id/link": "O A . . . .",
  "GET /channels/:id/agents": "O A M S G V",
  "PUT /channels/:id/agents": "O A . . . .",
  "GET /contacts": "O A M S G V",
  "POST /contacts": "O A M S G .",
  "GET /contacts/labels": "O A M S G V",
  "GET /contacts/attributes": "O A M S G V",
  "GET /contacts/export": "O A M S . .",
  "GET /contacts/:id": "O A M S G V",
  "GET /contacts/:id/history": "O A M S G V",
  "GET /contacts/:id/rfm": "O A M S G V",
  "PATCH /contacts/:id": "O A M S G .",
  "DELETE /contacts/:id": "O A M . . .",
  "POST /contacts/bulk-delete": "O A M . . .",
  "POST /contacts/bulk-label": "O A M S G .",
  "POST /contacts/imports": "O A M . . .",
  "POST /contacts/imports/preview": "O A M . . .",
  "POST /contacts/imports/preview/rows": "O A M . . .",
  "GET /contacts/imports": "O A M S G V",
  "GET /contacts/imports/:id": "O A M S G V",
  "GET /contacts/imports/:id/errors": "O A M S G V",
  "GET /products": "O A M S G V",
  "POST /products": "O A M . . .",
  "GET /products/categories": "O A M S G V",
  "GET /products/export": "O A M . . .",
  "POST /products/imports": "O A M . . .",
  "POST /products/images": "O A M . . .",
  "GET /products/:id": "O A M S G V",
  "PATCH /products/:id": "O A M . . .",
  "DELETE /products/:id": "O A M . . .",
  "GET /templates": "O A M S G V",
  "POST /templates": "O A M . . .",
  "POST /templates/preview": "O A M S G V",
  "POST /templates/media": "O A M . . .",
  "GET /media/:id": "O A M S G V",
  "GET /templates/:id": "O A M S G V",
  "PUT /templates/:id": "O A M . . .",
  "DELETE /templates/:id": "O A M . . .",
  "GET /campaigns": "O A M S . V",
  "POST /campaigns": "O A M . . .",
  "GET /campaigns/:id": "O A M S . V",
  "PATCH /campaigns/:id": "O A M . . .",
  "POST /campaigns/:id/start": "O A M . . .",
  "POST /campaigns/:id/schedule": "O A M . . .",
  "POST /campaigns/:id/pause": "O A M . . .",
  "POST /campaigns/:id/resume": "O A M . . .",
  "POST /campaigns/:id/cancel": "O A M . . .",
  "POST /campaigns/:id/retry-failed": "O A M . . .",
  "POST /campaigns/:id/resend-drops": "O A M . . .",
  "GET /campaigns/:id/recipients": "O A M S . V",
  "POST /campaigns/estimate": "O A M S . V",
  "GET /campaigns/:id/report": "O A M S . V",
  "GET /stats/overview": "O A M S . V",
  "GET /conversations": "O A M S G V",
  "GET /conversations/:id": "O A M S G V",
  "GET /conversations/:id/messages": "O A M S G V",
  "GET /conversations/:id/messages/:messageId/media": "O A M S G V",
  "POST /conversations/:id/messages": "O A M S G .",
  "POST /conversations/:id/media": "O A M S G .",
  "POST /conversations/:id/read": "O A M S G .",
  "POST /conversations/:id/resolve": "O A M S G .",
  "POST /conversations/:id/reopen": "O A M S G .",
  "POST /conversations/:id/snooze": "O A M S G .",
  "PUT /conversations/:id/labels": "O A M S G .",
  "GET /conversations/:id/notes": "O A M S G .",
  "POST /conversations/:id/notes": "O A M S G .",
  "POST /conversations/:id/assign": "O A M S G .",
  "GET /quick-replies": "O A M S G .",
  "POST /quick-replies": "O A M S G .",
  "PUT /quick-replies/:id": "O A M S G .",
  "DELETE /quick-replies/:id": "O A M S G .",
  "POST /quick-replies/:id/render": "O A M S G .",
  "GET /agents": "O A M S G V",
  "PUT /agents/me/presence": "O A M S G V",
  "PATCH /agents/:id": "O A . . . .",
  "GET /notifications": "O A M S G V",
  "POST /notifications/read-all": "O A M S G V",
  "POST /notifications/:id/read": "O A M S G V",
  "GET /sandbox/phones": "O A M S G V",
  "GET /sandbox/phones/:phone/messages": "O A M S G V",
  "POST /sandbox/phones/:phone/messages": "O A M S G .",
  "POST /sandbox/channels/:id/scan": "O A . . . .",
  "POST /sandbox/channels/:id/faults": "O A . . . .",
  "GET /automation/rules": "O A M S G V",
  "POST /automation/rules": "O A M . . .",
  "GET /automation/rules/:id": "O A M S G V",
  "PATCH /automation/rules/:id": "O A M . . .",
  "DELETE /automation/rules/:id": "O A M . . .",
  "GET /automation/rules/:id/log": "O A M S G V",
  "POST /automation/test": "O A M S G V",
  "GET /provinces": "O A M S G V",
  "GET /orders": "O A M S G V",
  "GET /orders/export": "O A M . . .",
  "POST /orders": "O A M S G .",
  "GET /orders/:id": "O A M S G V",
  "PATCH /orders/:id": "O A M S G .",
  "POST /orders/:id/status": "O A M S G .",
  "GET /orders/:id/messages": "O A M S G V",
  "GET /orders/:id/cod": "O A M S G V",
  "GET /order-messages/settings": "O A M . . V",
  "PUT /order-messages/settings": "O A . . . .",
  "POST /order-messages/preview": "O A M . . V",
  "GET /reports/sales": "O A M S . V",
  "GET /reports/summary": "O A M S . V",
  "GET /reports/today": "O A M S . V",
  "GET /reports/export": "O A M . . .",
  "GET /segments": "O A M S G V",
  "POST /segments/refresh": "O A M S G .",
  "PUT /segments/settings": "O A . . . .",
  "GET /reminders/preview": "O A M S . V",
  "GET /reminders/settings": "O A M S . V",
  "PUT /reminders/settings": "O A M . . .",
  "GET /audit": "O A M . . V",
  "GET /audit/export": "O A M . . V",
  "GET /audit/people": "O A M . . V",
  "GET /billing": "O A . . . .",
  "GET /billing/packages": "O A . . . .",
  "POST /billing/checkout": "O . . . . .",
  "GET /billing/payments": "O A . . . .",
  "GET /billing/invoices/:id": "O A . . . .",
  "GET /billing/invoices/:id/pdf": "O A . . . .",
};
/** The routes any signed-in person may use, whatever their role. */
const SESSION_ROUTES = [
  "GET /auth/me",
  "POST /auth/password",
  "POST /auth/sign-out-everywhere",
  "GET /tenant",
  "GET /media/:id",
  "GET /agents",
  "PUT /agents/me/presence",
  "GET /notifications",
  "POST /notifications/read-all",
  "POST /notifications/:id/read",
  "GET /provinces",
];
const COLUMN: Record<BuiltInRole, number> = {
  owner: 0,
  admin: 1,
  manager: 2,
  supervisor: 3,
  agent: 4,
  viewer: 5,
};

/** Ends the caller's session: tried last, so the other routes still see a signed-in caller. */
const SIGN_OUT_EVERYWHERE = "POST /auth/sign-out-everywhere";
const protectedRoutes = API_ROUTES.filter((r) => !PUBLIC_ROUTES.includes(routeKey(r))).sort(
  (a, b) => Number(routeKey(a) === SIGN_OUT_EVERYWHERE) - Number(routeKey(b) === SIGN_OUT_EVERYWHERE),
);

/** Whether the matrix lets `role` through `key`. */
const allows = (key: string, role: BuiltInRole): boolean => MATRIX[key]!.split(" ")[COLUMN[role]] !== ".";

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
    expect(Object.keys(MATRIX).sort()).toEqual(protectedRoutes.map(routeKey).sort());
    expect(Object.values(MATRIX).filter((row) => !/^[O.] [A.] [M.] [S.] [G.] [V.]$/.test(row))).toEqual([]);
  });

  it.each(BUILT_IN_ROLES)("%s: every route is allowed or 403 forbidden as the table says", async (role) => {
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const r of protectedRoutes) {
      const key = routeKey(r);
      const { status, code } = await attempt(clients[role], r.method, r.path);
      const forbidden = status === 403 && code === "forbidden";
      seen.push(`${key} ${forbidden ? "denied" : "allowed"}`);
      wanted.push(`${key} ${allows(key, role) ? "allowed" : "denied"}`);
    }
    expect(seen).toEqual(wanted);
  });

  it("the owner may use every route; a viewer changes nothing (dry runs and its own session aside)", () => {
    const writes = protectedRoutes.filter((r) => r.method !== "GET" && allows(routeKey(r), "viewer"));
    expect(
      writes
        .map(routeKey)
        .filter(
          (key) => !/estimate|preview|render|automation\/test|\/auth\/|\/agents\/me|notifications/.test(key),
        ),
    ).toEqual([]);
    expect(protectedRoutes.map(routeKey).filter((key) => !allows(key, "owner"))).toEqual([]);
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
    const allowed: string[] = [];
    for (const r of protectedRoutes) {
      const { status, code } = await attempt(api, r.method, r.path);
      if (!(status === 403 && code === "forbidden")) allowed.push(routeKey(r));
    }
    // What any session may use, and beyond it exactly the orders' reads.
    expect(allowed.sort()).toEqual(
      [
        ...SESSION_ROUTES,
        "GET /orders",
        "GET /orders/:id",
        "GET /orders/:id/cod",
        "GET /orders/:id/messages",
      ].sort(),
    );
  });
});
