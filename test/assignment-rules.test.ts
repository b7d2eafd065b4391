import type { AddressInfo } from "node:net";
import { asc, eq, sql } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts, conversationAssignments, conversations } from "../src/db/schema/index.js";
import type { AgentDto, AssignmentDto, ChannelTeamDto } from "../src/modules/assignment/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { addTenant, apiClient, errorOf, ok, signIn, untilConnected, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

/**
 * Conversation assignment (docs/ARCHITECTURE.md "Assignment"): round robin across the
 * online agents of a channel's team under their caps, the oldest waiting conversation
 * first, handover when an agent goes offline (also after the presence grace period of
 * their last socket), manual assignment and transfer, and shops kept apart.
 */

interface Agent {
  id: string;
  name: string;
  api: Api;
  cookie: string;
}

let k: TestKabar;
let url: string;
let owner: Api;
let tenantId: string;
let channelId: string;
const agents: Record<"A" | "B" | "C", Agent> = {} as never;
const sockets: Socket[] = [];

async function addAgent(name: string): Promise<Agent> {
  const email = `${name.toLowerCase()}@toko-contoh.test`;
  const id = (await factory(k, tenantId).user("agent", { email, password: "rahasia-agen-123" })).id;
  const { cookie } = await signIn(k.http!, email, "rahasia-agen-123");
  return { id, name, api: apiClient(k.http!, { cookie }), cookie };
}

/** A conversation a new customer opened on `channel`, announced to assignment like the inbox does. */
async function opened(channel = channelId): Promise<string> {
  const c = await factory(k).conversation({ channelId: channel });
  await k.services.assignment.conversationOpened(tenantId, c.id);
  return c.id;
}

async function assigneeOf(conversationId: string): Promise<string | null> {
  const [c] = await k.database.db
    .select({ a: conversations.assigneeId })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  return c!.a;
}

async function history(conversationId: string) {
  return k.database.db
    .select({
      userId: conversationAssignments.userId,
      reason: conversationAssignments.reason,
      endReason: conversationAssignments.endReason,
      byUserId: conversationAssignments.byUserId,
      open: sql<boolean>`${conversationAssignments.unassignedAt} IS NULL`,
    })
    .from(conversationAssignments)
    .where(eq(conversationAssignments.conversationId, conversationId))
    .orderBy(asc(conversationAssignments.assignedAt));
}

/** Resolves a conversation like the inbox does, and tells assignment its agent has room. */
async function resolve(conversationId: string): Promise<void> {
  const assigneeId = await assigneeOf(conversationId);
  await k.database.db
    .update(conversations)
    .set({ status: "resolved", resolvedAt: new Date() })
    .where(eq(conversations.id, conversationId));
  k.bus.emit("conversation.resolved", { tenantId, conversationId, assigneeId });
}

const presence = (a: Agent, online: boolean) => ok(a.api<AgentDto>("PUT", "/agents/me/presence", { online }));
const agentList = async () => new Map((await ok(owner<AgentDto[]>("GET", "/agents"))).map((a) => [a.id, a]));

/** Every conversation resolved, every agent offline with the default cap, every channel answered by everyone. */
async function reset(): Promise<void> {
  await k.database.db
    .update(conversations)
    .set({ status: "resolved" })
    .where(eq(conversations.tenantId, tenantId));
  for (const a of Object.values(agents)) {
    await presence(a, false);
    await ok(owner("PATCH", `/agents/${a.id}`, { maxOpenConversations: 20 }));
  }
  await ok(owner("PUT", `/channels/${channelId}/agents`, { userIds: [] }));
}

