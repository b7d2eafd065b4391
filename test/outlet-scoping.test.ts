/**
 * Outlet scoping (issue 13, "Outlets"): a shop with outlets A and B, a number, contacts,
 * conversations and campaigns on each, and staff limited to A (made through the API). The
 * table below is checked against the route list (test/support/api.ts API_ROUTES): every GET
 * route is `scoped` (A's staff see A's items and none of B's, in lists, counts and exports,
 * and B's ids answer 404 like another shop's), `shop-wide` (with the reason) or `next-slice`
 * (not scoped yet: docs/ARCHITECTURE.md, "Outlets"). A GET route missing from it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import {
  API_ROUTES,
  type Api,
  apiClient,
  errorOf,
  type Reply,
  routeKey,
  signIn,
  uploadContacts,
} from "./support/api.js";
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

/** One outlet with a number, a contact homed there, a conversation and a campaign draft on that number. */
async function side(s: Side, name: string): Promise<void> {
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
}

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

type Scope =
  | { kind: "scoped"; check: () => Promise<void> }
  | { kind: "shop-wide"; why: string }
  | { kind: "next-slice"; why: string };

const shopWide = (why: string): Scope => ({ kind: "shop-wide", why });
const nextSlice = (why: string): Scope => ({ kind: "next-slice", why });
const scoped = (check: () => Promise<void>): Scope => ({ kind: "scoped", check });

/** Every GET route of the API and its outlet scope. */
const GET_ROUTES: Record<string, Scope> = {
  "GET /auth/me": shopWide("the caller themself"),
  "GET /auth/session": shopWide("the caller's own session"),
  "GET /tenant": shopWide("the shop's settings"),
  "GET /users": shopWide("staff are the shop's; who works where is each user's outletIds"),
  "GET /roles": shopWide("roles are the shop's"),
  "GET /audit": nextSlice(
    "entries name the actor's outlets, not yet the target's: an outlet filter needs the target's outlet",
  ),
  "GET /audit/export": nextSlice("as GET /audit"),
  "GET /roles/:id": shopWide("roles are the shop's"),
  "GET /api-keys": shopWide("API keys act for every outlet"),
  "GET /webhook-endpoints": shopWide("webhook endpoints are the shop's"),
  "GET /webhook-endpoints/:id/deliveries": nextSlice("deliveries carry events of every outlet"),
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
  "GET /contacts/:id/rfm": nextSlice("the segments module reads any contact of the shop"),
  "GET /contacts/imports": nextSlice("imports are not tied to an outlet yet"),
  "GET /contacts/imports/:id": nextSlice("imports are not tied to an outlet yet"),
  "GET /contacts/imports/:id/errors": nextSlice("imports are not tied to an outlet yet"),
  "GET /products": shopWide("the catalogue is the shop's"),
  "GET /products/categories": shopWide("the catalogue is the shop's"),
  "GET /products/export": shopWide("the catalogue is the shop's"),
  "GET /products/:id": shopWide("the catalogue is the shop's"),
  "GET /templates": shopWide("message templates are the shop's"),
  "GET /templates/:id": shopWide("message templates are the shop's"),
  "GET /media/:id": nextSlice("a file is read by id whichever conversation holds it"),
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
  "GET /stats/overview": nextSlice("the dashboard counts every outlet"),
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
  "GET /sandbox/phones/:phone/messages": nextSlice("a virtual phone's messages with every number"),
  "GET /automation/rules": nextSlice("rules are not scoped by their number yet"),
  "GET /automation/rules/:id": nextSlice("rules are not scoped by their number yet"),
  "GET /automation/rules/:id/log": nextSlice("rules are not scoped by their number yet"),
  "GET /provinces": shopWide("the list of Indonesia's provinces"),
  "GET /orders": nextSlice("orders are not tied to an outlet yet"),
  "GET /orders/export": nextSlice("orders are not tied to an outlet yet"),
  "GET /orders/:id": nextSlice("orders are not tied to an outlet yet"),
  "GET /orders/:id/messages": nextSlice("orders are not tied to an outlet yet"),
  "GET /orders/:id/cod": nextSlice("orders are not tied to an outlet yet"),
  "GET /order-messages/settings": shopWide("the shop's order message settings"),
  "GET /reports/sales": nextSlice("reports per outlet come with orders"),
  "GET /reports/summary": nextSlice("reports per outlet come with orders"),
  "GET /reports/today": nextSlice("reports per outlet come with orders"),
  "GET /reports/export": nextSlice("reports per outlet come with orders"),
  "GET /segments": nextSlice("RFM segments count every outlet's customers"),
  "GET /reminders/preview": nextSlice("reminders are not scoped by outlet yet"),
  "GET /reminders/settings": shopWide("the shop's reminder settings"),
};

beforeAll(async () => {
  k = await startTestKabar();
  owner = apiClient(k.http!, { cookie: k.cookie });
  await side(A, "Cabang A");
  await side(B, "Cabang B");
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
    name: "CS Cabang B",
    role: "agent",
    outletIds: [B.outletId],
  });
  agentBId = staffIds.get("cs-cabang-b@toko.test")!;
  // The owner handles one conversation on each side: A's staff see a load of one.
  for (const id of [A.conversationId, B.conversationId])
    await ok(owner("POST", `/conversations/${id}/assign`, { userId: k.owner.userId! }));
});
afterAll(async () => k?.close());

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

  it("an import by A's staff homes its new contacts in A; one naming B's outlet is refused", async () => {
    const phone = factory(k).phone();
    const summary = await ok(uploadContacts(staffA, "cabang.csv", `nama,telepon\nSari,${phone}\n`), 201);
    expect(summary.created).toBe(1);
    const found = await ok(
      staffA<{ items: ContactDto[] }>("GET", `/contacts?search=${encodeURIComponent(phone)}`),
    );
    expect(found.items.map((c) => c.homeOutletId)).toEqual([A.outletId]);
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
