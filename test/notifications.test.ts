/**
 * The shop is told what it must act on: a channel blocked (Baileys 403 / Meta 131048, 368)
 * and the campaigns it paused, once each, listed with names, pushed on the bus for the
 * sockets, and marked read; another shop sees none of it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { NotificationDto } from "../src/modules/notifications/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { addTenant, apiClient, type Api } from "./support/api.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let channelId: string;
const pushed: NotificationDto[] = [];

type List = { items: NotificationDto[]; unread: number };

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  k.bus.on("notification.new", ({ notification }) => pushed.push(notification));
  channelId = (await api<Array<{ id: string }>>("GET", "/channels")).body[0]!.id;
  await api("PATCH", `/channels/${channelId}`, { pacingPreset: "demo" });
  await waitFor(async () =>
    (await api<{ status: string }>("GET", `/channels/${channelId}`)).body.status === "connected"
      ? true
      : undefined,
  );
});
afterAll(async () => k?.close());

describe("notifications", () => {
  it("tells the shop once that its number was blocked and which campaign paused because of it", async () => {
    const created = await api<{ id: string }>("POST", "/campaigns", {
      name: "Promo Lebaran",
      channelId,
      body: "Halo {{name}}",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    await api("POST", `/campaigns/${created.body.id}/start`);
    await api("POST", `/sandbox/channels/${channelId}/faults`, { type: "ban" });
    try {
      const list = await waitFor(async () => {
        const r = await api<List>("GET", "/notifications");
        return r.body.items.length >= 2 ? r.body : undefined;
      });
      const byKind = new Map(list.items.map((n) => [n.kind, n]));
      expect(byKind.get("channel_blocked")).toMatchObject({
        severity: "error",
        channelId,
        channelName: expect.any(String),
        readAt: null,
      });
      expect(byKind.get("campaign_paused")).toMatchObject({
        severity: "warning",
        campaignId: created.body.id,
        campaignName: "Promo Lebaran",
        reason: "channel_blocked",
      });
      expect(list.unread).toBe(2);
      // Each is pushed once it is stored and read back with its names: the second push may
      // still be on its way when the list already shows both.
      await waitFor(async () => (pushed.length >= 2 ? true : undefined));
      expect(pushed.map((n) => n.kind).sort()).toEqual(["campaign_paused", "channel_blocked"]);

      // The same state again (a flapping channel) is not told twice while still unread: once
      // the listener's notify for it has answered, it stored nothing.
      const notify = vi.spyOn(k.services.notifications, "notify");
      try {
        k.bus.emit("channel.status", {
          tenantId: k.owner.tenantId,
          channelId,
          status: "blocked",
          reason: "again",
        });
        const again = notify.mock.calls.findIndex(([n]) => n.reason === "again");
        expect(again).toBeGreaterThanOrEqual(0);
        expect(await notify.mock.results[again]!.value).toBeNull();
      } finally {
        notify.mockRestore();
      }
      expect(
        (await api<List>("GET", "/notifications")).body.items.filter((n) => n.kind === "channel_blocked"),
      ).toHaveLength(1);
    } finally {
      // The next tests need the number unblocked and the campaign over, whatever happened here.
      await api("POST", `/sandbox/channels/${channelId}/faults`, { type: "clear" });
      await api("POST", `/campaigns/${created.body.id}/cancel`);
    }
  });

  it("an owner pausing a campaign is not a notification; a campaign ending is", async () => {
    await waitFor(async () =>
      (await api<{ status: string }>("GET", `/channels/${channelId}`)).body.status === "connected"
        ? true
        : undefined,
    );
    await api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" });
    const created = await api<{ id: string }>("POST", "/campaigns", {
      name: "Info stok",
      channelId,
      body: "Stok baru",
      audience: { type: "labels", labels: [DEMO_LABEL] },
    });
    await api("POST", `/campaigns/${created.body.id}/start`);
    await api("POST", `/campaigns/${created.body.id}/pause`);
    await api("POST", `/campaigns/${created.body.id}/resume`);
    const done = await waitFor(async () => {
      const r = await api<List>("GET", "/notifications");
      return r.body.items.find((n) => n.campaignId === created.body.id && n.kind === "campaign_completed");
    }, 30_000);
    expect(done).toMatchObject({ severity: "info", campaignName: "Info stok" });
    const forIt = (await api<List>("GET", "/notifications")).body.items.filter(
      (n) => n.campaignId === created.body.id,
    );
    expect(forIt.map((n) => n.kind)).toEqual(["campaign_completed"]);
  });

  it("marks one and then all read; the unread filter and count follow", async () => {
    const before = (await api<List>("GET", "/notifications?unread=true")).body;
    expect(before.unread).toBeGreaterThanOrEqual(3);
    const one = await api<NotificationDto>("POST", `/notifications/${before.items[0]!.id}/read`);
    expect(one.status).toBe(200);
    expect(one.body.readAt).not.toBeNull();
    const after = (await api<List>("GET", "/notifications?unread=true")).body;
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.map((n) => n.id)).not.toContain(before.items[0]!.id);
    expect((await api<{ marked: number }>("POST", "/notifications/read-all")).body.marked).toBe(
      before.unread - 1,
    );
    expect((await api<List>("GET", "/notifications")).body.unread).toBe(0);
  });

  it("another shop sees none of them and cannot mark them read", async () => {
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "rahasia-lain-123");
    expect((await other.api<List>("GET", "/notifications")).body).toEqual({ items: [], unread: 0 });
    const mine = (await api<List>("GET", "/notifications")).body.items[0]!;
    expect((await other.api("POST", `/notifications/${mine.id}/read`)).status).toBe(404);
  });
});
