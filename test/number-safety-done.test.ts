/**
 * Issue 15's "Done when", end to end on the sandbox: a shop with one WhatsApp Web number (the
 * demo's sandbox number, playing WhatsApp's new-chat cap) and one Cloud API number (the
 * sandbox's Cloud API, Meta's formats and prices) sends a campaign to a mixed list. The review
 * shows the split and Meta's cost first; warm customers go over WhatsApp Web, new chats over
 * the approved template; the WhatsApp Web number under a reach-out timelock keeps sending to
 * warm customers; when it is banned mid-way its remaining customers go over the Cloud API,
 * nobody lost or sent twice; the ledger flags what never got a receipt, and the campaign shows
 * what Meta billed. Every wait is for a state.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepSuspectedDrops } from "../src/modules/campaigns/jobs/suspect-drops.js";
import type { CampaignDto, EstimateResult } from "../src/modules/campaigns/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { startCampaign, untilCampaign } from "./support/campaigns.js";
import { sandboxCloudChannel, setPacing, untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const LABEL = "selesai";
let k: TestKabar;
let api: Api;
let web: string;
let cloud: string;
let warm: string[];
let cold: string[];

beforeAll(async () => {
  // The cap as the demo plays it; 0.01: a cap cycle outlasts the test.
  k = await startTestKabar({ KABAR_SANDBOX_NEW_CHAT_CAP: "true", KABAR_SANDBOX_TIME_SCALE: "0.01" });
  api = apiClient(k.http!, { cookie: k.cookie });
  web = k.seeded!.channelId;
  await untilChannelStatus(api, web, "connected");
  cloud = (await sandboxCloudChannel(api, "WA Resmi (sandbox)")).id;
  await ok(api("POST", `/channels/${cloud}/wa-templates/sync`));
  // A mixed list: demo customers who wrote to the shop first (warm), and new ones (cold).
  const wroteFirst = new Set(k.seeded!.firstMessages.map((m) => m.from));
  const page = await ok(
    api<{ items: ContactDto[] }>("GET", `/contacts?label=${DEMO_LABEL}&optedOut=false&pageSize=200`),
  );
  const reachable = page.items.filter(
    (x) => k.sandbox.phone(x.phone).onWhatsApp && !k.sandbox.phone(x.phone).optOutRate,
  );
  const chosen = [
    ...reachable.filter((x) => wroteFirst.has(x.phone)).slice(0, 5),
    ...reachable.filter((x) => !wroteFirst.has(x.phone)).slice(0, 7),
  ];
  warm = chosen.filter((x) => wroteFirst.has(x.phone)).map((x) => x.phone);
  cold = chosen.filter((x) => !wroteFirst.has(x.phone)).map((x) => x.phone);
  expect(warm.length).toBeGreaterThanOrEqual(3);
  await ok(api("POST", "/contacts/bulk-label", { contactIds: chosen.map((x) => x.id), add: [LABEL] }));
  // The inbox stored the warm customers' first messages (they make them warm).
  await waitFor(async () => {
    const r = await k.database.db.execute<{ n: number }>(
      sql`SELECT count(DISTINCT contact_id)::int AS n FROM messages WHERE channel_id = ${web} AND direction = 'in'`,
    );
    return r.rows[0]!.n >= warm.length ? true : undefined;
  });
});
afterAll(async () => k?.close());

const fault = (body: unknown) => ok(api("POST", `/sandbox/channels/${web}/faults`, body), 204);
const byChannel = (c: CampaignDto, id: string) => c.byChannel.find((x) => x.channelId === id);

/** Per customer phone: the numbers whose inbox thread has the campaign's message. */
async function copies(campaignId: string): Promise<Map<string, string[]>> {
  const r = await k.database.db.execute<{ phone: string; channels: string[] }>(sql`
    SELECT c.phone, array_agg(m.channel_id::text) AS channels FROM messages m JOIN contacts c ON c.id = m.contact_id
    WHERE m.campaign_id = ${campaignId} AND m.direction = 'out' GROUP BY c.phone`);
  return new Map(r.rows.map((x) => [x.phone, x.channels]));
}