/** Opens a socket as the holder of `cookie` and records what it receives. */
async function openSocket(
  cookie: string,
  to = url,
): Promise<{ socket: Socket; events: Array<{ name: string; payload: unknown }> }> {
  const socket = connect(to, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const events: Array<{ name: string; payload: unknown }> = [];
  socket.onAny((name: string, payload: unknown) => events.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return { socket, events };
}

beforeAll(async () => {
  // A tiny presence grace so the test sees it expire; nothing below measures time.
  k = await startTestKabar(
    { HOST: "127.0.0.1", PORT: "0", KABAR_PRESENCE_GRACE_MS: "150" },
    { listen: true },
  );
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  owner = apiClient(k.http!, { cookie: k.cookie });
  tenantId = k.owner.tenantId;
  channelId = (await ok(owner<ChannelDto[]>("GET", "/channels")))[0]!.id;
  agents.A = await addAgent("Ani");
  agents.B = await addAgent("Budi");
  agents.C = await addAgent("Citra");
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await k?.close();
});

describe("round robin", () => {
  it("gives new conversations to three online agents in turn, and lists their load", async () => {
    await reset();
    const { A, B, C } = agents;
    await presence(B, true);
    await presence(C, true);
    const got: Array<string | null> = [];
    got.push(await assigneeOf(await opened()), await assigneeOf(await opened()));
    expect(new Set(got)).toEqual(new Set([B.id, C.id]));
    // A comes online with the fewest conversations and gets the next one.
    await presence(A, true);
    got.push(await assigneeOf(await opened()));
    expect(got[2]).toBe(A.id);
    // All three have one: the one assigned longest ago goes first, and so on in turn.
    for (let i = 0; i < 3; i++) got.push(await assigneeOf(await opened()));
    expect(got.slice(3)).toEqual(got.slice(0, 3));
    const list = await agentList();
    for (const a of [A, B, C])
      expect({
        name: a.name,
        open: list.get(a.id)!.openConversations,
        online: list.get(a.id)!.online,
      }).toEqual({ name: a.name, open: 2, online: true });
    // The owner is offline and got nothing.
    expect(list.get(k.owner.userId!)).toMatchObject({ online: false, openConversations: 0 });
  });

  it("keeps every agent under their cap; the rest wait, and the oldest waiting goes first when an agent frees up", async () => {
    await reset();
    const { A, B, C } = agents;
    await ok(owner("PATCH", `/agents/${A.id}`, { maxOpenConversations: 1 }));
    await ok(owner("PATCH", `/agents/${B.id}`, { maxOpenConversations: 1 }));
    await ok(owner("PATCH", `/agents/${C.id}`, { maxOpenConversations: 2 }));
    for (const a of [A, B, C]) await presence(a, true);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await opened());
    const first = await Promise.all(ids.map(assigneeOf));
    const count = (id: string) => first.filter((x) => x === id).length;
    expect([count(A.id), count(B.id), count(C.id)]).toEqual([1, 1, 2]);
    // The four assigned are the four oldest; three wait.
    expect(first.slice(0, 4).every((x) => x !== null)).toBe(true);
    expect(first.slice(4)).toEqual([null, null, null]);

    // A resolves theirs: the oldest waiting conversation goes to A, the others keep waiting.
    const aConversation = ids[first.indexOf(A.id)]!;
    await resolve(aConversation);
    await waitFor(async () => ((await assigneeOf(ids[4]!)) === A.id ? true : undefined));
    expect([await assigneeOf(ids[5]!), await assigneeOf(ids[6]!)]).toEqual([null, null]);

    // Raising B's cap makes room at once: the next oldest goes to B.
    const b = await ok(owner<AgentDto>("PATCH", `/agents/${B.id}`, { maxOpenConversations: 2 }));
    expect(b).toMatchObject({ maxOpenConversations: 2, openConversations: 2 });
    expect(await assigneeOf(ids[5]!)).toBe(B.id);
    expect(await assigneeOf(ids[6]!)).toBeNull();
    const list = await agentList();
    for (const a of [A, B, C])
      expect(list.get(a.id)!.openConversations).toBeLessThanOrEqual(list.get(a.id)!.maxOpenConversations);

    // A cap of 0: never assigned by round robin.
    await ok(owner("PATCH", `/agents/${C.id}`, { maxOpenConversations: 0 }));
    await resolve(ids[first.indexOf(C.id)]!);
    await k.services.assignment.agentFreed(tenantId);
    expect(await assigneeOf(ids[6]!)).toBeNull();
  });

  it("hands an offline agent’s open conversations to online agents, queues the rest, and an agent coming online takes them oldest first", async () => {
    await reset();
    const { A, B, C } = agents;
    await presence(A, true);
    const ids = [await opened(), await opened(), await opened()];
    expect(await Promise.all(ids.map(assigneeOf))).toEqual([A.id, A.id, A.id]);
    await ok(owner("PATCH", `/agents/${B.id}`, { maxOpenConversations: 1 }));
    await presence(B, true);

    const events: unknown[] = [];
    const off = k.bus.on("conversation.assigned", (e) => events.push(e));
    const a = await presence(A, false);
    off();
    expect(a).toMatchObject({ online: false, openConversations: 0 });
    // B has room for one: the oldest; the other two wait.
    expect(await Promise.all(ids.map(assigneeOf))).toEqual([B.id, null, null]);
    expect(events).toEqual(
      expect.arrayContaining([
        { tenantId, conversationId: ids[0], assigneeId: B.id, previousAssigneeId: A.id, reason: "offline" },
        { tenantId, conversationId: ids[1], assigneeId: null, previousAssigneeId: A.id, reason: "offline" },
      ]),
    );
    expect(await history(ids[0]!)).toEqual([
      { userId: A.id, reason: "auto", endReason: "offline", byUserId: null, open: false },
      { userId: B.id, reason: "offline", endReason: null, byUserId: null, open: true },
    ]);

    // C comes online and takes both waiting ones.
    const c = await presence(C, true);
    expect(c.openConversations).toBe(2);
    expect(await Promise.all(ids.map(assigneeOf))).toEqual([B.id, C.id, C.id]);
    expect((await history(ids[1]!)).map((h) => h.reason)).toEqual(["auto", "offline"]);

    // A conversation reopened while its agent is offline goes to an online agent; one whose agent is online stays.
    await resolve(ids[0]!);
    await presence(B, false);
    await k.database.db.update(conversations).set({ status: "open" }).where(eq(conversations.id, ids[0]!));
    await k.services.assignment.conversationOpened(tenantId, ids[0]!);
    expect(await assigneeOf(ids[0]!)).toBe(C.id);
    await resolve(ids[1]!);
    await k.database.db.update(conversations).set({ status: "open" }).where(eq(conversations.id, ids[1]!));
    await k.services.assignment.conversationOpened(tenantId, ids[1]!);
    expect(await assigneeOf(ids[1]!)).toBe(C.id);
    expect((await history(ids[1]!)).filter((h) => h.open)).toEqual([
      { userId: C.id, reason: "offline", endReason: null, byUserId: null, open: true },
    ]);
  });

  it("a conversation resolved while waiting and reopened later queues behind those that waited meanwhile", async () => {
    await reset();
    const { A } = agents;
    const first = await opened();
    const second = await opened();
    await resolve(first);
    await k.services.assignment.agentFreed(tenantId);
    const third = await opened();
    await k.database.db.update(conversations).set({ status: "open" }).where(eq(conversations.id, first));
    await k.services.assignment.conversationOpened(tenantId, first);
    await ok(owner("PATCH", `/agents/${A.id}`, { maxOpenConversations: 2 }));
    await presence(A, true);
    expect([await assigneeOf(second), await assigneeOf(third), await assigneeOf(first)]).toEqual([
      A.id,
      A.id,
      null,
    ]);
  });

  it("never exceeds a cap when many conversations arrive at once (the pick is one transaction under a tenant lock)", async () => {
    await reset();
    const { A, B, C } = agents;
    for (const a of [A, B, C]) {
      await ok(owner("PATCH", `/agents/${a.id}`, { maxOpenConversations: 3 }));
      await presence(a, true);
    }
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await factory(k).conversation({ channelId })).id);
    // Concurrent announcements on separate database connections, as from several Kabar processes.
    await Promise.all(ids.map((id) => k.services.assignment.conversationOpened(tenantId, id)));
    const got = await Promise.all(ids.map(assigneeOf));
    expect([A.id, B.id, C.id, null].map((x) => got.filter((g) => g === x).length)).toEqual([3, 3, 3, 3]);
  });

  it("gives a channel's conversations only to its team; an empty team means everyone", async () => {
    await reset();
    const { A, B, C } = agents;
    for (const a of [A, B, C]) await presence(a, true);
    const second = await ok(owner<ChannelDto>("POST", "/channels", { name: "WhatsApp Cabang" }), 201);
    const team = await ok(
      owner<ChannelTeamDto>("PUT", `/channels/${second.id}/agents`, { userIds: [C.id, C.id] }),
    );
    expect(team).toEqual({ channelId: second.id, userIds: [C.id], everyone: false });
    expect(await ok(owner<ChannelTeamDto>("GET", `/channels/${second.id}/agents`))).toEqual(team);
    expect(await ok(owner<ChannelTeamDto>("GET", `/channels/${channelId}/agents`))).toEqual({
      channelId,
      userIds: [],
      everyone: true,
    });
    const ids = [await opened(second.id), await opened(second.id), await opened(second.id)];
    expect(await Promise.all(ids.map(assigneeOf))).toEqual([C.id, C.id, C.id]);

    // C leaves the team's only seat offline: the channel's conversations wait, even with A and B free.
    await presence(C, false);
    expect(await Promise.all(ids.map(assigneeOf))).toEqual([null, null, null]);
    // Adding B to the team gives B the waiting ones at once.
    await ok(owner("PUT", `/channels/${second.id}/agents`, { userIds: [B.id, C.id] }));
    expect(await Promise.all(ids.map(assigneeOf))).toEqual([B.id, B.id, B.id]);
  });

  it("a customer's first message goes to an online agent, and resolving it through the inbox gives them the next waiting one", async () => {
    await reset();
    const { A } = agents;
    await ok(owner("PATCH", `/agents/${A.id}`, { maxOpenConversations: 1 }));
    await presence(A, true);
    await untilConnected(owner, channelId);
    const phones = (
      await ok(owner<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones"))
    ).filter((p) => p.onWhatsApp);
    const conversationOf = async (phone: string) => {
      const [row] = await k.database.db
        .select({ id: conversations.id, assigneeId: conversations.assigneeId })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(contacts.phone, phone));
      return row;
    };
    const write = (phone: string) =>
      ok(
        owner("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
          channelId,
          text: "Halo, stok masih ada?",
        }),
      );
    await write(phones[0]!.phone);
    const first = await waitFor(async () =>
      (await conversationOf(phones[0]!.phone))?.assigneeId === A.id
        ? conversationOf(phones[0]!.phone)
        : undefined,
    );
    await write(phones[1]!.phone);
    const second = await waitFor(() => conversationOf(phones[1]!.phone));
    expect((await conversationOf(phones[1]!.phone))!.assigneeId).toBeNull();
    await ok(A.api("POST", `/conversations/${first!.id}/resolve`));
    await waitFor(async () => ((await assigneeOf(second!.id)) === A.id ? true : undefined));
  });

  it("assigns what the inbox announces on the bus (conversation.opened)", async () => {
    await reset();
    await presence(agents.A, true);
    const c = await factory(k).conversation({ channelId });
    k.bus.emit("conversation.opened", {
      tenantId,
      channelId,
      contactId: c.contactId,
      conversationId: c.id,
      reopened: false,
    });
    await waitFor(async () => ((await assigneeOf(c.id)) === agents.A.id ? true : undefined));
    expect(await history(c.id)).toEqual([
      { userId: agents.A.id, reason: "auto", endReason: null, byUserId: null, open: true },
    ]);
  });
});

