/**
 * Every socket event passes the same permission check as the HTTP route that returns the
 * same data (EVENT_PERMISSIONS in src/realtime/protocol.ts). For every event type of the
 * protocol: the shop's owner receives it (the trigger works), another shop's sockets
 * never do, and an agent receives it only when agents may read that data over HTTP (the
 * event needs the permission of its route, src/http/route-permissions.ts).
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { EVENT_PERMISSIONS, SERVER_EVENT_TYPES, type ServerEventType } from "../src/realtime/protocol.js";
import { routeNeed } from "../src/http/route-permissions.js";
import { BUILT_IN_ROLE_SPECS } from "../src/lib/permissions.js";
import { addTenant, apiClient, ok, signIn, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { connected, socketRecorder, type Recorded } from "./support/sockets.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let url: string;
let a: Api;
let channelId: string;
let draftId: string;
let other: Awaited<ReturnType<typeof addTenant>>;
let agentCookie: string;
const recorder = socketRecorder(() => url);
/** A recorded socket signed in with `cookie`. */
const open = (cookie: string): Recorded => recorder.open({ cookie });
let ownerA: Recorded;
let agentA: Recorded;
let ownerB: Recorded;
let agentB: Recorded;

/** The events of `rec` that carry `marker` anywhere in their payload. */
const carrying = (rec: Recorded, marker: string) =>
  rec.events.filter((e) => JSON.stringify(e.payload).includes(marker));

/** Whether the built-in agent role may read what `event` carries. */
const agentMay = (event: ServerEventType): boolean => {
  const { permission } = EVENT_PERMISSIONS[event];
  const held = BUILT_IN_ROLE_SPECS.agent.permissions as readonly string[];
  return (
    permission === null ||
    (typeof permission === "string" ? held.includes(permission) : permission.some((p) => held.includes(p)))
  );
};

let fences = 0;
/**
 * Waits until every socket has received everything emitted before now: one event every
 * socket may see goes to each tenant after the rest, and a socket's events arrive in order.
 */
async function fence(): Promise<void> {
  const marker = `fence-${++fences}`;
  for (const tenantId of [k.owner.tenantId, other.tenantId])
    k.bus.emit("channel.status", { tenantId, channelId: marker, status: "connected" });
  await waitFor(async () =>
    [ownerA, agentA, ownerB, agentB].every((r) => carrying(r, marker).length > 0) ? true : undefined,
  );
}

/**
 * How to make the server push each event type to shop A, carrying `marker`. A Record over
 * every event type: a new event type fails to compile until it has a trigger here.
 */
const TRIGGERS: Record<ServerEventType, (tenantId: string, marker: string) => void> = {
  // Progress carries the campaign itself (fresh counts): the marker is the campaign's id.
  "campaign.progress": (tenantId) => k.bus.emit("campaign.progress", { tenantId, campaignId: draftId }),
  "campaign.status": (tenantId, marker) =>
    k.bus.emit("campaign.status", { tenantId, campaignId: marker, status: "running" }),
  "notification.new": (tenantId, marker) =>
    k.bus.emit("notification.new", {
      tenantId,
      notification: {
        id: marker,
        type: "channel_blocked",
        title: marker,
        body: marker,
        channelId: null,
        campaignId: null,
        readAt: null,
        createdAt: new Date().toISOString(),
      } as never,
    }),
  "channel.status": (tenantId, marker) =>
    k.bus.emit("channel.status", { tenantId, channelId: marker, status: "connected" }),
  "channel.restrictions": (tenantId, marker) =>
    k.bus.emit("channel.restrictions", {
      tenantId,
      channelId: marker,
      restrictions: { cap: { state: "NONE" }, timelock: { active: false }, at: Date.now() },
    }),
  "channel.qr": (tenantId, marker) =>
    k.bus.emit("channel.qr", { tenantId, channelId: channelId, qr: marker, expiresAt: Date.now() + 20_000 }),
  "channel.pairing-code": (tenantId, marker) =>
    k.bus.emit("channel.pairing-code", {
      tenantId,
      channelId: channelId,
      code: marker,
      expiresAt: Date.now() + 60_000,
    }),
  "message.new": (tenantId, marker) =>
    k.bus.emit("message.new", { tenantId, channelId, contactId: marker, messageId: marker, direction: "in" }),
  "message.status": (tenantId, marker) =>
    k.bus.emit("message.status", {
      tenantId,
      channelId,
      contactId: marker,
      messageId: marker,
      status: "read",
    }),
  "conversation.opened": (tenantId, marker) =>
    k.bus.emit("conversation.opened", {
      tenantId,
      channelId,
      contactId: marker,
      conversationId: marker,
      reopened: false,
    }),
  "conversation.updated": (tenantId, marker) =>
    k.bus.emit("conversation.updated", { tenantId, conversationId: marker, changes: { unreadCount: 0 } }),
  "conversation.note": (tenantId, marker) =>
    k.bus.emit("conversation.note", {
      tenantId,
      conversationId: marker,
      note: { id: marker, authorId: null, body: marker, createdAt: new Date().toISOString() },
    }),
  "sandbox.message": (tenantId, marker) =>
    k.bus.emit("sandbox.message", { tenantId, channelId, direction: "in", phones: [marker] }),
  "sandbox.typing": (tenantId, marker) =>
    k.bus.emit("sandbox.typing", { tenantId, channelId, phone: marker, typing: true }),
  "conversation.assigned": (tenantId, marker) =>
    k.bus.emit("conversation.assigned", {
      tenantId,
      conversationId: marker,
      assigneeId: null,
      previousAssigneeId: null,
      reason: "auto",
    }),
  "agent.presence": (tenantId, marker) =>
    k.bus.emit("agent.presence", { tenantId, userId: marker, online: true }),
  "order.changed": (tenantId, marker) =>
    k.bus.emit("order.changed", {
      tenantId,
      id: marker,
      number: marker,
      status: "new",
      kind: "created",
      contactId: null,
      outletId: null,
    }),
};

