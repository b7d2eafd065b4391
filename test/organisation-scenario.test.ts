/**
 * Issue 13's "Done when", as one shop would live it: a chain of three outlets on one Kabar,
 * with an owner, a manager per outlet, CS agents per outlet and a custom role, each made and
 * working through the API. Every person sees only their outlet; the owner sees them all;
 * every write lands in the audit log, and each manager reads their outlet's part of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiClient, errorOf, type Method, type Reply, signIn } from "./support/api.js";
import { connectedSandboxChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

/** One outlet of the chain: its number, its people and the customers who wrote to it. */
interface Outlet {
  name: string;
  id: string;
  channelId: string;
  manager: Person;
  agents: Person[];
  conversationIds: string[];
  contactIds: string[];
}

/** Someone signed in, and every write they made (to find each in the audit log). */
interface Person {
  userId: string;
  api: Api;
  writes: Array<{ method: Method; path: string; status: number }>;
}

let k: TestKabar;
let owner: Person;
let cashier: Person;
const chain: Outlet[] = [];
const PASSWORD = "rahasia-cabang-123";

async function ok<T>(p: Promise<Reply<T>>, status = 200): Promise<T> {
  const r = await p;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

/** A client that keeps the person's successful writes. */
function person(userId: string, api: Api): Person {
  const writes: Person["writes"] = [];
  const tracked: Api = async (method, path, ...rest) => {
    const r = await api(method, path, ...rest);
    if (method !== "GET" && r.status >= 200 && r.status < 300)
      writes.push({ method, path, status: r.status });
    return r as never;
  };
  return { userId, api: tracked, writes };
}

/** Adds a user through the owner and signs them in (their temporary password changed). */
async function hire(body: Record<string, unknown>): Promise<Person> {
  const made = await ok(owner.api<{ id: string }>("POST", "/users", { ...body, password: PASSWORD }), 201);
  const { cookie } = await signIn(k.http!, body.email as string, PASSWORD);
  return person(made.id, apiClient(k.http!, { cookie }));
}

/** A customer writes to the outlet's number: a conversation there, the contact homed there. */
async function customerWrites(o: Outlet, text: string): Promise<void> {
  const phone = factory(k).phone();
  await k.services.inbox.receive(
    { id: o.channelId, tenantId: k.owner.tenantId },
    { messageId: `chain-${phone}`, from: phone, text, at: Date.now() },
  );
  const list = await ok(
    o.manager.api<Array<{ id: string; contactId: string; phone: string }>>("GET", "/conversations"),
  );
  const mine = list.find((c) => c.phone === phone)!;
  o.conversationIds.push(mine.id);
  o.contactIds.push(mine.contactId);
}

const ids = (body: unknown): string[] =>
  ((Array.isArray(body) ? body : (body as { items: unknown[] }).items) as Array<{ id: string }>).map(
    (x) => x.id,
  );
const others = (o: Outlet) => chain.filter((x) => x !== o);

beforeAll(async () => {
  k = await startTestKabar();
  owner = person(k.owner.userId!, apiClient(k.http!, { cookie: k.cookie }));
  for (const [i, name] of ["Cabang Solo", "Cabang Bogor", "Cabang Makassar"].entries()) {
    const id = (await ok(owner.api<{ id: string }>("POST", "/outlets", { name, city: name.slice(7) }), 201))
      .id;
    const channel = await connectedSandboxChannel(owner.api, `WA ${name}`, { outletId: id });
    const manager = await hire({
      email: `manajer${i}@toko.test`,
      name: `Manajer ${name}`,
      role: "manager",
      outletIds: [id],
    });
    const agents = [
      await hire({ email: `cs${i}a@toko.test`, name: `CS ${name} 1`, role: "agent", outletIds: [id] }),
      await hire({ email: `cs${i}b@toko.test`, name: `CS ${name} 2`, role: "agent", outletIds: [id] }),
    ];
    chain.push({ name, id, channelId: channel.id, manager, agents, conversationIds: [], contactIds: [] });
  }
  // A custom role: the cashier takes orders and reads customers, nothing more.
  const role = await ok(
    owner.api<{ id: string }>("POST", "/roles", {
      name: "Kasir",
      permissions: ["orders.read", "orders.create", "contacts.read", "products.read"],
    }),
    201,
  );
  cashier = await hire({
    email: "kasir@toko.test",
    name: "Kasir Solo",
    roleId: role.id,
    outletIds: [chain[0]!.id],
  });
  // Every agent is online: round robin hands out the conversations as they come.
  for (const o of chain)
    for (const a of o.agents) await ok(a.api("PUT", "/agents/me/presence", { online: true }));
  // The last outlet's customers first: round robin would otherwise favour the first-made agents anyway.
  for (const o of [...chain].reverse())
    for (const text of ["Halo, masih buka?", "Mau pesan"]) await customerWrites(o, text);
});
afterAll(async () => k?.close());

describe("a chain of three outlets on one Kabar", () => {
  it("each manager sees only their outlet: its number, conversations, customers and staff", async () => {
    for (const o of chain) {
      expect(ids(await ok(o.manager.api("GET", "/channels")))).toEqual([o.channelId]);
      expect(ids(await ok(o.manager.api("GET", "/conversations"))).sort()).toEqual(
        [...o.conversationIds].sort(),
      );
      const contacts = ids(await ok(o.manager.api("GET", "/contacts?pageSize=200")));
      expect(contacts.sort()).toEqual([...o.contactIds].sort());
      for (const x of others(o)) {
        expect((await o.manager.api("GET", `/channels/${x.channelId}`)).status).toBe(404);
        expect((await o.manager.api("GET", `/conversations/${x.conversationIds[0]}`)).status).toBe(404);
        expect((await o.manager.api("GET", `/contacts/${x.contactIds[0]}`)).status).toBe(404);
      }
    }
  });

  it("round robin gives each outlet's conversations to that outlet's agents only", async () => {
    for (const o of chain) {
      const agents = new Set(o.agents.map((a) => a.userId));
      const assignees = await waitFor(async () => {
        const list = await ok(
          o.manager.api<Array<{ id: string; assigneeId: string | null }>>("GET", "/conversations"),
        );
        return list.every((c) => c.assigneeId !== null) ? list.map((c) => c.assigneeId!) : undefined;
      });
      expect(
        assignees.every((id) => agents.has(id)),
        `${o.name}: ${assignees}`,
      ).toBe(true);
    }
  });

  it("the manager hands each conversation to an agent of the outlet, who answers it; nobody reaches another outlet's", async () => {
    for (const o of chain) {
      for (const [i, conversationId] of o.conversationIds.entries()) {
        const agent = o.agents[i % o.agents.length]!;
        await ok(o.manager.api("POST", `/conversations/${conversationId}/assign`, { userId: agent.userId }));
        await ok(
          agent.api("POST", `/conversations/${conversationId}/messages`, {
            text: "Halo kak, bisa kami bantu?",
          }),
          201,
        );
      }
      for (const agent of o.agents) {
        const seen = ids(await ok(agent.api("GET", "/conversations")));
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((id) => o.conversationIds.includes(id))).toBe(true);
        for (const x of others(o)) {
          const r = await agent.api("POST", `/conversations/${x.conversationIds[0]}/messages`, {
            text: "Salah cabang",
          });
          expect({ status: r.status, code: errorOf(r)?.code }).toEqual({
            status: 404,
            code: "conversation_not_found",
          });
        }
      }
      // A manager cannot hand a conversation to another outlet's agent either.
      const stranger = others(o)[0]!.agents[0]!;
      const r = await o.manager.api("POST", `/conversations/${o.conversationIds[0]}/assign`, {
        userId: stranger.userId,
      });
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("the custom role works: the cashier takes an order for their outlet's customer, and reaches nothing else", async () => {
    const product = await ok(
      owner.api<{ id: string }>("POST", "/products", {
        sku: "KOPI-1",
        name: "Kopi Gula Aren",
        price: 25_000,
      }),
      201,
    );
    const solo = chain[0]!;
    const order = await ok(
      cashier.api<{ id: string; total: number }>("POST", "/orders", {
        customer: { contactId: solo.contactIds[0] },
        lines: [{ productId: product.id, quantity: 2 }],
        paymentMethod: "cod",
      }),
      201,
    );
    expect(order.total).toBe(50_000);
    const bogor = chain[1]!;
    const elsewhere = await cashier.api("POST", "/orders", {
      customer: { contactId: bogor.contactIds[0] },
      lines: [{ productId: product.id, quantity: 1 }],
      paymentMethod: "cod",
    });
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    for (const [method, path, body] of [
      ["GET", "/users", undefined],
      ["GET", "/campaigns", undefined],
      [
        "POST",
        "/campaigns",
        { name: "Promo", channelId: solo.channelId, body: "Halo", audience: { type: "all" } },
      ],
      ["GET", "/channels", undefined],
    ] as const) {
      const r = await cashier.api(method, path, body);
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
    }
  });

  it("the owner sees every outlet's numbers, conversations and customers together", async () => {
    const all = chain.flatMap((o) => o.conversationIds);
    expect(ids(await ok(owner.api("GET", "/conversations"))).sort()).toEqual(expect.arrayContaining(all));
    expect(ids(await ok(owner.api("GET", "/channels")))).toEqual(
      expect.arrayContaining(chain.map((o) => o.channelId)),
    );
    const staff = ids(await ok(owner.api("GET", "/users")));
    expect(staff).toEqual(
      expect.arrayContaining(chain.flatMap((o) => [o.manager.userId, ...o.agents.map((a) => a.userId)])),
    );
  });

  it("every write is in the audit log under its author, and each manager reads their outlet's entries only", async () => {
    type Entry = { actor: { userId: string | null }; target: { id: string | null }; action: string };
    const log = (await ok(owner.api<{ items: Entry[] }>("GET", "/audit?limit=200"))).items;
    for (const p of [owner, cashier, ...chain.flatMap((o) => [o.manager, ...o.agents])]) {
      const theirs = log.filter((e) => e.actor.userId === p.userId && !e.action.startsWith("auth."));
      expect(theirs.length, `entries of ${p.userId}`).toBeGreaterThanOrEqual(p.writes.length);
    }
    for (const o of chain) {
      const seen = (await ok(o.manager.api<{ items: Entry[] }>("GET", "/audit?limit=200"))).items;
      const people = new Set(seen.map((e) => e.actor.userId));
      expect(people.has(o.agents[0]!.userId)).toBe(true);
      for (const x of others(o)) {
        expect(people.has(x.agents[0]!.userId)).toBe(false);
        expect(seen.map((e) => e.target.id)).not.toContain(x.conversationIds[0]);
      }
    }
  });
});
