/**
 * A number's health score and its reach today, as the owner reads them: GET
 * /channels/:id/health (score, parts, reach, restrictions) and GET /channels/health
 * (every number of the shop, in one query). The WhatsApp layer's restrictions are written
 * straight to the channel row, as the layer would.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import type { Restrictions } from "../src/channels/transport.js";
import type { Db } from "../src/db/client.js";
import { channels } from "../src/db/schema/index.js";
import type { Actor } from "../src/lib/actor.js";
import { createHealthService } from "../src/modules/health/index.js";
import type { ChannelHealthDto, ChannelHealthSummaryDto } from "../src/modules/health/schemas.js";
import { addTenant, apiClient, ok, type Api } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

let k: TestKabar;
let api: Api;

const health = (id: string) => ok(api<ChannelHealthDto>("GET", `/channels/${id}/health`));
const list = (as: Api = api) => ok(as<ChannelHealthSummaryDto[]>("GET", "/channels/health"));

/** A WhatsApp Web number added 60 days ago (no warm-up), safe pacing, not connected. */
const oldNumber = (over: Partial<typeof channels.$inferInsert> = {}) =>
  factory(k).channel({
    kind: "whatsapp_web",
    createdAt: new Date(Date.now() - 60 * DAY),
    pacing: PACING_PRESETS.safe,
    pacingPreset: "safe",
    ...over,
  });

/** What the WhatsApp layer writes when it reads or is told the number's restrictions. */
async function setRestrictions(channelId: string, r: Restrictions | null): Promise<void> {
  await k.database.db.update(channels).set({ restrictions: r }).where(sql`${channels.id} = ${channelId}`);
}

/** `n` outbound messages of `channelId` to new contacts, `ago` ms ago; resolves with the contacts' ids. */
async function messaged(channelId: string, n: number, ago: number): Promise<string[]> {
  const people = await factory(k).contacts(n);
  await k.database.db.execute(sql`
    INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, status, created_at)
    SELECT tenant_id, ${channelId}::uuid, id, 'out', 'h-' || id, 'Halo', 'sent', now() - ${`${ago} milliseconds`}::interval
    FROM contacts WHERE id = ANY(${`{${people.map((p) => p.id).join(",")}}`}::uuid[])`);
  return people.map((p) => p.id);
}