describe("a mixed list over one WhatsApp Web and one Cloud API number", () => {
  it("routes, reacts to the timelock and a ban on its own, flags drops, and shows the cost first and after", async () => {
    const input = {
      channelId: web,
      audience: { type: "labels" as const, labels: [LABEL], match: "any" as const },
      pool: [
        { channelId: web, weight: 1 },
        { channelId: cloud, weight: 1 },
      ],
      routing: "hybrid" as const,
      waTemplate: { name: "promo_bulanan", language: "id", body: ["{{name|Kak}}"] },
    };
    // First the review: who goes where, and what Meta will charge for the new chats.
    const estimate = await ok(api<EstimateResult>("POST", "/campaigns/estimate", input));
    expect(estimate.split).toEqual(
      expect.arrayContaining([
        { channelId: web, recipients: warm.length, warm: warm.length, newChats: 0 },
        { channelId: cloud, recipients: cold.length, warm: 0, newChats: cold.length },
      ]),
    );
    expect(estimate.metaCost).toMatchObject({ category: "MARKETING" });
    expect(estimate.metaCost!.byMarket.reduce((n, m) => n + m.messages, 0)).toBe(cold.length);
    expect(estimate.metaCost!.rupiah).toBeGreaterThan(0);

    // WhatsApp locks the number's new chats, and it sends one message every 5 s.
    await fault({ type: "timelock", minutes: 24 * 60 });
    await setPacing(api, web, "demo", { minDelayMs: 5_000, maxDelayMs: 5_000 });
    const started = await startCampaign(api, {
      name: "Selesai",
      body: "Halo {{name|Kak}}, apa kabar?",
      ...input,
    });

    // The warm customers still get theirs over WhatsApp Web (no new chat: the lock does not hold them)…
    await untilCampaign(api, started.id, (c) => (byChannel(c, web)?.sent ?? 0) >= 1);
    const midway = await ok(api<CampaignDto>("GET", `/campaigns/${started.id}`));
    expect(midway.counts.held).toEqual({ cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0 });
    // …until WhatsApp bans it: the Cloud API number takes the rest with the template.
    await fault({ type: "ban" });
    await untilChannelStatus(api, web, "blocked");
    const done = await untilCampaign(api, started.id, (c) => c.status === "completed", 60_000);
    expect(done.statusReason).toBeNull();
    expect(done.counts.pending + done.counts.sending + done.counts.failed + done.counts.unknown).toBe(0);
    const total = warm.length + cold.length;
    expect(byChannel(done, web)!.sent + byChannel(done, cloud)!.sent).toBe(total);
    expect(byChannel(done, cloud)!.sent).toBeGreaterThan(cold.length); // some warm ones moved over

    // Each customer once, in one thread; the new chats never over WhatsApp Web.
    const threads = await copies(started.id);
    expect([...threads.keys()].sort()).toEqual([...warm, ...cold].sort());
    expect([...threads.values()].every((ch) => ch.length === 1)).toBe(true);
    expect(cold.every((p) => threads.get(p)![0] === cloud)).toBe(true);
    const webDeliveries = (await k.sandboxStore.listDeliveries(web, 0)).filter((d) =>
      d.text?.startsWith("Halo "),
    );
    expect(webDeliveries.map((d) => d.to).sort()).toEqual(
      [...threads]
        .filter(([, ch]) => ch[0] === web)
        .map(([p]) => p)
        .sort(),
    );

    // Meta's statuses price what went over the Cloud API: the campaign shows the actual cost.
    const billed = await waitFor(async () => {
      const c = await ok(api<CampaignDto>("GET", `/campaigns/${started.id}`));
      const n = c.actualCost?.byCategory.reduce((s, x) => s + x.messages, 0) ?? 0;
      return n === byChannel(done, cloud)!.sent ? c.actualCost : undefined;
    });
    expect(billed!.byCategory.map((x) => x.category)).toEqual(["marketing"]);
    expect(billed!.rupiah).toBeGreaterThan(0);

    // The ledger: half an hour on, whatever has no delivery receipt is a suspected drop.
    await sweepSuspectedDrops({ db: k.database.db, bus: k.bus }, new Date(Date.now() + 31 * 60_000));
    const after = await ok(api<CampaignDto>("GET", `/campaigns/${started.id}`));
    expect(after.counts.sent).toBe(0);
    expect(after.counts.suspected_drop + after.counts.delivered + after.counts.read).toBe(total);
  });
});
