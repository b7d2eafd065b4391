/**
 * The inbox in real time over Socket.IO: a customer's message, an agent's reply and its
 * ticks, a note and a resolve reach every socket of the shop (owner and agents), and
 * nothing reaches another shop's sockets. Across two Kabar processes on one database
 * (the PostgreSQL adapter), a socket on the process without channels sees the same, and
 * a reply sent through that process goes out through the process holding the channel.
 */
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import type { ConversationDto, MessageDto } from "../src/modules/inbox/schemas.js";
import { userRoom } from "../src/realtime/protocol.js";
import { addTenant, apiClient, ok, signIn, untilConnected, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { firstChannel } from "./support/channels.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

interface Recorded {
  socket: Socket;
  events: Array<{ name: string; payload: Record<string, unknown> }>;
}

const sockets: Socket[] = [];
const INBOX_EVENTS = [
  "conversation.opened",
  "conversation.updated",
  "conversation.note",
  "message.new",
  "message.status",
];

/** Opens a socket to `url` with `cookie` and records every event it receives; resolves once connected. */
async function open(url: string, cookie: string): Promise<Recorded> {
  const socket = connect(url, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const rec: Recorded = { socket, events: [] };
  socket.onAny((name: string, payload: Record<string, unknown>) => rec.events.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return rec;
}

const urlOf = (k: TestKabar) => `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
const has = (rec: Recorded, name: string, match: Record<string, unknown>) =>
  rec.events.some((e) => e.name === name && Object.entries(match).every(([key, v]) => e.payload[key] === v));
const until = (rec: Recorded, name: string, match: Record<string, unknown>) =>
  waitFor(async () => (has(rec, name, match) ? true : undefined));

let customers = 0;
/** A new virtual customer of the tenant (reads everything, never answers). */
async function newCustomer(k: TestKabar, tenantId: string): Promise<string> {
  const phone: VirtualPhone = {
    phone: `+628573456${String(++customers).padStart(4, "0")}`,
    name: `Pelanggan ${customers}`,
    onWhatsApp: true,
    readRate: 1,
    replyRate: 0,
    latencyMs: 200,
  };
  await k.sandboxStore.savePhonesFor(tenantId, [phone]);
  await k.sandbox.addPhones([phone]);
  return phone.phone;
}

/** The customer writes; resolves with the conversation once stored. */
async function writes(
  k: TestKabar,
  api: Api,
  channelId: string,
  phone: string,
  text: string,
): Promise<ConversationDto> {
  await ok(
    apiClient(k.http!, { cookie: k.cookie })(
      "POST",
      `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
      { channelId, text },
    ),
  );
  return waitFor(async () => {
    const [c] = await ok(api<ConversationDto[]>("GET", `/conversations?search=${encodeURIComponent(phone)}`));
    return c?.lastMessage?.text === text ? c : undefined;
  });
}

afterAll(() => {
  for (const s of sockets) s.close();
});

