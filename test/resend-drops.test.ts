import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import { channels, waTemplates } from "../src/db/schema/index.js";
import { sweepSuspectedDrops } from "../src/modules/campaigns/jobs/suspect-drops.js";
import type { CampaignDto, CreateCampaignInput } from "../src/modules/campaigns/schemas.js";
import { addTenant, apiClient, errorOf, ok, type Api } from "./support/api.js";
import { connectedSandboxChannel } from "./support/channels.js";
import { SENT_AT, sentCampaign, testRecorder } from "./support/drops.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { defaultOutletId } from "./support/outlets.js";

/**
 * "Resend through another number" (issue 15 §2): POST /campaigns/:id/resend-drops makes a
 * draft with the same message to exactly the contacts still suspected drops, on another
 * number; never the same one.
 */

let k: TestKabar;
let api: Api;
let channelId: string;
let otherId: string;
const MIN = 60_000;
const T0 = SENT_AT;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await k.services.channels.list(k.owner))[0]!.id;
  otherId = (await connectedSandboxChannel(api, "Nomor cadangan")).id;
});
afterAll(async () => k?.close());

/** A finished campaign on the first number whose first `n` contacts are suspected drops. */
async function droppedCampaign(n: number, over: Partial<CreateCampaignInput> = {}) {
  const c = await sentCampaign(k, channelId, n, {
    campaign: { body: "Halo {{name|Kak}}, promo akhir tahun!", ...over },
  });
  await sweepSuspectedDrops({ db: k.database.db, bus: k.bus }, new Date(T0 + 31 * MIN));
  return c;
}

describe("resend through another number", () => {
  it("creates a draft on the other number to exactly the contacts still suspected drops", async () => {
    const c = await droppedCampaign(3);
    const draft = await ok(
      api<CampaignDto>("POST", `/campaigns/${c.id}/resend-drops`, { channelId: otherId }),
      201,
    );
    expect(draft).toMatchObject({
      status: "draft",
      channelId: otherId,
      body: "Halo {{name|Kak}}, promo akhir tahun!",
      audience: { type: "drops", campaignId: c.id },
    });
    expect(draft.name).toMatch(/\(kirim ulang\)$/);
    // One of them is delivered after all before the resend starts: it is not sent twice.
    const rec = testRecorder(k, channelId);
    const [settled, ...rest] = c.recipients;
    rec.recordReceipt({ messageId: settled!.message_id, status: "delivered", at: T0 + 50 * MIN });
    await rec.idle();
    const started = await ok(api<CampaignDto>("POST", `/campaigns/${draft.id}/start`));
    expect(started.counts.total).toBe(2);
    const recipients = await k.services.campaigns.recipients(k.owner, draft.id, { page: 1, pageSize: 10 });
    expect(recipients.map((r) => r.contactId).sort()).toEqual(rest.map((r) => r.contact_id).sort());
  });

  it("refuses the campaign's own number, naming channelId", async () => {
    const c = await droppedCampaign(1);
    const r = await api("POST", `/campaigns/${c.id}/resend-drops`, { channelId });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: "same_channel", fields: { channelId: expect.any(String) } });
  });

  it("refuses a campaign without suspected drops", async () => {
    const c = await k.services.campaigns.create(k.owner, {
      name: "Tanpa drop",
      channelId,
      body: "Halo",
      audience: { type: "all" },
    });
    const r = await api("POST", `/campaigns/${c.id}/resend-drops`, { channelId: otherId });
    expect(r.status).toBe(409);
    expect(errorOf(r).code).toBe("no_suspected_drops");
  });

  it("needs a WhatsApp template on a Cloud API number, like any campaign there", async () => {
    const c = await droppedCampaign(1);
    const [cloud] = await k.database.db
      .insert(channels)
      .values({
        tenantId: k.owner.tenantId,
        outletId: await defaultOutletId(k.database.db, k.owner.tenantId),
        name: "Cloud API",
        kind: "cloud_api",
        pacing: PACING_PRESETS.off,
        pacingPreset: "off",
        config: { phoneNumberId: "1", wabaId: "2", graphVersion: "v21.0" },
      })
      .returning();
    const r = await api("POST", `/campaigns/${c.id}/resend-drops`, { channelId: cloud!.id });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("wa_template_required");
  });

  it("a WhatsApp template campaign resent over a WhatsApp Web number says what the template said, with its values", async () => {
    const [cloud] = await k.database.db
      .insert(channels)
      .values({
        tenantId: k.owner.tenantId,
        outletId: await defaultOutletId(k.database.db, k.owner.tenantId),
        name: "Cloud API resmi",
        kind: "cloud_api",
        status: "connected",
        pacing: PACING_PRESETS.off,
        pacingPreset: "off",
        config: { phoneNumberId: "11", wabaId: "22", graphVersion: "v21.0" },
      })
      .returning();
    await k.database.db.insert(waTemplates).values({
      channelId: cloud!.id,
      tenantId: k.owner.tenantId,
      name: "promo_akhir_tahun",
      language: "id",
      status: "APPROVED",
      category: "MARKETING",
      parameterFormat: "POSITIONAL",
      components: [
        { type: "HEADER", format: "TEXT", text: "Promo {{1}}" },
        { type: "BODY", text: "Halo {{1}}, diskon {{2}} untuk Anda." },
      ],
    });
    const c = await droppedCampaign(2, {
      channelId: cloud!.id,
      waTemplate: {
        name: "promo_akhir_tahun",
        language: "id",
        header: ["Desember"],
        body: ["{{name|Kak}}", "20%"],
      },
    });
    const draft = await ok(
      api<CampaignDto>("POST", `/campaigns/${c.id}/resend-drops`, { channelId: otherId }),
      201,
    );
    expect(draft).toMatchObject({
      channelId: otherId,
      waTemplate: null,
      body: "Promo Desember\nHalo {{name|Kak}}, diskon 20% untuk Anda.",
    });
  });

  it("never reaches another shop's campaign (404), nor names its campaign in an audience", async () => {
    const c = await droppedCampaign(1);
    const other = await addTenant(k, "Toko Lain", "lain@toko.test", "rahasia-lain-123");
    const r = await other.api("POST", `/campaigns/${c.id}/resend-drops`, { channelId: otherId });
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe("campaign_not_found");
    const [theirs] = await k.database.db
      .insert(channels)
      .values({
        tenantId: other.tenantId,
        outletId: await defaultOutletId(k.database.db, other.tenantId),
        name: "Nomor lain",
        kind: "sandbox",
        pacing: PACING_PRESETS.off,
      })
      .returning();
    const create = await other.api("POST", "/campaigns", {
      name: "Curang",
      channelId: theirs!.id,
      body: "Halo",
      audience: { type: "drops", campaignId: c.id },
    });
    expect(create.status).toBe(400);
    expect(errorOf(create)).toMatchObject({
      code: "unknown_campaign",
      fields: { "audience.campaignId": expect.any(String) },
    });
  });
});
