/**
 * The campaign estimate of a Cloud API campaign prices its template under Meta's
 * per-message rates (KABAR_META_RATES over the Indonesian default): the synced template's
 * category, the rate of each recipient's market (from the phone's calling code), and the
 * total in whole rupiah. WhatsApp Web and sandbox numbers are free: no cost. In single
 * mode (this server) the estimate shows no message units (`quota` null; SaaS mode:
 * test/billing-estimate-quota.test.ts).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphClientFor } from "../src/channels/cloud-api/index.js";
import { syncTemplates } from "../src/channels/cloud-api/templates.js";
import { upsertContacts } from "../src/modules/contacts/upsert.js";
import type { EstimateResult } from "../src/modules/campaigns/schemas.js";
import { apiClient, type Api } from "./support/api.js";
import { createCloudChannel, SECRET_KEY, type CloudChannel } from "./support/cloud-api.js";
import { FakeGraph, type FakeTemplate } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let graph: FakeGraph;
let channel: CloudChannel;
let api: Api;

const template = (name: string, category?: string): FakeTemplate => ({
  name,
  language: "id",
  status: "APPROVED",
  ...(category ? { category } : {}),
  components: [{ type: "BODY", text: "Halo, promo minggu ini!" }],
});

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar({
    ...graph.operatorEnv,
    KABAR_META_RATES: '{"62":{"MARKETING":150},"60":{"UTILITY":1000.5}}',
  });
  api = apiClient(k.http!, { cookie: k.cookie });
  channel = await createCloudChannel(k, graph);
  graph.templates = [
    template("promo_akhir_tahun", "MARKETING"),
    template("status_pesanan", "UTILITY"),
    template("tanpa_kategori"),
  ];
  const { client, wabaId } = await graphClientFor(k.database.db, SECRET_KEY, channel, channel.graphBaseUrl);
  await syncTemplates(k.database.db, client, channel, wabaId);
  const phones = [
    "+6281200000001",
    "+6281200000002",
    "+6285700000003",
    "+6281200000004",
    "+60123456789",
    "+14155550100",
  ];
  await upsertContacts(
    k.database.db,
    channel.tenantId,
    phones.map((phone, i) => ({ phone, name: `Pelanggan ${i + 1}`, attributes: {}, labels: ["biaya"] })),
    "import",
  );
  await k.database.db.execute(sql`UPDATE contacts SET opted_out = true WHERE phone = '+6281200000004'`);
});
afterAll(async () => {
  await graph?.close();
  await k?.close();
});

const audience = { type: "labels", labels: ["biaya"], match: "any" };
async function estimate(channelId: string, name?: string): Promise<EstimateResult> {
  const r = await api<EstimateResult>("POST", "/campaigns/estimate", {
    audience,
    channelId,
    ...(name ? { waTemplate: { name, language: "id" } } : {}),
  });
  expect(r.status).toBe(200);
  return r.body;
}

describe("Meta's cost in the campaign estimate", () => {
  it("prices a MARKETING template per market; opted-out contacts and markets without a rate are not counted", async () => {
    const e = await estimate(channel.id, "promo_akhir_tahun");
    expect(e.metaCost).toEqual({
      category: "MARKETING",
      byMarket: [{ market: "62", messages: 3, rate: 150 }],
      unknownMessages: 2,
      rupiah: 450,
    });
  });

  it("prices a UTILITY template with the operator's rates merged over the Indonesian default", async () => {
    const e = await estimate(channel.id, "status_pesanan");
    expect(e.metaCost).toEqual({
      category: "UTILITY",
      byMarket: [
        { market: "62", messages: 3, rate: 356.65 },
        { market: "60", messages: 1, rate: 1000.5 },
      ],
      unknownMessages: 1,
      rupiah: 2070, // 3 × 356.65 + 1000.50 = 2070.45, rounded half up to whole rupiah
    });
  });

  it("gives no cost without a template, for a template not synced or without a priced category", async () => {
    expect((await estimate(channel.id)).metaCost).toBeNull();
    expect((await estimate(channel.id, "tidak_ada")).metaCost).toBeNull();
    expect((await estimate(channel.id, "tanpa_kategori")).metaCost).toBeNull();
  });

  it("gives no cost on a sandbox number (free), even with a template named", async () => {
    const [sandbox] = (
      await k.database.db.execute<{ id: string }>(
        sql`SELECT id FROM channels WHERE tenant_id = ${channel.tenantId} AND kind = 'sandbox' LIMIT 1`,
      )
    ).rows;
    const e = await estimate(sandbox!.id, "promo_akhir_tahun");
    expect(e.recipients).toBe(6);
    expect(e.metaCost).toBeNull();
  });

  it("shows no message units in single mode, even for a shop with a balance row (units are SaaS mode's)", async () => {
    await k.database.db.execute(sql`
      INSERT INTO quota_balances (tenant_id, period_start, period_units, period_used)
      VALUES (${channel.tenantId}, now(), 5, 5)`);
    const e = await estimate(channel.id);
    expect(e.recipients - e.optedOut).toBe(5);
    expect(e.quota).toBeNull();
    await k.database.db.execute(sql`DELETE FROM quota_balances WHERE tenant_id = ${channel.tenantId}`);
  });
});