async function optOut(contactIds: string[], ago: number): Promise<void> {
  await k.database.db.execute(sql`
    UPDATE contacts SET opted_out = true, opted_out_at = now() - ${`${ago} milliseconds`}::interval
    WHERE id = ANY(${`{${contactIds.join(",")}}`}::uuid[])`);
}

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe("a number's health score", () => {
  it("is 100 for an old number with a clean record, and names what can be reached today", async () => {
    const c = await oldNumber();
    const h = await health(c.id);
    expect(h.health).toEqual({ score: 100, level: "healthy", parts: [] });
    expect(h.reach).toEqual({ newChats: 800, limitedBy: "daily_cap" });
    expect(h.restrictions).toBeNull();
  });

  it("drops to 30 when WhatsApp caps new chats, reaching no one new until the cycle ends", async () => {
    const c = await oldNumber();
    const cycleEnd = Date.now() + 5 * HOUR;
    await setRestrictions(c.id, {
      cap: { state: "CAPPED", total: 50, used: 50, cycleEnd },
      timelock: null,
      at: Date.now(),
    });
    const h = await health(c.id);
    expect(h.health).toMatchObject({ score: 30, level: "at_risk" });
    expect(h.health.parts).toEqual([
      { reason: "capped", kind: "ceiling", points: 30, until: new Date(cycleEnd).toISOString() },
    ]);
    expect(h.reach).toEqual({ newChats: 0, limitedBy: "capped", until: new Date(cycleEnd).toISOString() });
    expect(h.restrictions?.cap).toEqual({
      state: "CAPPED",
      total: 50,
      used: 50,
      cycleEnd: new Date(cycleEnd).toISOString(),
    });
  });

  it("is at most 20 under a timelock, and the cap left bounds the reach otherwise", async () => {
    const c = await oldNumber();
    const endsAt = Date.now() + 2 * HOUR;
    await setRestrictions(c.id, {
      cap: { state: "NONE", total: 50, used: 38 },
      timelock: { active: true, endsAt, type: "BIZ_QUALITY" },
      at: Date.now(),
    });
    const locked = await health(c.id);
    expect(locked.health.score).toBe(20);
    expect(locked.restrictions?.timelock).toEqual({
      endsAt: new Date(endsAt).toISOString(),
      type: "BIZ_QUALITY",
    });
    expect(locked.reach).toMatchObject({ newChats: 0, limitedBy: "timelock" });
    await setRestrictions(c.id, {
      cap: { state: "NONE", total: 50, used: 38 },
      timelock: null,
      at: Date.now(),
    });
    expect((await health(c.id)).reach).toEqual({ newChats: 12, limitedBy: "new_chat_cap" });
  });

  it("loses points for failures that say WhatsApp refused the number, not for numbers not on WhatsApp", async () => {
    const c = await oldNumber();
    const f = factory(k);
    const sentAt = new Date(Date.now() - DAY);
    await f.runningCampaign({ channelId: c.id, recipients: 80, recipient: { status: "sent", sentAt } });
    await f.runningCampaign({
      channelId: c.id,
      recipients: 20,
      recipient: { status: "failed", failureCode: "reachout_locked", updatedAt: new Date() },
    });
    await f.runningCampaign({
      channelId: c.id,
      recipients: 30,
      recipient: { status: "failed", failureCode: "not_on_whatsapp", updatedAt: new Date() },
    });
    // Failures older than 7 days are forgotten.
    await f.runningCampaign({
      channelId: c.id,
      recipients: 30,
      recipient: { status: "failed", failureCode: "banned", updatedAt: new Date(Date.now() - 8 * DAY) },
    });
    const h = await health(c.id);
    expect(h.health.parts).toEqual([{ reason: "failure_rate", kind: "deduction", points: 40, rate: 0.2 }]);
    expect(h.health).toMatchObject({ score: 60, level: "watch" });
  });

  it("loses points for customers who opted out within 3 days after its messages, in the last 30 days", async () => {
    const c = await oldNumber();
    const people = await messaged(c.id, 50, 5 * DAY);
    await optOut(people.slice(0, 5), 4 * DAY); // a day after the message: counted
    await optOut(people.slice(5, 8), 4 * HOUR); // four days after: not caused by it
    const other = await oldNumber();
    const theirs = await messaged(other.id, 10, 5 * DAY);
    await optOut(theirs, 4 * DAY); // after another number's message: not this one's
    const h = await health(c.id);
    expect(h.health.parts).toEqual([{ reason: "opt_out_rate", kind: "deduction", points: 40, rate: 0.1 }]);
    expect(h.health.score).toBe(60);
  });

  it("caps a young number by its warm-up, and a Cloud API number has no WhatsApp Web limit", async () => {
    const young = await oldNumber({ createdAt: new Date(Date.now() - 7 * DAY - HOUR) });
    const h = await health(young.id);
    expect(h.health).toMatchObject({
      score: 80,
      parts: [{ reason: "warmup", kind: "ceiling", points: 80, days: 7 }],
    });
    const cloud = await oldNumber({ kind: "cloud_api", createdAt: new Date() });
    const ch = await health(cloud.id);
    expect(ch.health.score).toBe(100);
    expect(ch.reach).toEqual({ newChats: null, limitedBy: "cloud_api" });
  });

  it("is 0 for a banned number", async () => {
    const c = await oldNumber({ status: "blocked" });
    expect((await health(c.id)).health).toMatchObject({ score: 0, level: "at_risk" });
    expect((await health(c.id)).reach).toEqual({ newChats: 0, limitedBy: "blocked" });
  });
});

describe("every number's score", () => {
  it("lists each channel of the shop with the same score as its own page, and none of another shop's", async () => {
    const capped = await oldNumber();
    await setRestrictions(capped.id, { cap: { state: "SECOND_WARNING" }, timelock: null, at: Date.now() });
    const all = await list();
    const ours = await k.database.db
      .select({ id: channels.id })
      .from(channels)
      .where(sql`tenant_id = ${k.owner.tenantId}`);
    expect(all.map((x) => x.channelId).sort()).toEqual(ours.map((x) => x.id).sort());
    const row = all.find((x) => x.channelId === capped.id)!;
    const one = await health(capped.id);
    expect(row).toEqual({ channelId: capped.id, ...one.health, reach: one.reach });
    expect(row).toMatchObject({
      score: 50,
      level: "watch",
      reach: { newChats: 0, limitedBy: "second_warning" },
    });

    const other = await addTenant(k, "Toko Sebelah", "pemilik@toko-sebelah.test", "rahasia-sebelah-123");
    expect(await list(other.api)).toEqual([]);
  });

  it("reads every channel's signals in one statement, however many channels the shop has", async () => {
    const shop = await addTenant(k, "Toko Banyak", "pemilik@toko-banyak.test", "rahasia-banyak-123");
    const f = factory(k, shop.tenantId);
    for (let i = 0; i < 5; i++) await f.channel({ kind: "whatsapp_web" });
    let statements = 0;
    const db = k.database.db;
    const counting = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "execute" || prop === "select") statements++;
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const actor: Actor = { tenantId: shop.tenantId, userId: shop.userId, role: "owner" };
    const rows = await createHealthService(counting).list(actor);
    expect(rows).toHaveLength(5);
    expect(statements).toBe(1);
  });
});
