/**
 * WhatsApp templates made in Kabar (issue 15 §5): a template submitted through the API is
 * checked with Meta's limits (400 naming the field, in both languages) before Meta is
 * called, stored as PENDING, and Meta's review arrives by the signed webhook: APPROVED,
 * REJECTED with its reason, the category changed by Meta; each tells the owner. Meta's
 * errors become clear codes without Meta's internals. The fake Graph API reviews like Meta
 * (fake-graph-review.ts) and posts its webhooks to Kabar's route.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { NotificationDto } from "../src/modules/notifications/schemas.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { untilChannelStatus } from "./support/channels.js";
import { FakeGraph, signedWebhook } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let graph: FakeGraph;
let channel: ChannelDto;
const APP_SECRET = "app-secret-review";

interface WaTemplate {
  name: string;
  language: string;
  status: string;
  category: string | null;
  reason: string | null;
  previousCategory: string | null;
}

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
  channel = await ok(
    api<ChannelDto>("POST", "/channels", {
      name: "WA Resmi",
      kind: "cloud_api",
      cloudApi: {
        phoneNumberId: graph.phoneNumberId,
        wabaId: graph.wabaId,
        accessToken: graph.accessToken,
        appSecret: APP_SECRET,
        verifyToken: "verifikasi-review-1",
        phone: "0811-2345-6789",
      },
    }),
    201,
  );
  await untilChannelStatus(api, channel.id, "connected");
  // Meta posts its review to the channel's webhook, signed with the app secret.
  graph.reviewer.deliver = async (payload) => {
    const { body, headers } = signedWebhook(APP_SECRET, payload);
    const r = await k.http!.inject({
      method: "POST",
      url: `/webhooks/cloud-api/${channel.id}`,
      payload: body,
      headers,
    });
    if (r.statusCode !== 200) throw new Error(`webhook answered ${r.statusCode}`);
  };
});
afterAll(async () => {
  expect(graph?.reviewer.errors ?? []).toEqual([]);
  await k?.close();
  await graph?.close();
});

const draft = (name: string, body = "Halo {{1}}, pesanan {{2}} sudah dikirim.") => ({
  name,
  language: "id",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Toko Sinar Jaya" },
    { type: "BODY", text: body, example: { body_text: [["Sari", "A-17"]] } },
    { type: "FOOTER", text: "Balas STOP untuk berhenti" },
    { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Terima kasih" }] },
  ],
});
const list = () => ok(api<WaTemplate[]>("GET", `/channels/${channel.id}/wa-templates`));
const until = (name: string, check: (t: WaTemplate) => boolean) =>
  waitFor(async () => (await list()).find((t) => t.name === name && check(t)));
const notification = (kind: string, about: string) =>
  waitFor(async () =>
    (await ok(api<{ items: NotificationDto[] }>("GET", "/notifications"))).items.find(
      (n) => n.kind === kind && n.reason?.startsWith(about),
    ),
  );

describe("WhatsApp templates made in Kabar", () => {
  it("refuses a template outside Meta's limits before calling Meta, naming each field in both languages", async () => {
    const bad = {
      ...draft("Promo Lebaran"),
      components: [
        { type: "HEADER", format: "TEXT", text: "x".repeat(61) },
        { type: "BODY", text: "Halo {{1}}", example: { body_text: [[]] } },
        { type: "BUTTONS", buttons: [{ type: "URL", text: "Lihat", url: "http://toko.id" }] },
      ],
    };
    const r = await api("POST", `/channels/${channel.id}/wa-templates`, bad);
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("invalid_wa_template");
    expect(errorOf(r).fields).toEqual({
      name: "Hanya huruf kecil, angka dan _",
      "components[0].text": "Maksimal 60 karakter",
      "components[1].example": "Contoh isi wajib untuk {{1}}",
      "components[2].buttons[0].url": "Alamat https://…, variabel hanya {{1}} di akhir",
    });
    const english = await api("POST", `/channels/${channel.id}/wa-templates`, bad, {
      headers: { "accept-language": "en" },
    });
    expect(errorOf(english).fields?.["components[0].text"]).toBe("At most 60 characters");
    expect(graph.calls("template-create")).toHaveLength(0);
  });

  it("submits a template as PENDING; Meta's approval arrives by webhook and tells the owner", async () => {
    const created = await ok(
      api<WaTemplate>("POST", `/channels/${channel.id}/wa-templates`, draft("pesanan_dikirim")),
      201,
    );
    expect(created).toMatchObject({ name: "pesanan_dikirim", status: "PENDING", category: "UTILITY" });
    expect(graph.calls("template-create")[0]!.json).toMatchObject({
      name: "pesanan_dikirim",
      language: "id",
      category: "UTILITY",
      parameter_format: "POSITIONAL",
    });
    await until("pesanan_dikirim", (t) => t.status === "APPROVED" && t.reason === null);
    const n = await notification("wa_template_approved", "pesanan_dikirim (id)");
    expect(n.channelId).toBe(channel.id);
  });

  it("shows Meta's rejection with its reason and tells the owner", async () => {
    graph.reviewer.rejectWords = ["gratis"];
    await ok(
      api(
        "POST",
        `/channels/${channel.id}/wa-templates`,
        draft("promo_gratis", "Ongkir gratis untuk {{1}} {{2}}!"),
      ),
      201,
    );
    const t = await until("promo_gratis", (x) => x.status === "REJECTED");
    expect(t.reason).toBe("INVALID_FORMAT");
    const n = await notification("wa_template_rejected", "promo_gratis (id)");
    expect(n.reason).toBe("promo_gratis (id): INVALID_FORMAT");
  });

  it("shows a category changed by Meta (it changes the price) and tells the owner, once per delivery", async () => {
    await until("pesanan_dikirim", (t) => t.status === "APPROVED");
    const listed = graph.templates.find((t) => t.name === "pesanan_dikirim")!;
    await graph.reviewer.changeCategory(graph.wabaId, listed, "MARKETING");
    const t = await until("pesanan_dikirim", (x) => x.category === "MARKETING");
    expect(t.previousCategory).toBe("UTILITY");
    const n = await notification("wa_template_category_changed", "pesanan_dikirim (id)");
    expect(n.reason).toBe("pesanan_dikirim (id): UTILITY → MARKETING");
    // Meta delivers at least once: the same delivery again changes nothing and tells nobody twice.
    await graph.reviewer.deliver!(graph.reviewer.posted.at(-1));
    // A webhook is processed by a job after its answer: read once none is waiting or running.
    await waitFor(async () => {
      const r = await k.database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'cloud-api-webhook' AND state NOT IN ('completed', 'failed', 'cancelled')`,
      );
      return r.rows[0]!.n === 0 ? true : undefined;
    });
    const all = await ok(api<{ items: NotificationDto[] }>("GET", "/notifications"));
    expect(all.items.filter((x) => x.kind === "wa_template_category_changed")).toHaveLength(1);
    expect((await list()).find((x) => x.name === "pesanan_dikirim")).toMatchObject({
      category: "MARKETING",
      previousCategory: "UTILITY",
    });
  });

  it("shows a template Meta paused (low quality) with its reason and tells the owner", async () => {
    await until("pesanan_dikirim", (t) => t.status === "APPROVED");
    await graph.reviewer.deliver!({
      object: "whatsapp_business_account",
      entry: [
        {
          id: graph.wabaId,
          time: 1_790_000_000,
          changes: [
            {
              field: "message_template_status_update",
              value: {
                event: "PAUSED",
                message_template_id: 5001,
                message_template_name: "pesanan_dikirim",
                message_template_language: "id",
                reason: "LOW_QUALITY",
              },
            },
          ],
        },
      ],
    });
    const t = await until("pesanan_dikirim", (x) => x.status === "PAUSED");
    expect(t.reason).toBe("LOW_QUALITY");
    const n = await notification("wa_template_paused", "pesanan_dikirim (id)");
    expect(n.reason).toBe("pesanan_dikirim (id): LOW_QUALITY");
  });

  it("maps Meta's errors to clear codes without Meta's internals", async () => {
    const taken = await api("POST", `/channels/${channel.id}/wa-templates`, draft("pesanan_dikirim"));
    expect(taken.status).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: "wa_template_exists", fields: { name: "sudah dipakai" } });
    graph.failNext("template-create", {
      code: 100,
      message: "(#100) Invalid parameter",
      details: "secret detail",
    });
    const refused = await api("POST", `/channels/${channel.id}/wa-templates`, draft("ditolak_meta"));
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe("wa_template_refused");
    graph.failNext("template-create", { code: 190, subcode: 463, message: "Error validating access token" });
    const token = await api("POST", `/channels/${channel.id}/wa-templates`, draft("token_habis"));
    expect(token.status).toBe(502);
    expect(errorOf(token).code).toBe("wa_template_unavailable");
    for (const r of [refused, token])
      expect(JSON.stringify(r.body)).not.toMatch(/#100|secret detail|access token|fbtrace/i);
    expect((await list()).map((t) => t.name)).not.toContain("ditolak_meta");
  });

  it("a sync keeps Meta's rejection reason", async () => {
    await ok(api("POST", `/channels/${channel.id}/wa-templates/sync`));
    expect((await list()).find((t) => t.name === "promo_gratis")).toMatchObject({
      status: "REJECTED",
      reason: "INVALID_FORMAT",
    });
    expect(graph.calls("templates").at(-1)!.query.fields).toContain("rejected_reason");
  });

  it("deletes a template at Meta and in Kabar", async () => {
    expect(await ok(api("DELETE", `/channels/${channel.id}/wa-templates/promo_gratis`))).toEqual({
      removed: 1,
    });
    expect(graph.templates.map((t) => t.name)).not.toContain("promo_gratis");
    expect((await list()).map((t) => t.name)).not.toContain("promo_gratis");
    const gone = await api("DELETE", `/channels/${channel.id}/wa-templates/promo_gratis`);
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe("wa_template_unknown");
  });

  it("refuses templates on a number that is not a Cloud API number", async () => {
    const sandbox = (await ok(api<ChannelDto[]>("GET", "/channels"))).find((c) => c.kind === "sandbox")!;
    const r = await api("POST", `/channels/${sandbox.id}/wa-templates`, draft("apa_saja"));
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("not_cloud_api");
    const agent = apiClient(k.http!, { cookie: "" });
    expect((await agent("POST", `/channels/${channel.id}/wa-templates`, draft("x"))).status).toBe(401);
  });
});
