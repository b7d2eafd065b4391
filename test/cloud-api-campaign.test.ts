/**
 * The Cloud API kind inside the campaign engine: the WABA's templates synced with
 * paging, a campaign run by the real Dispatcher (free-form text only reaches customers
 * inside the 24-hour window), and a recipient a crash left "sending" marked `unknown`
 * instead of being sent twice (the Cloud API takes no idempotency key: `dedupes: false`).
 */
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphClientFor } from "../src/channels/cloud-api/index.js";
import { syncTemplates } from "../src/channels/cloud-api/templates.js";
import { createCloudApiKind, type CloudApiTransport } from "../src/channels/cloud-api/transport.js";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import type { ChannelStatus } from "../src/channels/transport.js";
import { Dispatcher } from "../src/modules/campaigns/dispatcher.js";
import { upsertContacts } from "../src/modules/contacts/upsert.js";
import { campaigns } from "../src/db/schema/index.js";
import { apiClient, errorOf } from "./support/api.js";
import {
  cloudTransport,
  createCloudChannel,
  SECRET_KEY,
  wamid,
  type CloudChannel,
} from "./support/cloud-api.js";
import { FakeGraph, type FakeTemplate } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let graph: FakeGraph;
let channel: CloudChannel;
let transport: CloudApiTransport;

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  channel = await createCloudChannel(k, graph);
  ({ transport } = await cloudTransport(k, channel));
  await transport.connect();
});
afterAll(async () => {
  await graph?.close();
  await k?.close();
});

/** A Dispatcher of the cloud channel as the channel manager builds it. */
function dispatcher(status: () => ChannelStatus): Dispatcher {
  return new Dispatcher(
    k.database.db,
    {
      id: channel.id,
      tenantId: channel.tenantId,
      transport,
      status,
      policy: () => PACING_PRESETS.off,
      createdAt: new Date(),
      timeZone: "Asia/Jakarta",
      kind: "cloud_api",
      dedupes: createCloudApiKind().dedupes,
    },
    k.bus,
    pino({ level: "silent" }),
    { idleMs: 20, retryBaseMs: 10 },
  );
}

const contactsLabelled = (label: string, phones: string[]) =>
  upsertContacts(
    k.database.db,
    channel.tenantId,
    phones.map((phone, i) => ({ phone, name: `Pelanggan ${i + 1}`, attributes: {}, labels: [label] })),
    "import",
  );

/**
 * A started free-text campaign to `phones` on the cloud channel. The API refuses free text
 * on a Cloud API channel (see "campaign templates" below), so the row is written directly:
 * the dispatcher must still refuse it politely outside the window.
 */
async function startedCampaign(label: string, phones: string[], body = "Halo {{name}}, promo minggu ini!") {
  await contactsLabelled(label, phones);
  const [c] = await k.database.db
    .insert(campaigns)
    .values({
      tenantId: channel.tenantId,
      name: label,
      channelId: channel.id,
      body,
      audience: { type: "labels", labels: [label], match: "any" },
    })
    .returning({ id: campaigns.id });
  return k.services.campaigns.start(k.owner, c!.id);
}

async function recipients(campaignId: string) {
  const r = await k.database.db.execute<{
    phone: string;
    status: string;
    failure_code: string | null;
    failure_reason: string | null;
  }>(sql`
    SELECT phone, status, failure_code, failure_reason FROM campaign_recipients WHERE campaign_id = ${campaignId} ORDER BY id`);
  return r.rows;
}

describe("template sync", () => {
  const template = (i: number, status = "APPROVED"): FakeTemplate => ({
    name: `promo_${i}`,
    language: "id",
    status,
    category: "MARKETING",
    components: [{ type: "BODY", text: `Halo {{1}}, promo ${i}` }],
  });
  const stored = async () =>
    (
      await k.database.db.execute<{ name: string; status: string }>(
        sql`SELECT name, status FROM wa_templates WHERE channel_id = ${channel.id} ORDER BY name`,
      )
    ).rows;

  it("follows the paging cursors and upserts every template of the WABA", async () => {
    graph.templates = Array.from({ length: 7 }, (_, i) => template(i));
    const { client, wabaId } = await graphClientFor(k.database.db, SECRET_KEY, channel, channel.graphBaseUrl);
    const before = graph.calls("templates").length;
    expect(await syncTemplates(k.database.db, client, channel, wabaId, 3)).toEqual({ synced: 7, removed: 0 });
    const calls = graph.calls("templates").slice(before);
    expect(calls.map((c) => c.query.after !== undefined)).toEqual([false, true, true]);
    expect(calls[0]!.query.fields).toContain("components");
    expect((await stored()).map((t) => t.name)).toEqual(graph.templates.map((t) => t.name));
  });

  it("updates changed templates and removes the ones the WABA no longer has", async () => {
    graph.templates = [template(0, "PAUSED"), template(1), template(2)];
    const { client, wabaId } = await graphClientFor(k.database.db, SECRET_KEY, channel, channel.graphBaseUrl);
    expect(await syncTemplates(k.database.db, client, channel, wabaId, 3)).toEqual({ synced: 3, removed: 4 });
    expect(await stored()).toEqual([
      { name: "promo_0", status: "PAUSED" },
      { name: "promo_1", status: "APPROVED" },
      { name: "promo_2", status: "APPROVED" },
    ]);
  });
});