beforeAll(async () => {
  k = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true });
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  a = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await ok(a<ChannelDto[]>("GET", "/channels")))[0]!.id;
  draftId = (
    await ok(
      a<CampaignDto>("POST", "/campaigns", {
        name: "Draf izin",
        channelId,
        body: "Halo",
        audience: { type: "all" },
      }),
      201,
    )
  ).id;
  other = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "rahasia-kedua-123");
  await factory(k).user("agent", { email: "agen@toko-contoh.test", password: "rahasia-agen-123" });
  agentCookie = (await signIn(k.http!, "agen@toko-contoh.test", "rahasia-agen-123")).cookie;
  await factory(k, other.tenantId).user("agent", {
    email: "agen@toko-kedua.test",
    password: "rahasia-agen-456",
  });
  const agentBCookie = (await signIn(k.http!, "agen@toko-kedua.test", "rahasia-agen-456")).cookie;
  ownerA = open(k.cookie);
  agentA = open(agentCookie);
  ownerB = open(other.cookie);
  agentB = open(agentBCookie);
  await Promise.all([ownerA, agentA, ownerB, agentB].map((r) => connected(r.socket)));
});

afterAll(async () => {
  recorder.closeAll();
  await k?.close();
});

describe("socket event permissions", () => {
  it("covers every event type of the protocol, each needing exactly the permission of its HTTP route", () => {
    expect(SERVER_EVENT_TYPES.length).toBeGreaterThanOrEqual(14);
    for (const event of SERVER_EVENT_TYPES) {
      const { permission, route } = EVENT_PERMISSIONS[event];
      const [method = "", path = ""] = route.split(" ");
      const need = routeNeed(method, `/api/v1${path}`);
      expect({ event, need }).toEqual({ event, need: permission ?? "signedIn" });
    }
    const notForAgents = SERVER_EVENT_TYPES.filter((e) => !agentMay(e)).sort();
    expect(notForAgents).toEqual([
      "campaign.progress",
      "campaign.status",
      "channel.pairing-code",
      "channel.qr",
    ]);
  });

  it.each(SERVER_EVENT_TYPES)(
    "%s: reaches its own shop only, and agents only when they may read it",
    async (event) => {
      const marker =
        event === "campaign.progress" ? draftId : `${event}-${Math.random().toString(36).slice(2)}`;
      const before = [ownerA, agentA, ownerB, agentB].map((r) => r.events.length);
      const got = (rec: Recorded, i: number) =>
        rec.events
          .slice(before[i])
          .filter((e) => e.name === event && JSON.stringify(e.payload).includes(marker));
      TRIGGERS[event](k.owner.tenantId, marker);
      // The owner receives it (some events are read from the database first), then everything
      // emitted before the fence has reached every socket.
      await waitFor(async () => (got(ownerA, 0).length > 0 ? true : undefined));
      await fence();
      expect(got(ownerA, 0), "the owner of the shop").toHaveLength(1);
      expect(got(agentA, 1), "an agent of the shop").toHaveLength(agentMay(event) ? 1 : 0);
      expect(got(ownerB, 2), "another shop's owner").toHaveLength(0);
      expect(got(agentB, 3), "another shop's agent").toHaveLength(0);
    },
  );

  it("a real QR of a new channel reaches the owner, never the agent (GET /channels/:id/link is owner-only)", async () => {
    const created = await ok(a<ChannelDto>("POST", "/channels", { name: "Cabang QR", kind: "sandbox" }), 201);
    await untilChannelStatus(a, created.id, "qr");
    await waitFor(async () =>
      ownerA.events.some(
        (e) => e.name === "channel.qr" && (e.payload as { channelId: string }).channelId === created.id,
      )
        ? true
        : undefined,
    );
    await fence();
    expect(agentA.events.filter((e) => e.name === "channel.qr" || e.name === "channel.pairing-code")).toEqual(
      [],
    );
    expect(
      (await apiClient(k.http!, { cookie: agentCookie })("GET", `/channels/${created.id}/link`)).status,
    ).toBe(403);
    // The agent still sees the channel's status, as GET /channels/:id shows it to them (it is
    // announced just after it is stored, so it may come after the API shows it).
    await waitFor(async () =>
      agentA.events.some(
        (e) => e.name === "channel.status" && (e.payload as { channelId: string }).channelId === created.id,
      )
        ? true
        : undefined,
    );
  });
});