describe("one Kabar process", () => {
  let k: TestKabar;
  let api: Api;
  let channelId: string;
  let agentCookie: string;
  let agentId: string;
  let other: Awaited<ReturnType<typeof addTenant>>;

  beforeAll(async () => {
    k = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true });
    api = apiClient(k.http!, { cookie: k.cookie });
    channelId = (await firstChannel(api)).id;
    await untilConnected(api, channelId);
    agentId = (
      await factory(k).user("agent", { email: "agen@toko-contoh.test", password: "rahasia-agen-123" })
    ).id;
    agentCookie = (await signIn(k.http!, "agen@toko-contoh.test", "rahasia-agen-123")).cookie;
    other = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "rahasia-kedua-123");
  });
  afterAll(async () => k?.close());

  it("brings a customer's message, the reply with its ticks, a note and a resolve to the shop's sockets, and nothing to another shop's", async () => {
    const owner = await open(urlOf(k), k.cookie);
    const agent = await open(urlOf(k), agentCookie);
    const stranger = await open(urlOf(k), other.cookie);
    // Each socket also sits in its user's room.
    expect((await k.realtime!.io.in(userRoom(agentId)).fetchSockets()).map((s) => s.id)).toEqual([
      agent.socket.id,
    ]);

    const c = await writes(k, api, channelId, await newCustomer(k, k.owner.tenantId), "Kak, ready stok?");
    const agentApi = apiClient(k.http!, { cookie: agentCookie });
    const reply = await ok(
      agentApi<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: "Ready kak" }),
      201,
    );
    await ok(agentApi("POST", `/conversations/${c.id}/notes`, { body: "Tanya stok" }), 201);
    await ok(agentApi("POST", `/conversations/${c.id}/resolve`));

    for (const rec of [owner, agent]) {
      await until(rec, "conversation.opened", { conversationId: c.id, reopened: false });
      await until(rec, "message.new", { conversationId: c.id, direction: "in" });
      await until(rec, "message.new", { messageId: reply.id, direction: "out" });
      await until(rec, "message.status", { messageId: reply.id, status: "read" });
      await until(rec, "conversation.note", { conversationId: c.id });
      await until(rec, "conversation.updated", { conversationId: c.id });
      // Payloads never carry the tenant: the room is the tenant.
      expect(rec.events.every((e) => !("tenantId" in e.payload))).toBe(true);
    }
    expect(stranger.events.filter((e) => INBOX_EVENTS.includes(e.name))).toEqual([]);
  });

  it("sends another shop's inbox events to that shop's sockets only", async () => {
    const owner = await open(urlOf(k), k.cookie);
    const theirs = await open(urlOf(k), other.cookie);
    const theirApi = other.api;
    // The other shop's channel is not paired: its conversation is stored directly.
    const channel = await ok(
      theirApi<{ id: string }>("POST", "/channels", { name: "WhatsApp Toko Kedua" }),
      201,
    );
    const { id: theirConversation } = await factory(k, other.tenantId).conversation({
      channelId: channel.id,
    });
    await ok(
      theirApi("POST", `/conversations/${theirConversation}/notes`, { body: "Catatan toko kedua" }),
      201,
    );
    await until(theirs, "conversation.note", { conversationId: theirConversation });
    expect(owner.events.filter((e) => INBOX_EVENTS.includes(e.name))).toEqual([]);
  });
});

describe("two Kabar processes on one database", () => {
  let url: string;
  let holder: TestKabar;
  let web: TestKabar;
  let channelId: string;

  beforeAll(async () => {
    url = await createTestDatabase();
    holder = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true }, url);
    // A web-only process: serves HTTP and sockets, holds no channel.
    web = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true, channels: false }, url);
    channelId = (await firstChannel(apiClient(holder.http!, { cookie: holder.cookie }))).id;
    await untilConnected(apiClient(holder.http!, { cookie: holder.cookie }), channelId);
  });
  afterAll(async () => {
    await web?.close();
    await holder?.close();
    if (url) await dropTestDatabase(url);
  });

  it("a socket on the web process sees what happens on the channel holder, and a reply sent there goes out through the holder", async () => {
    const onWeb = await open(urlOf(web), web.cookie);
    const webApi = apiClient(web.http!, { cookie: web.cookie });
    const phone = await newCustomer(holder, holder.owner.tenantId);
    const c = await writes(holder, webApi, channelId, phone, "Halo dari proses lain");
    await until(onWeb, "conversation.opened", { conversationId: c.id });
    await until(onWeb, "message.new", { conversationId: c.id, direction: "in" });

    const reply = await ok(
      webApi<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: "Dibalas lewat proses web" }),
      201,
    );
    // The web process holds no channel: the holder sends it.
    expect(reply.status).toBe("pending");
    await until(onWeb, "message.status", { messageId: reply.id, status: "read" });
    const onPhone = await ok(
      apiClient(holder.http!, { cookie: holder.cookie })<Array<{ text?: string }>>(
        "GET",
        `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
      ),
    );
    expect(onPhone.map((m) => m.text)).toContain("Dibalas lewat proses web");
    // Each event arrives once, not once per process.
    expect(
      onWeb.events.filter((e) => e.name === "message.new" && e.payload.messageId === reply.id),
    ).toHaveLength(1);
    expect(
      onWeb.events.filter(
        (e) => e.name === "message.status" && e.payload.messageId === reply.id && e.payload.status === "read",
      ),
    ).toHaveLength(1);
  });
});