describe("campaigns on a Cloud API channel", () => {
  it("sends free-form text only to customers inside the window; the others fail with outside_window", async () => {
    const [wrote, never] = ["+6285700000001", "+6285700000002"];
    const campaign = await startedCampaign("cloud-window", [wrote, never]);
    await k.services.inbox.receive(channel, {
      messageId: wamid(),
      from: wrote,
      text: "Info promo dong",
      at: Date.now() - 3_600_000,
    });
    const d = dispatcher(() => "connected");
    d.start();
    try {
      await waitFor(async () =>
        (await k.services.campaigns.get(k.owner, campaign.id)).status === "completed" ? true : undefined,
      );
    } finally {
      await d.stop();
    }
    const rows = await recipients(campaign.id);
    expect(rows.find((r) => r.phone === wrote)).toMatchObject({ status: "sent", failure_code: null });
    expect(rows.find((r) => r.phone === never)).toMatchObject({
      status: "failed",
      failure_code: "outside_window",
    });
    expect(rows.find((r) => r.phone === never)!.failure_reason).toMatch(/template/);
    expect(graph.calls("messages").map((c) => c.json!.to)).toContain(wrote.slice(1));
    expect(graph.calls("messages").map((c) => c.json!.to)).not.toContain(never.slice(1));
  });

  it('marks a recipient a crash left "sending" as unknown, never sending it again', async () => {
    const campaign = await startedCampaign("cloud-crash", ["+6285700000011", "+6285700000012"]);
    await k.database.db.execute(sql`
      UPDATE campaign_recipients SET status = 'sending', attempts = 1 WHERE campaign_id = ${campaign.id} AND phone = '+6285700000011'`);
    const sentBefore = graph.calls("messages").length;
    const d = dispatcher(() => "disconnected"); // recovery runs before any sending
    d.start();
    try {
      await waitFor(async () =>
        (await recipients(campaign.id)).some((r) => r.status === "unknown") ? true : undefined,
      );
    } finally {
      await d.stop();
    }
    const rows = (await recipients(campaign.id)).sort((a, b) => a.phone.localeCompare(b.phone));
    expect(rows.map((r) => [r.phone, r.status])).toEqual([
      ["+6285700000011", "unknown"],
      ["+6285700000012", "pending"],
    ]);
    expect(rows[0]!.failure_code).toBe("unknown_outcome");
    expect(graph.calls("messages")).toHaveLength(sentBefore);
  });
});

