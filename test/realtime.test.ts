import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { addTenant, apiClient, ok, untilConnected, type Api } from "./support/api.js";
import { startCampaign } from "./support/campaigns.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { connected, socketRecorder, type Recorded } from "./support/sockets.js";
import { waitFor } from "./support/wait.js";

/**
 * Socket.IO on a listening Kabar: sockets authenticate with the HTTP session cookie, sit
 * in their tenant's room, and receive their own tenant's events only.
 */

let k: TestKabar;
let url: string;
let a: Api;
let channelId: string;
let other: Awaited<ReturnType<typeof addTenant>>;
const recorder = socketRecorder(() => url);
const open = recorder.open;

const progressOf = (rec: Recorded, campaignId: string) =>
  rec.events
    .filter((e) => e.name === "campaign.progress")
    .map((e) => (e.payload as { campaign: CampaignDto }).campaign)
    .filter((c) => c.id === campaignId);

beforeAll(async () => {
  k = await startTestKabar({ HOST: "127.0.0.1", PORT: "0" }, { listen: true });
  url = `http://127.0.0.1:${(k.http!.server.address() as AddressInfo).port}`;
  a = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await ok(a<ChannelDto[]>("GET", "/channels")))[0]!.id;
  await untilConnected(a, channelId);
  await ok(a("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
  other = await addTenant(k, "Toko Kedua", "pemilik@toko-kedua.test", "rahasia-kedua-123");
});

afterAll(async () => {
  recorder.closeAll();
  await k?.close();
});

describe("realtime (Socket.IO)", () => {
  it("refuses a socket without a session, with a bogus session, or from another origin", async () => {
    for (const headers of [
      {},
      { cookie: "kabar_session=palsu" },
      { cookie: k.cookie, origin: "http://evil.example" },
    ] as Array<Record<string, string>>) {
      const rec = open(headers);
      await expect(connected(rec.socket), JSON.stringify(headers)).rejects.toThrow();
      expect(rec.socket.connected).toBe(false);
    }
  });

  it("delivers a tenant's campaign progress with fresh counts to its sockets only, at most ~4 a second", async () => {
    const mine = open({ cookie: k.cookie });
    const theirs = open({ cookie: other.cookie });
    const sameOrigin = open({ cookie: k.cookie, origin: url });
    await Promise.all([connected(mine.socket), connected(theirs.socket), connected(sameOrigin.socket)]);

    const triggers: string[] = [];
    // What the forwarder turns into progress events: progress and status changes on the bus.
    const offs = (["campaign.progress", "campaign.status"] as const).map((event) =>
      k.bus.on(event, ({ campaignId }) => triggers.push(campaignId)),
    );
    const c = await startCampaign(a, {
      name: "Realtime",
      channelId,
      body: "Halo {{name|kak}}",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    const last = await waitFor(
      async () =>
        progressOf(mine, c.id).find(
          (p) => p.counts.pending + p.counts.sending === 0 && p.status === "completed",
        ),
      60_000,
    );
    for (const off of offs) off();

    expect(last.counts.total).toBe(50);
    const events = progressOf(mine, c.id);
    // Counts only move forward, and the events are throttled: the dispatcher's progress
    // announcements are coalesced into fewer events (the 250 ms rhythm itself is tested
    // with a fake clock in src/realtime/throttle.test.ts).
    const done = events.map((p) => p.counts.total - p.counts.pending - p.counts.sending);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    const announced = triggers.filter((id) => id === c.id).length;
    expect(events.length).toBeLessThan(announced);
    // What the socket says is what the API says.
    const fresh = await ok(a<CampaignDto>("GET", `/campaigns/${c.id}`));
    expect({ ...last.counts, read: 0, delivered: 0, sent: 0, replied: 0 }).toEqual({
      ...fresh.counts,
      read: 0,
      delivered: 0,
      sent: 0,
      replied: 0,
    });
    expect(mine.events.some((e) => e.name === "campaign.status")).toBe(true);
    // The sandbox phones' deliveries are announced too (for the phone page).
    expect(
      mine.events.some(
        (e) => e.name === "sandbox.message" && (e.payload as { direction: string }).direction === "in",
      ),
    ).toBe(true);
    // A socket of the same shop from the same origin gets the same progress, in the same order.
    await waitFor(async () => (progressOf(sameOrigin, c.id).length >= events.length ? true : undefined));
    expect(progressOf(sameOrigin, c.id).slice(0, events.length)).toEqual(events);

    // A customer's reply moves the campaign's replied count, pushed without asking. The count
    // is read first (other customers' own replies can only add to it), then someone who has
    // not replied yet writes (a second reply is not counted again).
    const repliedBefore = (await ok(a<CampaignDto>("GET", `/campaigns/${c.id}`))).counts.replied;
    const recipients = await ok(
      a<Array<{ phone: string; status: string; repliedAt: string | null }>>(
        "GET",
        `/campaigns/${c.id}/recipients?pageSize=100`,
      ),
    );
    const recipient = recipients.find(
      (r) => r.status !== "skipped" && r.status !== "failed" && !r.repliedAt,
    )!;
    await ok(
      a("POST", `/sandbox/phones/${encodeURIComponent(recipient.phone)}/messages`, {
        channelId,
        text: "Mau kak, masih ada?",
      }),
    );
    await waitFor(async () => progressOf(mine, c.id).find((p) => p.counts.replied > repliedBefore), 20_000);
    await waitFor(async () =>
      mine.events.find(
        (e) =>
          e.name === "sandbox.message" &&
          (e.payload as { phones: string[] }).phones.includes(recipient.phone) &&
          (e.payload as { direction: string }).direction === "out",
      ),
    );
    expect(mine.events.some((e) => e.name === "message.new")).toBe(true);

    // The other shop heard nothing of it: once an event of its own, emitted after all of the
    // above, reached its socket (a socket's events arrive in order), it is the only one there.
    k.bus.emit("channel.status", { tenantId: other.tenantId, channelId: "fence", status: "connected" });
    await waitFor(async () => (theirs.events.length > 0 ? true : undefined));
    expect(theirs.socket.connected).toBe(true);
    expect(theirs.events).toEqual([
      { name: "channel.status", payload: { channelId: "fence", status: "connected" } },
    ]);
  });
});
