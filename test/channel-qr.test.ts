/**
 * A channel's connection as the shop owner lives it: a new sandbox number shows a QR,
 * the phone scans it, the number connects, disconnects and reconnects without a new scan,
 * and after a log-out needs a QR again; dropped connections come back by themselves, and a
 * device removed from the phone pauses the campaign it was sending. Every status change
 * is stored with the time it happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelStatus } from "../src/channels/transport.js";
import type { BusEvents } from "../src/lib/bus.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { startCampaign, untilCampaign } from "./support/campaigns.js";
import { connectedSandboxChannel, getChannel, untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  // QR codes rotate every 20 s of simulated time: at 0.05 that is 1 s, so the test can
  // scan before the code changes or expires even on a loaded machine.
  k = await startTestKabar({ KABAR_SANDBOX_TIME_SCALE: "0.05" });
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

/** Every `event` the bus carries from now on, for one channel (all until it is known). */
function record<E extends "channel.qr" | "channel.status">(
  event: E,
): { of(channelId: string): Array<BusEvents[E]> } {
  const seen: Array<BusEvents[E]> = [];
  k.bus.on(event, (e) => seen.push(e));
  return { of: (channelId) => seen.filter((e) => e.channelId === channelId) };
}

/** Runs a channel verb (POST /channels/:id/<verb>) and waits for the status it leads to. */
async function verb(
  channelId: string,
  name: "connect" | "disconnect" | "logout",
  status: ChannelStatus,
): Promise<ChannelDto> {
  await ok(api<ChannelDto>("POST", `/channels/${channelId}/${name}`));
  return untilChannelStatus(api, channelId, status);
}

describe("connecting a sandbox channel", () => {
  it("shows a QR, connects once scanned, reconnects without a scan until logged out", async () => {
    const qrs = record("channel.qr");
    const created = await ok(
      api<ChannelDto>("POST", "/channels", { name: "Toko Cabang", kind: "sandbox" }),
      201,
    );
    expect(created.kind).toBe("sandbox");
    expect(created.phone).toMatch(/^\+628\d+$/);
    const showing = await untilChannelStatus(api, created.id, "qr");
    expect(qrs.of(created.id)).toEqual([
      {
        tenantId: k.owner.tenantId,
        channelId: created.id,
        qr: expect.stringMatching(/\S+/),
        expiresAt: expect.any(Number),
      },
    ]);
    expect(qrs.of(created.id)[0]!.expiresAt).toBeGreaterThan(Date.now() - 60_000);

    expect(await ok(api("POST", `/sandbox/channels/${created.id}/scan`))).toEqual({ scanned: true });
    const connected = await untilChannelStatus(api, created.id, "connected");
    const disconnected = await verb(created.id, "disconnect", "disconnected");
    const shownBefore = qrs.of(created.id).length;
    const reconnected = await verb(created.id, "connect", "connected");
    expect(qrs.of(created.id)).toHaveLength(shownBefore); // paired: no new QR
    const loggedOut = await verb(created.id, "logout", "logged_out");
    await verb(created.id, "connect", "qr");
    expect(qrs.of(created.id).length).toBeGreaterThan(shownBefore); // unlinked: a new QR to scan
    expect(await ok(api("POST", `/sandbox/channels/${created.id}/scan`))).toEqual({ scanned: true });
    await untilChannelStatus(api, created.id, "connected");

    // Each change stored with its time.
    const since = [showing, connected, disconnected, reconnected, loggedOut].map((c) =>
      Date.parse(c.statusSince),
    );
    for (let i = 1; i < since.length; i++) expect(since[i]).toBeGreaterThan(since[i - 1]!);
    expect(disconnected.lastError).toBe("closed");
    expect(loggedOut.lastError).toBe("logout");
  });

  it("gives a page opened later the QR on screen now, and none once linked", async () => {
    const qrs = record("channel.qr");
    const created = await ok(
      api<ChannelDto>("POST", "/channels", { name: "Toko Baru", kind: "sandbox" }),
      201,
    );
    await untilChannelStatus(api, created.id, "qr");
    const link = await waitFor(async () => {
      const shown = qrs.of(created.id).at(-1);
      const l = await ok(
        api<{ kind: string; value: string; expiresAt: number } | null>("GET", `/channels/${created.id}/link`),
      );
      return shown && l?.value === shown.qr ? l : undefined;
    });
    expect(link).toMatchObject({ kind: "qr", expiresAt: expect.any(Number) });
    await ok(api("POST", `/sandbox/channels/${created.id}/scan`));
    await untilChannelStatus(api, created.id, "connected");
    expect(await ok(api("GET", `/channels/${created.id}/link`))).toBeNull();
  });

  it("comes back by itself after the connection drops", async () => {
    const statuses = record("channel.status");
    const channel = await connectedSandboxChannel(api, "Koneksi putus");
    const before = await getChannel(api, channel.id);
    await ok(api("POST", `/sandbox/channels/${channel.id}/faults`, { type: "disconnect" }), 204);

    await waitFor(async () =>
      statuses.of(channel.id).some((s) => s.reason === "connection_lost") ? true : undefined,
    );
    const back = await waitFor(async () =>
      statuses.of(channel.id).at(-1)?.status === "connected" ? getChannel(api, channel.id) : undefined,
    );
    expect(back.status).toBe("connected");
    expect(Date.parse(back.statusSince)).toBeGreaterThan(Date.parse(before.statusSince));
    expect(
      statuses
        .of(channel.id)
        .slice(-2)
        .map((s) => [s.status, s.reason]),
    ).toEqual([
      ["connecting", "connection_lost"],
      ["connected", undefined],
    ]);
  });

  it("pauses the running campaign when the device is logged out from the phone", async () => {
    const channel = await connectedSandboxChannel(api, "Perangkat dihapus"); // demo pacing: ~1 s a message
    const campaign = await startCampaign(api, {
      name: "Terputus",
      channelId: channel.id,
      body: "Halo {{name|kak}}",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    await ok(api("POST", `/sandbox/channels/${channel.id}/faults`, { type: "logout" }), 204);

    const paused = await untilCampaign(api, campaign.id, (c) => c.status !== "running");
    expect([paused.status, paused.statusReason]).toEqual(["paused", "channel_logged_out"]);
    expect(paused.counts.pending).toBeGreaterThan(0);
    const stored = await untilChannelStatus(api, channel.id, "logged_out");
    expect(stored.lastError).toBe("device_removed");
  });
});
