/**
 * Campaigns over several numbers (issue 15, part 3) and hybrid routing (part 4), end to end
 * on the sandbox and the fake Graph: recipients split over the pool (a customer who chats
 * with one number keeps it), each number sending its own; a number banned mid-way hands its
 * remaining recipients to the other, nobody lost or sent twice; a hybrid campaign sends warm
 * customers over the sandbox (WhatsApp Web) number and new chats over the Cloud API with the
 * template, the review's split and cost first.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDto, EstimateResult } from "../src/modules/campaigns/schemas.js";
import { addTenant, apiClient, errorOf, ok, untilConnected, type Api } from "./support/api.js";
import { labelReachableCustomers, startCampaign, untilCampaign } from "./support/campaigns.js";
import { connectedSandboxChannel, firstChannel, setPacing, untilChannelStatus } from "./support/channels.js";
import { customerWrites } from "./support/customers.js";
import { addCloudChannel } from "./support/cloud-api.js";
import { FakeGraph } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
let graph: FakeGraph;
let main: string;
let second: string;

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
  main = (await firstChannel(api)).id;
  await untilConnected(api, main);
  second = (await connectedSandboxChannel(api, "Nomor kedua")).id;
  await setPacing(api, main, "off");
  await setPacing(api, second, "off");
});
afterAll(async () => {
  await k?.close();
  await graph?.close();
});

/** Per contact phone: the numbers (channel ids) that sent them campaign `campaignId`'s message (the inbox's copies). */
async function sendersOf(campaignId: string): Promise<Map<string, string[]>> {
  const r = await k.database.db.execute<{ phone: string; channels: string[] }>(sql`
    SELECT c.phone, array_agg(m.channel_id::text ORDER BY m.channel_id) AS channels
    FROM messages m JOIN contacts c ON c.id = m.contact_id
    WHERE m.campaign_id = ${campaignId} AND m.direction = 'out' GROUP BY c.phone`);
  return new Map(r.rows.map((x) => [x.phone, x.channels]));
}

/** How many times each phone received `text` on the sandbox network (any number). */
async function receivedOnSandbox(text: string): Promise<Map<string, number>> {
  const r = await k.database.db.execute<{ phone: string; n: number }>(sql`
    SELECT phone, count(*)::int AS n FROM sandbox_messages WHERE text = ${text} GROUP BY phone`);
  return new Map(r.rows.map((x) => [x.phone, x.n]));
}

const byChannel = (c: CampaignDto, id: string) => c.byChannel.find((x) => x.channelId === id);

