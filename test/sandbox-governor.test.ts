/**
 * Number safety end to end on the sandbox (issue 15, "Done when"): with the sandbox playing
 * WhatsApp's new-chat cap (as in the demo), a campaign to a mixed list keeps sending to the
 * customers who wrote to the number (warm) while the cap or a reach-out timelock holds the
 * new chats (cold); the campaign's report counts the held ones by reason, the shop is told,
 * and when the number may reach out again every customer gets the message exactly once.
 * The cap and the lock come from the sandbox's faults, so the test is deterministic; it
 * waits for what the API answers, never for time.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../src/db/schema/index.js";
import type { CampaignDto, EstimateResult } from "../src/modules/campaigns/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { DEMO_LABEL, DEMO_WARM_CUSTOMERS } from "../src/modules/tenants/seed.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ChannelHealthDto } from "../src/modules/health/schemas.js";
import type { NotificationDto } from "../src/modules/notifications/schemas.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { startCampaign, untilCampaign } from "./support/campaigns.js";
import { connectedSandboxChannel, setPacing } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const LABEL = "uji-batas";
const BODY = "Promo uji batas untuk {{name|kak}}";

let k: TestKabar;
let api: Api;
let channel: ChannelDto;
let warm: string[];
let cold: string[];

beforeAll(async () => {
  // The cap as the demo plays it; 0.01: a cap cycle lasts 864 s, far longer than the test,
  // so the fault's cap stays for the whole test (a fresh number: its cycle starts now).
  k = await startTestKabar({ KABAR_SANDBOX_NEW_CHAT_CAP: "true", KABAR_SANDBOX_TIME_SCALE: "0.01" });
  api = apiClient(k.http!, { cookie: k.cookie });
  channel = await connectedSandboxChannel(api, "Toko Batas");
  await ok(api("PATCH", `/channels/${channel.id}`, { pacingPreset: "off" }));
  const phones = await labelNewCustomers(6);
  warm = phones.slice(0, 3);
  cold = phones.slice(3);
  // The warm customers wrote to this number before the campaign.
  for (const phone of warm)
    await ok(
      api("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
        channelId: channel.id,
        text: "Kak, stok masih ada?",
      }),
    );
  await waitFor(async () => {
    const inbound = await k.database.db
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.direction, "in")));
    return inbound.length >= warm.length ? true : undefined;
  });
});
afterAll(async () => k?.close());

/**
 * Labels `count` demo customers who are on WhatsApp, never answer STOP, and are not among
 * those the demo seed has write to the demo number (warm for every number of the shop).
 */
async function labelNewCustomers(count: number, label = LABEL, skip = 0): Promise<string[]> {
  const wroteFirst = new Set(k.seeded!.firstMessages.map((m) => m.from));
  const page = await ok(
    api<{ items: ContactDto[] }>("GET", `/contacts?label=${DEMO_LABEL}&optedOut=false&pageSize=200`),
  );
  const chosen = page.items
    .filter((c) => !wroteFirst.has(c.phone))
    .filter((c) => k.sandbox.phone(c.phone).onWhatsApp && !k.sandbox.phone(c.phone).optOutRate)
    .slice(skip, skip + count);
  await ok(api("POST", "/contacts/bulk-label", { contactIds: chosen.map((c) => c.id), add: [label] }));
  return chosen.map((c) => c.phone);
}

const fault = (body: unknown) => ok(api("POST", `/sandbox/channels/${channel.id}/faults`, body), 204);

/** The sandbox's accepted campaign messages per customer phone. */
async function campaignDeliveries(): Promise<Map<string, number>> {
  const per = new Map<string, number>();
  for (const d of await k.sandboxStore.listDeliveries(channel.id, 0))
    if (d.text?.startsWith("Promo uji batas")) per.set(d.to, (per.get(d.to) ?? 0) + 1);
  return per;
}

/** The shop's notifications about this number. */
async function restrictedNotes(): Promise<NotificationDto[]> {
  const { items } = await ok(api<{ items: NotificationDto[] }>("GET", "/notifications?limit=200"));
  return items.filter((n) => n.kind === "channel_restricted" && n.channelId === channel.id);
}