describe("manual assignment and transfer", () => {
  it("an owner assigns, transfers and returns a conversation to the queue; history records each", async () => {
    await reset();
    const { A, B } = agents;
    const id = await opened();
    expect(await assigneeOf(id)).toBeNull();
    // A manual assignment ignores presence and caps.
    expect(await ok(owner<AssignmentDto>("POST", `/conversations/${id}/assign`, { userId: A.id }))).toEqual({
      conversationId: id,
      assigneeId: A.id,
    });
    expect(await ok(owner<AssignmentDto>("POST", `/conversations/${id}/assign`, { userId: B.id }))).toEqual({
      conversationId: id,
      assigneeId: B.id,
    });
    expect(await ok(owner<AssignmentDto>("POST", `/conversations/${id}/assign`, { userId: null }))).toEqual({
      conversationId: id,
      assigneeId: null,
    });
    expect(await history(id)).toEqual([
      { userId: A.id, reason: "manual", endReason: "transfer", byUserId: k.owner.userId, open: false },
      { userId: B.id, reason: "transfer", endReason: "manual", byUserId: k.owner.userId, open: false },
    ]);
    // Back in the queue: the next agent to come online takes it.
    await presence(A, true);
    expect(await assigneeOf(id)).toBe(A.id);
  });

  it("an agent takes an unassigned conversation and transfers their own, but cannot take or move a colleague’s", async () => {
    await reset();
    const { A, B, C } = agents;
    const id = await opened();
    const other = await opened();
    await ok(owner("POST", `/conversations/${other}/assign`, { userId: B.id }));

    expect((await A.api("POST", `/conversations/${id}/assign`, { userId: B.id })).status).toBe(403);
    expect(await ok(A.api<AssignmentDto>("POST", `/conversations/${id}/assign`, { userId: A.id }))).toEqual({
      conversationId: id,
      assigneeId: A.id,
    });
    for (const userId of [A.id, C.id, null])
      expect((await A.api("POST", `/conversations/${other}/assign`, { userId })).status).toBe(403);
    expect(await assigneeOf(other)).toBe(B.id);
    expect(await ok(A.api<AssignmentDto>("POST", `/conversations/${id}/assign`, { userId: C.id }))).toEqual({
      conversationId: id,
      assigneeId: C.id,
    });
    expect((await history(id)).map((h) => [h.userId, h.reason, h.byUserId])).toEqual([
      [A.id, "manual", A.id],
      [C.id, "transfer", A.id],
    ]);
    // Owner-only settings.
    expect((await A.api("PATCH", `/agents/${A.id}`, { maxOpenConversations: 99 })).status).toBe(403);
    expect((await A.api("PUT", `/channels/${channelId}/agents`, { userIds: [A.id] })).status).toBe(403);
    expect((await agentList()).get(A.id)!.maxOpenConversations).toBe(20);
    // An unknown agent in the body: 400 naming the field; nothing changes.
    const r = await owner("POST", `/conversations/${id}/assign`, {
      userId: "00000000-0000-4000-8000-00000000abcd",
    });
    expect({ status: r.status, code: errorOf(r).code, fields: Object.keys(errorOf(r).fields ?? {}) }).toEqual(
      { status: 400, code: "unknown_agent", fields: ["userId"] },
    );
    expect(await assigneeOf(id)).toBe(C.id);
  });

  it("never assigns another shop's agent, and hides one shop's agents and conversations from the other", async () => {
    await reset();
    const id = await opened();
    const shopB = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "kedua-rahasia-789");
    const bAgents = await ok(shopB.api<AgentDto[]>("GET", "/agents"));
    expect(bAgents.map((a) => a.id)).toEqual([shopB.userId]);
    // Shop B's owner online: round robin in shop A never picks them.
    await ok(shopB.api("PUT", "/agents/me/presence", { online: true }));
    const another = await opened();
    expect(await assigneeOf(another)).toBeNull();

    // A's owner cannot assign to B's owner (400, like an unknown agent) nor put them in a team.
    const r = await owner("POST", `/conversations/${id}/assign`, { userId: shopB.userId });
    expect({ status: r.status, code: errorOf(r).code, fields: Object.keys(errorOf(r).fields ?? {}) }).toEqual(
      { status: 400, code: "unknown_agent", fields: ["userId"] },
    );
    const t = await owner("PUT", `/channels/${channelId}/agents`, { userIds: [agents.A.id, shopB.userId] });
    expect({ status: t.status, code: errorOf(t).code, fields: Object.keys(errorOf(t).fields ?? {}) }).toEqual(
      { status: 400, code: "unknown_agent", fields: ["userIds.1"] },
    );
    expect((await ok(owner<ChannelTeamDto>("GET", `/channels/${channelId}/agents`))).userIds).toEqual([]);
    // B cannot touch A's conversation, agents or channel: 404 as for ids that exist nowhere.
    for (const [method, path, body, code] of [
      ["POST", `/conversations/${id}/assign`, { userId: shopB.userId }, "conversation_not_found"],
      ["PATCH", `/agents/${agents.A.id}`, { maxOpenConversations: 0 }, "agent_not_found"],
      ["PUT", `/channels/${channelId}/agents`, { userIds: [shopB.userId] }, "channel_not_found"],
      ["GET", `/channels/${channelId}/agents`, undefined, "channel_not_found"],
    ] as const) {
      const x = await shopB.api(method, path, body);
      expect({ path, status: x.status, code: errorOf(x).code }).toEqual({ path, status: 404, code });
    }
    expect(await assigneeOf(id)).toBeNull();
    expect((await agentList()).get(agents.A.id)!.maxOpenConversations).toBe(20);
    expect((await agentList()).has(shopB.userId)).toBe(false);
  });
});

