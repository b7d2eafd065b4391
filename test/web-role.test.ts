/**
 * A process that serves the API but holds no channels (KABAR_ROLE=web) beside one that
 * holds them, on one database: every channel and sandbox action taken through the web
 * process reaches the holder — faults, a phone's message into the inbox, disconnect and
 * connect, a new channel's QR scanned — and the owner sees the result through the web
 * process's API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const LEASES = {
  KABAR_LEASE_TTL_MS: "6000",
  KABAR_LEASE_HEARTBEAT_MS: "1000",
  KABAR_SANDBOX_TIME_SCALE: "0.05",
};

let worker: TestKabar;
let web: TestKabar;
let api: Api;
let channelId: string;

beforeAll(async () => {
  worker = await startTestKabar(LEASES);
  web = await startTestKabar({ ...LEASES, KABAR_ROLE: "web" }, {}, worker.url);
  api = apiClient(web.http!, { cookie: web.cookie });
  channelId = (await ok(api<ChannelDto[]>("GET", "/channels")))[0]!.id;
  await untilChannelStatus(api, channelId, "connected");
});
afterAll(async () => {
  await web?.close();
  await worker?.close();
});

describe("a web-only process", () => {
  it("holds no channel itself", () => {
    expect(web.manager).toBeNull();
    expect(worker.manager!.holds(channelId)).toBe(true);
  });

  it("forwards sandbox faults to the holder: a ban blocks the number, clearing it reconnects", async () => {
    await ok(api("POST", `/sandbox/channels/${channelId}/faults`, { type: "ban" }), 204);
    await untilChannelStatus(api, channelId, "blocked");
    await ok(api("POST", `/sandbox/channels/${channelId}/faults`, { type: "clear" }), 204);
    await untilChannelStatus(api, channelId, "connected");
  });

  it("delivers a virtual phone's message to the holder's inbox", async () => {
    const [phone] = await ok(api<Array<{ phone: string }>>("GET", "/sandbox/phones"));
    const text = "Halo, ini dari proses web";
    await ok(
      api("POST", `/sandbox/phones/${encodeURIComponent(phone!.phone)}/messages`, { channelId, text }),
    );
    const conversation = await waitFor(async () => {
      const list = await ok(api<Array<{ id: string; phone: string }>>("GET", "/conversations"));
      return list.find((c) => c.phone === phone!.phone);
    });
    const thread = await ok(
      api<Array<{ text: string | null; direction: string }>>(
        "GET",
        `/conversations/${conversation.id}/messages`,
      ),
    );
    expect(thread.filter((m) => m.text === text)).toEqual([expect.objectContaining({ direction: "in" })]);
  });

  it("disconnects and connects a number the other process holds", async () => {
    await ok(api("POST", `/channels/${channelId}/disconnect`));
    await untilChannelStatus(api, channelId, "disconnected");
    await ok(api("POST", `/channels/${channelId}/connect`));
    await untilChannelStatus(api, channelId, "connected");
  });

  it("adds a number: a worker takes it and shows its QR; scanning through the web process connects it", async () => {
    const created = await ok(
      api<ChannelDto>("POST", "/channels", { name: "Cabang Web", kind: "sandbox" }),
      201,
    );
    await untilChannelStatus(api, created.id, "qr", 30_000);
    expect(worker.manager!.holds(created.id)).toBe(true);
    expect(await ok(api<{ scanned: boolean }>("POST", `/sandbox/channels/${created.id}/scan`))).toEqual({
      scanned: true,
    });
    await untilChannelStatus(api, created.id, "connected");
  });
});