describe("a campaign on a sandbox number that plays the new-chat cap", () => {
  it("a new number shows the warm-up quota of its first day: 20 new chats", async () => {
    const health = await waitFor(async () => {
      const h = await ok(api<ChannelHealthDto>("GET", `/channels/${channel.id}/health`));
      return h.restrictions?.cap?.total !== undefined ? h : undefined;
    });
    expect(health.restrictions?.cap).toMatchObject({ state: "NONE", total: 20, used: 0 });
    expect(health.reach).toMatchObject({ newChats: 20, limitedBy: "new_chat_cap" });
  });

  it("holds new chats while capped or locked, sends to warm customers, and ends with every customer sent once", async () => {
    // The number has used its new chats of today.
    await fault({ type: "cap", state: "CAPPED", total: 5 });
    const started = await startCampaign(api, {
      name: "Promo uji batas",
      channelId: channel.id,
      body: BODY,
      audience: { type: "labels", labels: [LABEL], match: "any" },
    });

    // Warm customers get theirs; the new chats are held, counted by reason, with the cycle's end.
    // (The report's counts and the campaign's row are read one after the other: wait for both.)
    const capped = await untilCampaign(
      api,
      started.id,
      (c) => c.counts.held.capped === cold.length && c.heldUntil !== null,
    );
    expect(capped.counts.warm).toBe(warm.length);
    expect(capped.status).toBe("running");
    expect(Date.parse(capped.heldUntil!)).toBeGreaterThan(Date.now());
    const afterCap = await waitFor(async () => {
      const per = await campaignDeliveries();
      return warm.every((p) => per.get(p) === 1) ? per : undefined;
    });
    expect(cold.filter((p) => afterCap.has(p))).toEqual([]);
    const told = await waitFor(async () => {
      const notes = await restrictedNotes();
      return notes.some((n) => n.reason === "capped") ? notes : undefined;
    });
    expect(told.find((n) => n.reason === "capped")).toMatchObject({
      severity: "warning",
      channelName: "Toko Batas",
    });

    // A reach-out timelock comes on top, then the cap has room again: still held, now by the lock.
    await fault({ type: "timelock", minutes: 7 * 24 * 60 });
    await fault({ type: "cap", total: 5, used: 0 });
    const locked = await untilCampaign(api, started.id, (c) => c.counts.held.timelock === cold.length);
    expect(locked.counts.held.capped).toBe(0);
    const whileLocked = await campaignDeliveries();
    expect(cold.filter((p) => whileLocked.has(p))).toEqual([]);
    await waitFor(async () =>
      (await restrictedNotes()).some((n) => n.reason === "timelock") ? true : undefined,
    );

    // The lock is lifted: the new chats go out, each customer once, and the campaign completes.
    await fault({ type: "unlock" });
    const done: CampaignDto = await untilCampaign(api, started.id, (c) => c.status === "completed");
    expect(done.counts.held).toEqual({ cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0 });
    expect(done.heldUntil).toBeNull();
    const per = await campaignDeliveries();
    expect([...warm, ...cold].map((p) => per.get(p) ?? 0)).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...per.keys()].sort()).toEqual([...warm, ...cold].sort());
    await waitFor(async () =>
      (await restrictedNotes()).some((n) => n.reason === "resumed") ? true : undefined,
    );
  });
});

describe("the demo with the new-chat cap played", () => {
  it("has a few customers who wrote to the demo number first: the composer counts them warm beside the new chats", async () => {
    const demo = { id: k.seeded!.channelId };
    const estimate = await waitFor(async () => {
      const e = await ok(
        api<EstimateResult>("POST", "/campaigns/estimate", {
          channelId: demo.id,
          audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
        }),
      );
      // The seed's customers, and the warm customers of the test above (who wrote to another
      // of the shop's numbers within its warm days).
      return e.warm === DEMO_WARM_CUSTOMERS + warm.length ? e : undefined;
    });
    expect(estimate.newChats).toBe(estimate.recipients - estimate.optedOut - estimate.warm);
    expect(estimate.newChats).toBeGreaterThan(20);
    // The numbers page: the demo number may start 20 new chats today.
    const health = await ok(api<ChannelHealthDto>("GET", `/channels/${demo.id}/health`));
    expect(health.reach).toMatchObject({ newChats: 20, limitedBy: "new_chat_cap" });
  });
});

describe("a campaign over two numbers when one reaches its new-chat cap", () => {
  it("the other number takes the capped number's new chats, each customer sent once", async () => {
    const second = await connectedSandboxChannel(api, "Toko Batas Dua");
    await ok(api("PATCH", `/channels/${second.id}`, { pacingPreset: "off" }));
    // The first number sends slowly, so the cap lands before it sent more than one.
    await setPacing(api, channel.id, "demo", { minDelayMs: 5_000, maxDelayMs: 5_000 });
    await fault({ type: "unlock" });
    await fault({ type: "cap", total: 50, used: 0 });
    const phones = await labelNewCustomers(8, "uji-dua-nomor", 6);
    const started = await startCampaign(api, {
      name: "Promo dua nomor",
      channelId: channel.id,
      body: "Promo dua nomor untuk {{name|kak}}",
      audience: { type: "labels", labels: ["uji-dua-nomor"], match: "any" },
      pool: [
        { channelId: channel.id, weight: 1 },
        { channelId: second.id, weight: 1 },
      ],
    });
    const share = started.byChannel.find((b) => b.channelId === channel.id)!.recipients;
    expect(share).toBeGreaterThan(0);
    await fault({ type: "cap", state: "CAPPED", total: 5 });

    const done = await untilCampaign(api, started.id, (c) => c.status === "completed", 60_000);
    expect(done.counts.held).toEqual({ cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0 });
    const sentBy = (id: string) => done.byChannel.find((b) => b.channelId === id)?.sent ?? 0;
    expect(sentBy(channel.id) + sentBy(second.id)).toBe(phones.length);
    // The capped number sent at most its first one; the second number sent the rest.
    expect(sentBy(channel.id)).toBeLessThanOrEqual(1);
    const received = new Map<string, number>();
    for (const id of [channel.id, second.id])
      for (const d of await k.sandboxStore.listDeliveries(id, 0))
        if (d.text?.startsWith("Promo dua nomor")) received.set(d.to, (received.get(d.to) ?? 0) + 1);
    expect([...received.keys()].sort()).toEqual([...phones].sort());
    expect([...received.values()].every((n) => n === 1)).toBe(true);
  });
});