describe("presence", () => {
  /** Opens and closes a socket of `a` (online) and waits until their grace period has ended. */
  async function graceMarker(a: Agent): Promise<void> {
    const s = await openSocket(a.cookie);
    s.socket.close();
    await waitFor(async () => ((await agentList()).get(a.id)!.online ? undefined : true));
  }

  it("goes offline after the grace period once the last socket closes, handing conversations over; sockets are counted", async () => {
    await reset();
    const { A, B, C } = agents;
    const watcher = await openSocket(k.cookie);
    // A: online with one open conversation and one socket.
    await presence(A, true);
    const id = await opened();
    expect(await assigneeOf(id)).toBe(A.id);
    const a = await openSocket(A.cookie);
    // B: two sockets, of which one closes, and a reconnect within the grace period.
    await presence(B, true);
    const b1 = await openSocket(B.cookie);
    const b2 = await openSocket(B.cookie);
    await presence(C, true);

    b1.socket.close();
    const p = k.services.assignment.presence;
    p.socketDisconnected(B.id, tenantId);
    p.socketConnected(B.id, tenantId);
    a.socket.close();

    // A goes offline; their conversation goes to an online agent.
    await waitFor(async () => ((await agentList()).get(A.id)!.online ? undefined : true));
    expect([B.id, C.id]).toContain(await assigneeOf(id));
    expect((await agentList()).get(A.id)!.lastSeenAt).not.toBeNull();
    // Once C's later grace period has ended too, B (still holding a socket) is online and has it.
    await graceMarker(C);
    expect((await agentList()).get(B.id)!.online).toBe(true);
    expect(await assigneeOf(id)).toBe(B.id);

    // The web app hears of it in the tenant's room, without tenant ids.
    const heard = (name: string, match: (p: Record<string, unknown>) => boolean) =>
      watcher.events.some((e) => e.name === name && match(e.payload as Record<string, unknown>));
    await waitFor(async () =>
      heard("agent.presence", (x) => x.userId === A.id && x.online === false) ? true : undefined,
    );
    await waitFor(async () =>
      heard(
        "conversation.assigned",
        (x) => x.conversationId === id && x.previousAssigneeId === A.id && x.reason === "offline",
      )
        ? true
        : undefined,
    );
    expect(
      watcher.events.filter(
        (e) => typeof e.payload === "object" && e.payload !== null && "tenantId" in e.payload,
      ),
    ).toEqual([]);
    b2.socket.close();
    watcher.socket.close();
  });

  it("opening a socket does not set an agent online: agents choose that themselves", async () => {
    await reset();
    const a = await openSocket(agents.A.cookie);
    await presence(agents.C, true);
    await graceMarker(agents.C);
    expect((await agentList()).get(agents.A.id)!.online).toBe(false);
    a.socket.close();
    // Setting presence answers with the caller's own row.
    expect(await presence(agents.A, true)).toMatchObject({
      id: agents.A.id,
      online: true,
      openConversations: 0,
      maxOpenConversations: 20,
    });
  });
});