describe("campaign templates", () => {
  const promo: FakeTemplate = {
    name: "promo_akhir_tahun",
    language: "id",
    status: "APPROVED",
    category: "MARKETING",
    components: [
      { type: "HEADER", format: "TEXT", text: "Halo {{1}}!" },
      { type: "BODY", text: "Diskon {{1}} untuk {{2}} sampai Minggu." },
      { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Berhenti" }] },
    ],
  };
  const photo: FakeTemplate = {
    name: "katalog_baru",
    language: "id",
    status: "APPROVED",
    components: [
      { type: "HEADER", format: "IMAGE" },
      { type: "BODY", text: "Katalog baru!" },
    ],
  };
  const rejected: FakeTemplate = {
    name: "promo_ditolak",
    language: "id",
    status: "REJECTED",
    components: [{ type: "BODY", text: "Halo" }],
  };
  const ref = {
    name: "promo_akhir_tahun",
    language: "id",
    header: ["{{name|Kak}}"],
    body: ["20%", "{{name|Kak}}"],
    buttons: [{ index: 0, subType: "quick_reply" as const, parameter: "stop" }],
  };
  const base = {
    channelId: "",
    audience: { type: "labels" as const, labels: ["tpl"], match: "any" as const },
  };

  beforeAll(async () => {
    graph.templates = [promo, photo, rejected];
    const { client, wabaId } = await graphClientFor(k.database.db, SECRET_KEY, channel, channel.graphBaseUrl);
    await syncTemplates(k.database.db, client, channel, wabaId);
    base.channelId = channel.id;
  });

  const create = (extra: Record<string, unknown>) =>
    k.services.campaigns.create(k.owner, { name: "tpl", ...base, ...extra } as never);
  const refusal = async (extra: Record<string, unknown>) => {
    const err = await create(extra).then(
      () => null,
      (e: unknown) => e as { code: string; fields?: Record<string, string> },
    );
    return { code: err?.code, fields: Object.keys(err?.fields ?? {}) };
  };

  it("refuses a Cloud API campaign without an approved template, naming the field and the reason", async () => {
    expect(await refusal({ body: "Halo {{name}}" })).toEqual({
      code: "wa_template_required",
      fields: ["waTemplate"],
    });
    expect(await refusal({ waTemplate: { ...ref, name: "tidak_ada" } })).toEqual({
      code: "wa_template_not_found",
      fields: ["waTemplate.name"],
    });
    expect(await refusal({ waTemplate: { name: "promo_ditolak", language: "id" } })).toEqual({
      code: "wa_template_not_approved",
      fields: ["waTemplate.name"],
    });
    expect(await refusal({ waTemplate: { ...ref, body: ["20%"] } })).toEqual({
      code: "wa_template_params",
      fields: ["waTemplate.body"],
    });
    expect(await refusal({ waTemplate: { name: "katalog_baru", language: "id" } })).toEqual({
      code: "wa_template_media",
      fields: ["media"],
    });
  });

  it("refuses a WhatsApp template on a channel that is not Cloud API (HTTP 400 with the field)", async () => {
    const sandbox = await k.services.channels
      .list(k.owner)
      .then((all) => all.find((c) => c.kind === "sandbox")!);
    const r = await apiClient(k.http!, { cookie: k.cookie })("POST", "/campaigns", {
      name: "x",
      channelId: sandbox.id,
      waTemplate: ref,
      audience: { type: "all" },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({
      code: "wa_template_unsupported",
      fields: { waTemplate: expect.any(String) },
    });
  });

  it("sends the template to customers who never wrote, each with their own parameters, and reports the text they read", async () => {
    const phones = ["+6285700000021", "+6285700000022"];
    await contactsLabelled("tpl", phones);
    const r = await apiClient(k.http!, { cookie: k.cookie })("POST", "/campaigns", {
      name: "Promo akhir tahun",
      ...base,
      waTemplate: ref,
    });
    expect(r.status).toBe(201);
    const created = r.body as { id: string; body: string; waTemplate: unknown };
    expect(created.waTemplate).toMatchObject({ name: "promo_akhir_tahun" });
    expect(created.body).toBe("Diskon {{1}} untuk {{2}} sampai Minggu.");
    await k.services.campaigns.start(k.owner, created.id);
    const sentBefore = graph.calls("messages").length;
    const d = dispatcher(() => "connected");
    d.start();
    try {
      await waitFor(async () =>
        (await k.services.campaigns.get(k.owner, created.id)).status === "completed" ? true : undefined,
      );
    } finally {
      await d.stop();
    }
    const rows = await k.database.db.execute<{ phone: string; status: string; text: string }>(sql`
      SELECT phone, status, text FROM campaign_recipients WHERE campaign_id = ${created.id} ORDER BY phone`);
    expect(rows.rows).toEqual([
      {
        phone: phones[0],
        status: "sent",
        text: "Halo Pelanggan 1!\nDiskon 20% untuk Pelanggan 1 sampai Minggu.",
      },
      {
        phone: phones[1],
        status: "sent",
        text: "Halo Pelanggan 2!\nDiskon 20% untuk Pelanggan 2 sampai Minggu.",
      },
    ]);
    const sent = graph
      .calls("messages")
      .slice(sentBefore)
      .map(
        (c) =>
          c.json as {
            to: string;
            type: string;
            template: { name: string; language: { code: string }; components: unknown[] };
          },
      )
      .sort((a, b) => a.to.localeCompare(b.to));
    expect(sent.map((m) => [m.to, m.type, m.template.name, m.template.language.code])).toEqual([
      [phones[0]!.slice(1), "template", "promo_akhir_tahun", "id"],
      [phones[1]!.slice(1), "template", "promo_akhir_tahun", "id"],
    ]);
    expect(sent[1]!.template.components).toEqual([
      { type: "header", parameters: [{ type: "text", text: "Pelanggan 2" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "20%" },
          { type: "text", text: "Pelanggan 2" },
        ],
      },
      {
        type: "button",
        sub_type: "quick_reply",
        index: "0",
        parameters: [{ type: "payload", payload: "stop" }],
      },
    ]);
  });
});
