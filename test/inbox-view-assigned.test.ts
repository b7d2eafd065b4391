/**
 * `inbox.view_assigned` without `inbox.view_all` (a custom role): its holder reads only the
 * conversations assigned to them — in the list, its search, one by id, its thread, its
 * notes and the live events — and answers on those; any other conversation answers 404
 * `conversation_not_found` exactly like another shop's. A role with neither reads nothing.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, type Api, errorOf, ok, signIn } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { connected, type Recorded, socketRecorder } from "./support/sockets.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let url: string;
let owner: Api;
let mineApi: Api;
let mineUserId: string;
let channelId: string;
/** Assigned to the user. */
const mine = { id: "", contactId: "", phone: "" };
/** Unassigned. */
const other = { id: "", contactId: "", phone: "" };
const recorder = socketRecorder(() => url);
let socket: Recorded;

/** Makes a user of a new custom role holding `permissions`; @returns their API client and id */
async function userWith(
  name: string,
  permissions: string[],
): Promise<{ api: Api; id: string; cookie: string }> {
  const role = await ok(owner<{ id: string }>("POST", "/roles", { name, permissions }), 201);
  const email = `${name.toLowerCase().replace(/\W/g, "-")}@toko-contoh.test`;
  const password = "rahasia-sendiri-123";
  const user = await ok(
    owner<{ id: string }>("POST", "/users", { email, name, password, roleId: role.id }),
    201,
  );
  const { cookie } = await signIn(k.http!, email, password);
  return { api: apiClient(k.http!, { cookie }), id: user.id, cookie };
}

beforeAll(async () => {
  k = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true });
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  owner = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await ok(owner<ChannelDto[]>("GET", "/channels")))[0]!.id;
  for (const c of [mine, other]) {
    const contact = await factory(k).contact();
    c.contactId = contact.id;
    c.phone = contact.phone;
    c.id = (await factory(k).conversation({ channelId, contactId: contact.id })).id;
  }
  const user = await userWith("CS Sendiri", [
    "inbox.view_assigned",
    "inbox.reply",
    "inbox.notes",
    "contacts.read",
  ]);
  mineApi = user.api;
  mineUserId = user.id;
  await ok(owner("POST", `/conversations/${mine.id}/assign`, { userId: mineUserId }));
  socket = recorder.open({ cookie: user.cookie });
  await connected(socket.socket);
});

afterAll(async () => {
  recorder.closeAll();
  await k?.close();
});

const ids = (body: unknown) => (body as Array<{ id: string }>).map((c) => c.id);

describe("inbox.view_assigned without inbox.view_all", () => {
  it("lists and finds only the conversations assigned to oneself", async () => {
    expect(ids(await ok(mineApi("GET", "/conversations?limit=100")))).toEqual([mine.id]);
    expect(ids(await ok(mineApi("GET", "/conversations?assignee=unassigned")))).toEqual([]);
    expect(ids(await ok(mineApi("GET", `/conversations?search=${encodeURIComponent(other.phone)}`)))).toEqual(
      [],
    );
    expect(ids(await ok(mineApi("GET", `/conversations?search=${encodeURIComponent(mine.phone)}`)))).toEqual([
      mine.id,
    ]);
    // The owner still sees both.
    expect(ids(await ok(owner("GET", "/conversations?limit=100"))).sort()).toEqual(
      [mine.id, other.id].sort(),
    );
  });

  it("reads its own by id, with thread and notes, and answers 404 for any other", async () => {
    for (const path of ["", "/messages", "/notes"]) {
      const own = await mineApi("GET", `/conversations/${mine.id}${path}`);
      expect(own.status, `${path} ${own.text}`).toBe(200);
      const theirs = await mineApi("GET", `/conversations/${other.id}${path}`);
      expect({ path, status: theirs.status, code: errorOf(theirs)?.code }).toEqual({
        path,
        status: 404,
        code: "conversation_not_found",
      });
    }
  });

  it("replies and writes notes on its own; not on another", async () => {
    await ok(mineApi("POST", `/conversations/${mine.id}/notes`, { body: "Pelanggan lama" }), 201);
    await ok(mineApi("POST", `/conversations/${mine.id}/messages`, { text: "Siap, kak" }), 201);
    for (const [path, body] of [
      ["/notes", { body: "Bukan milikku" }],
      ["/messages", { text: "Halo" }],
      ["/resolve", undefined],
    ] as const) {
      const r = await mineApi("POST", `/conversations/${other.id}${path}`, body);
      expect({ path, status: r.status, code: errorOf(r)?.code }).toEqual({
        path,
        status: 404,
        code: "conversation_not_found",
      });
    }
  });

  it("hears the live events of its own conversation only", async () => {
    const from = socket.events.length;
    const newMessage = (c: typeof mine, messageId: string) =>
      k.bus.emit("message.new", {
        tenantId: k.owner.tenantId,
        channelId,
        contactId: c.contactId,
        messageId,
        direction: "in",
        conversationId: c.id,
      });
    // The other's first, then its own: its own arriving proves the other's never will.
    newMessage(other, "pesan-lain");
    k.bus.emit("conversation.updated", {
      tenantId: k.owner.tenantId,
      conversationId: other.id,
      changes: { unreadCount: 1 },
    });
    newMessage(mine, "pesan-sendiri");
    await waitFor(async () =>
      socket.events.slice(from).some((e) => JSON.stringify(e.payload).includes("pesan-sendiri"))
        ? true
        : undefined,
    );
    const heard = socket.events.slice(from).map((e) => JSON.stringify(e.payload));
    expect(heard.filter((p) => p.includes(other.id) || p.includes("pesan-lain"))).toEqual([]);
  });

  it("a role with neither inbox permission reads no conversation (403)", async () => {
    const none = await userWith("Tanpa Inbox", ["contacts.read"]);
    const r = await none.api("GET", "/conversations");
    expect({ status: r.status, code: errorOf(r)?.code }).toEqual({ status: 403, code: "forbidden" });
  });
});