describe("two Kabar processes on one database", () => {
  let k2: TestKabar;
  let url2: string;
  beforeAll(async () => {
    k2 = await startTestKabar(
      { HOST: "127.0.0.1", PORT: "0", KABAR_PRESENCE_GRACE_MS: "150" },
      { listen: true, channels: false },
      k.url,
    );
    url2 = `http://127.0.0.1:${(k2.http!.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => k2?.close());

  it("share the caps and the rotation when both assign at the same time", async () => {
    await reset();
    const { A, B, C } = agents;
    for (const a of [A, B, C]) {
      await ok(owner("PATCH", `/agents/${a.id}`, { maxOpenConversations: 2 }));
      await presence(a, true);
    }
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await factory(k).conversation({ channelId })).id);
    await Promise.all(
      ids.map((id, i) => (i % 2 ? k2 : k).services.assignment.conversationOpened(tenantId, id)),
    );
    const got = await Promise.all(ids.map(assigneeOf));
    expect([A.id, B.id, C.id, null].map((x) => got.filter((g) => g === x).length)).toEqual([2, 2, 2, 4]);
  });

  it("keeps an agent online while a socket of theirs is open on the other process", async () => {
    await reset();
    const { A, C } = agents;
    await presence(A, true);
    const here = await openSocket(A.cookie);
    const there = await openSocket(A.cookie, url2);
    here.socket.close();
    // C's later grace period on this process ends; A's ended before it, yet A is still online.
    await presence(C, true);
    const marker = await openSocket(C.cookie);
    marker.socket.close();
    await waitFor(async () => ((await agentList()).get(C.id)!.online ? undefined : true));
    expect((await agentList()).get(A.id)!.online).toBe(true);
    // Their last socket closes on the other process: offline after the grace period there.
    there.socket.close();
    await waitFor(async () => ((await agentList()).get(A.id)!.online ? undefined : true));
  });
});