describe("a campaign over two numbers", () => {
  it("splits by weight, keeps a customer on the number they chat with, and each number sends its own", async () => {
    const phones = await labelReachableCustomers(k, api, "pool-split", 24);
    // One customer chats with the second number: the campaign continues that conversation.
    await customerWrites(api, k.bus, second, phones[0]!, "Kak, masih ada stok?");
    const pool = [
      { channelId: main, weight: 3 },
      { channelId: second, weight: 1 },
    ];
    const audience = { type: "labels" as const, labels: ["pool-split"], match: "any" as const };
    const estimate = await ok(
      api<EstimateResult>("POST", "/campaigns/estimate", { audience, channelId: main, pool }),
    );
    expect(estimate.split.map((s) => s.channelId).sort()).toEqual([main, second].sort());
    expect(estimate.split.reduce((n, s) => n + s.recipients, 0)).toBe(24);

    const started = await startCampaign(api, {
      name: "Promo dua nomor",
      channelId: main,
      body: "Halo {{name|Kak}}, promo dua nomor!",
      audience,
      pool,
    });
    expect(started.pool).toEqual(expect.arrayContaining(pool));
    const done = await untilCampaign(api, started.id, (c) => c.status === "completed");
    expect(done.counts.sent + done.counts.delivered + done.counts.read).toBe(24);
    // The snapshot's split is the estimate's, and the weight shows: the main number sends more.
    for (const s of estimate.split) expect(byChannel(done, s.channelId)?.recipients).toBe(s.recipients);
    expect(byChannel(done, main)!.recipients).toBeGreaterThan(byChannel(done, second)!.recipients);

    const senders = await sendersOf(started.id);
    expect(senders.get(phones[0]!)).toEqual([second]);
    // Everyone got it once, from one number.
    expect([...senders.values()].every((s) => s.length === 1)).toBe(true);
    expect(senders.size).toBe(24);
    const received = await k.database.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM sandbox_messages WHERE text LIKE '%promo dua nomor!' GROUP BY phone HAVING count(*) > 1`);
    expect(received.rows).toEqual([]);
  });

  it("goes on when one number is banned mid-way: the other takes its recipients, nobody lost or sent twice", async () => {
    const phones = await labelReachableCustomers(k, api, "pool-ban", 16);
    await setPacing(api, main, "demo");
    const started = await startCampaign(api, {
      name: "Ban di tengah",
      channelId: main,
      body: "Tes serah terima",
      audience: { type: "labels", labels: ["pool-ban"], match: "any" },
      pool: [
        { channelId: main, weight: 1 },
        { channelId: second, weight: 1 },
      ],
    });
    // The main number sent one, then WhatsApp bans it.
    await untilCampaign(api, started.id, (c) => (byChannel(c, main)?.sent ?? 0) >= 1);
    await ok(api("POST", `/sandbox/channels/${main}/faults`, { type: "ban" }), 204);
    await untilChannelStatus(api, main, "blocked");

    const done = await untilCampaign(api, started.id, (c) => c.status === "completed", 60_000);
    expect(done.statusReason).toBeNull();
    expect(done.counts.pending + done.counts.sending + done.counts.failed + done.counts.unknown).toBe(0);
    expect(done.counts.sent + done.counts.delivered + done.counts.read).toBe(16);
    // The second number sent more than its half: it took over the banned number's rest.
    expect(byChannel(done, second)!.sent).toBeGreaterThan(8);
    const received = await receivedOnSandbox("Tes serah terima");
    expect([...received.keys()].sort()).toEqual([...phones].sort());
    expect([...received.values()].every((n) => n === 1)).toBe(true);

    await ok(api("POST", `/sandbox/channels/${main}/faults`, { type: "clear" }), 204);
    await untilChannelStatus(api, main, "connected");
    await setPacing(api, main, "off");
  });

  it("refuses a pool without its main number, with a number twice, or mixing Cloud API and WhatsApp Web without hybrid", async () => {
    const base = { name: "Salah", body: "Halo", audience: { type: "all" } };
    const missing = await api("POST", "/campaigns", {
      ...base,
      channelId: main,
      pool: [{ channelId: second }],
    });
    expect(missing.status).toBe(400);
    expect(errorOf(missing)).toMatchObject({ code: "invalid_pool", fields: { pool: expect.any(String) } });
    const twice = await api("POST", "/campaigns", {
      ...base,
      channelId: main,
      pool: [{ channelId: main }, { channelId: main }],
    });
    expect(errorOf(twice)).toMatchObject({
      code: "invalid_pool",
      fields: { "pool.1.channelId": expect.any(String) },
    });
    const unknown = await api("POST", "/campaigns", {
      ...base,
      channelId: main,
      pool: [{ channelId: main }, { channelId: "00000000-0000-4000-8000-000000000000" }],
    });
    expect(errorOf(unknown)).toMatchObject({
      code: "invalid_pool",
      fields: { "pool.1.channelId": expect.any(String) },
    });
    // Another shop's number is no number of this shop: not in a campaign, not in an estimate.
    const other = await addTenant(k, "Toko Lain", "lain@pool.test", "rahasia-lain-123");
    const theirs = await ok(
      other.api<{ id: string }>("POST", "/channels", { name: "Nomor lain", kind: "sandbox" }),
      201,
    );
    const pool = [{ channelId: main }, { channelId: theirs.id }];
    for (const r of [
      await api("POST", "/campaigns", { ...base, channelId: main, pool }),
      await api("POST", "/campaigns/estimate", { audience: base.audience, channelId: main, pool }),
    ])
      expect(errorOf(r)).toMatchObject({
        code: "invalid_pool",
        fields: { "pool.1.channelId": expect.any(String) },
      });
  });
});

describe("hybrid routing", () => {
  let cloud: string;
  beforeAll(async () => {
    cloud = (await addCloudChannel(api, graph)).id;
    await setPacing(api, cloud, "off");
    graph.templates.push({
      name: "promo_pelanggan_baru",
      language: "id",
      status: "APPROVED",
      category: "MARKETING",
      components: [{ type: "BODY", text: "Halo {{1}}, selamat datang di toko kami!" }],
    });
    await ok(api("POST", `/channels/${cloud}/wa-templates/sync`));
  });

  it("sends warm customers over WhatsApp Web and new chats over the Cloud API template, the split and cost shown first", async () => {
    // Customers no earlier test wrote to: a late reply to an earlier campaign cannot make one warm.
    const phones = await labelReachableCustomers(k, api, "hybrid", 8, { untouched: true });
    // Two of them wrote to the shop's WhatsApp Web number: they are warm.
    for (const phone of phones.slice(0, 2)) await customerWrites(api, k.bus, main, phone, "Halo kak");
    const input = {
      channelId: main,
      audience: { type: "labels" as const, labels: ["hybrid"], match: "any" as const },
      pool: [
        { channelId: main, weight: 1 },
        { channelId: cloud, weight: 1 },
      ],
      routing: "hybrid" as const,
      waTemplate: { name: "promo_pelanggan_baru", language: "id", body: ["{{name|Kak}}"] },
    };
    const mixed = await api("POST", "/campaigns", {
      name: "Tanpa hibrida",
      body: "Halo",
      ...input,
      routing: "weighted",
    });
    expect(errorOf(mixed)).toMatchObject({ code: "pool_mixed_rails", fields: { pool: expect.any(String) } });
    const noTemplate = await api("POST", "/campaigns", {
      name: "Tanpa template",
      body: "Halo",
      ...input,
      waTemplate: undefined,
    });
    expect(errorOf(noTemplate)).toMatchObject({
      code: "hybrid_needs_both",
      fields: { waTemplate: expect.any(String) },
    });

    const estimate = await ok(api<EstimateResult>("POST", "/campaigns/estimate", input));
    const webShare = estimate.split.find((s) => s.channelId === main)!;
    const cloudShare = estimate.split.find((s) => s.channelId === cloud)!;
    expect(webShare.newChats).toBe(0);
    expect(cloudShare.warm).toBe(0);
    expect(webShare.warm).toBeGreaterThanOrEqual(2);
    expect(webShare.recipients + cloudShare.recipients).toBe(8);
    // Only the Cloud API share costs money: Meta's MARKETING rate per message (Indonesia).
    expect(estimate.metaCost).toMatchObject({ category: "MARKETING" });
    expect(estimate.metaCost!.byMarket.reduce((n, m) => n + m.messages, 0)).toBe(cloudShare.recipients);

    const before = graph.requests.length;
    const started = await startCampaign(api, {
      name: "Hibrida",
      body: "Halo {{name|Kak}}, apa kabar?",
      ...input,
    });
    expect(started.routing).toBe("hybrid");
    const done = await untilCampaign(api, started.id, (c) => c.status === "completed");
    expect(done.counts.pending + done.counts.failed).toBe(0);
    expect(byChannel(done, main)).toMatchObject({
      recipients: webShare.recipients,
      warm: webShare.recipients,
    });
    expect(byChannel(done, cloud)).toMatchObject({ recipients: cloudShare.recipients, warm: 0 });

    // The new chats went to Meta as the approved template, nobody twice; the warm ones over the sandbox as text.
    const templated = graph.requests
      .slice(before)
      .filter((r) => r.endpoint === "messages" && r.json?.type === "template")
      .map((r) => `+${String(r.json?.to).replace(/^\+/, "")}`);
    const senders = await sendersOf(started.id);
    const viaCloud = [...senders].filter(([, ch]) => ch[0] === cloud).map(([p]) => p);
    expect(templated.sort()).toEqual(viaCloud.sort());
    expect(new Set(templated).size).toBe(templated.length);
    for (const phone of phones.slice(0, 2)) expect(senders.get(phone)).toEqual([main]);
  });
});
