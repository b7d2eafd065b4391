import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACING_PRESETS } from "../src/channels/pacing.js";
import type { CampaignDto } from "../src/modules/campaigns/schemas.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import type { TemplateDto } from "../src/modules/templates/schemas.js";
import type { TenantDto } from "../src/modules/tenants/service.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { FUZZ_ATOMS, FUZZ_KEYS, fuzzer } from "./support/fuzz.js";
import { mulberry32 } from "./support/rng.js";
import {
  apiClient,
  errorOf,
  multipartBody,
  untilConnected,
  type Api,
  type Method,
  type Reply,
} from "./support/api.js";
import { API_ROUTES, fillPath, routeKey } from "./support/routes.js";

let k: TestKabar;
let api: Api;
let channelId: string;
let contactId: string;
let templateId: string;
let phone: string;
/** A demo phone that is not on WhatsApp (every 20th demo customer). */
let offWhatsApp: string | undefined;

const UNKNOWN_ID = "00000000-0000-4000-8000-0000000000ff";
const future = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

async function draft(
  name: string,
  audience: unknown = { type: "labels", labels: [DEMO_LABEL] },
): Promise<CampaignDto> {
  const r = await api<CampaignDto>("POST", "/campaigns", {
    name,
    channelId,
    body: "Halo {{name|kak}}",
    audience,
  });
  expect(r.status, r.text).toBe(201);
  return r.body;
}

/** Asserts a 400 whose `error.fields` has `field` (or a field under it). */
function expectFieldError(r: Reply<unknown>, code: string, field: string): void {
  expect(r.status, r.text).toBe(400);
  expect(errorOf(r).code, r.text).toBe(code);
  const fields = Object.keys(errorOf(r).fields ?? {});
  expect(
    fields.some((f) => f === field || f.startsWith(`${field}.`)),
    `fields ${fields.join(", ")} should name ${field}`,
  ).toBe(true);
}

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await api<ChannelDto[]>("GET", "/channels")).body[0]!.id;
  await untilConnected(api, channelId);
  contactId = (await api<{ items: ContactDto[] }>("GET", "/contacts?pageSize=1")).body.items[0]!.id;
  templateId = (await api<TemplateDto>("POST", "/templates", { name: "Sapaan", body: "Halo {{name}}" })).body
    .id;
  const phones = (await api<Array<{ phone: string; onWhatsApp: boolean }>>("GET", "/sandbox/phones")).body;
  phone = phones.find((p) => p.onWhatsApp)!.phone;
  offWhatsApp = phones.find((p) => !p.onWhatsApp)?.phone;
});
afterAll(async () => k?.close());

describe("bad bodies and queries", () => {
  it("answer 400 validation_failed with error.fields naming the field", async () => {
    const valid = PACING_PRESETS.safe;
    const campaign = { name: "Tes", channelId, body: "Halo", audience: { type: "all" } };
    const cases: Array<[Method, string, unknown, string]> = [
      ["POST", "/contacts", {}, "phone"],
      ["POST", "/contacts", { phone: 81234567890 }, "phone"],
      ["POST", "/contacts", { phone: "081234567890", labels: [""] }, "labels"],
      ["POST", "/contacts", { phone: "081234567890", attributes: { kota: 5 } }, "attributes"],
      ["PATCH", `/contacts/${contactId}`, { optedOut: "ya" }, "optedOut"],
      ["POST", "/contacts/bulk-delete", { contactIds: [] }, "contactIds"],
      ["POST", "/contacts/bulk-label", { contactIds: ["bukan-uuid"], add: ["a"] }, "contactIds"],
      ["POST", "/campaigns", { ...campaign, audience: { type: "labels", labels: [] } }, "audience"],
      ["POST", "/campaigns", { ...campaign, audience: { type: "semua" } }, "audience"],
      ["POST", "/campaigns", { ...campaign, body: undefined }, "body"],
      ["POST", "/campaigns", { ...campaign, channelId: "nomor-1" }, "channelId"],
      ["POST", "/campaigns", { ...campaign, name: "   " }, "name"],
      ["PATCH", `/campaigns/${UNKNOWN_ID}`, { audience: { type: "import" } }, "audience"],
      ["POST", `/campaigns/${UNKNOWN_ID}/schedule`, {}, "at"],
      [
        "PATCH",
        `/channels/${channelId}`,
        { pacing: { ...valid, minDelayMs: 5000, maxDelayMs: 1000 } },
        "pacing",
      ],
      [
        "PATCH",
        `/channels/${channelId}`,
        { pacing: { ...valid, quietHours: { enabled: true, start: "25:00", end: "08:00" } } },
        "pacing",
      ],
      ["PATCH", `/channels/${channelId}`, { pacing: { ...valid, concurrency: 5 } }, "pacing"],
      ["PATCH", `/channels/${channelId}`, { pacing: valid, pacingPreset: "safe" }, "pacing"],
      ["PATCH", `/channels/${channelId}`, { pacingPreset: "ngebut" }, "pacingPreset"],
      ["POST", "/channels", { name: "" }, "name"],
      ["POST", "/channels", { name: "x", kind: "telegram" }, "kind"],
      ["PATCH", "/tenant", { optOutKeywords: [] }, "optOutKeywords"],
      ["PATCH", "/tenant", { locale: "fr" }, "locale"],
      ["PATCH", "/tenant", { warmDays: 0 }, "warmDays"],
      ["PATCH", "/tenant", { warmDays: 3651 }, "warmDays"],
      ["PATCH", "/tenant", { warmDays: 1.5 }, "warmDays"],
      ["PATCH", "/tenant", { warmDays: "90" }, "warmDays"],
      ["PATCH", "/tenant", { auditRetentionDays: 29 }, "auditRetentionDays"],
      ["PATCH", "/tenant", { auditRetentionDays: 3651 }, "auditRetentionDays"],
      ["POST", "/templates", { name: "Tanpa isi" }, "body"],
      [
        "POST",
        "/templates",
        { name: "Gambar", body: "Hai", media: { type: "image", url: "/etc/passwd" } },
        "media",
      ],
      [
        "POST",
        "/templates",
        { name: "Gambar", body: "Hai", media: { type: "image", url: "gambar/../../rahasia.png" } },
        "media",
      ],
      [
        "POST",
        "/templates",
        {
          name: "Gambar",
          body: "Hai",
          media: { type: "image", url: "https://contoh.test/a.gif", mimeType: "image/gif" },
        },
        "media",
      ],
      ["POST", "/templates/preview", { contactId: "x" }, "contactId"],
      ["POST", `/sandbox/channels/${channelId}/faults`, { type: "rate_limit" }, "count"],
      ["POST", `/sandbox/channels/${channelId}/faults`, { type: "meteor" }, "type"],
      ["POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, { channelId, text: "   " }, "text"],
      ["GET", "/contacts?pageSize=1000", undefined, "pageSize"],
      ["GET", "/audit?cursor=abc", undefined, "cursor"],
      ["GET", "/audit?from=kemarin", undefined, "from"],
      ["GET", "/audit?userId=saya", undefined, "userId"],
      ["GET", "/audit/export?format=pdf", undefined, "format"],
      ["GET", "/contacts?optedOut=ya", undefined, "optedOut"],
      ["GET", "/campaigns?status=selesai", undefined, "status"],
      ["GET", "/conversations?limit=0", undefined, "limit"],
      ["POST", "/users", { email: "bukan-email", name: "Budi", password: "rahasia-budi" }, "email"],
      ["POST", "/users", { email: "budi@contoh.test", name: "Budi", password: "pendek" }, "password"],
      [
        "POST",
        "/users",
        { email: "budi@contoh.test", name: "Budi", password: "rahasia-budi", role: "kepala" },
        "role",
      ],
      ["POST", "/outlets", { name: "Cabang", province: "Atlantis" }, "province"],
      ["POST", "/outlets", { name: "Cabang", phone: "bukan nomor" }, "phone"],
      ["POST", "/outlets", { name: "  " }, "name"],
      ["PUT", "/agents/me/presence", { online: "ya" }, "online"],
      ["PATCH", `/agents/${UNKNOWN_ID}`, { maxOpenConversations: -1 }, "maxOpenConversations"],
      ["POST", `/conversations/${UNKNOWN_ID}/assign`, { userId: "budi" }, "userId"],
      ["POST", `/conversations/${UNKNOWN_ID}/assign`, {}, "userId"],
      ["PUT", `/channels/${channelId}/agents`, { userIds: ["budi"] }, "userIds"],
      ["GET", "/conversations?assignee=saya", undefined, "assignee"],
      ["GET", "/conversations?status=tutup", undefined, "status"],
      ["GET", "/conversations?cursor=abc", undefined, "cursor"],
      ["GET", "/conversations?channelId=nomor-1", undefined, "channelId"],
      ["GET", `/conversations/${UNKNOWN_ID}/messages?before=kemarin`, undefined, "before"],
      ["POST", `/conversations/${UNKNOWN_ID}/messages`, {}, "text"],
      ["POST", `/conversations/${UNKNOWN_ID}/messages`, { text: "Halo", quickReplyId: UNKNOWN_ID }, "text"],
      [
        "POST",
        `/conversations/${UNKNOWN_ID}/messages`,
        { media: { type: "image", url: "/etc/passwd" } },
        "media",
      ],
      [
        "POST",
        `/conversations/${UNKNOWN_ID}/messages`,
        { waTemplate: { name: "Promo Lebaran", language: "id" } },
        "waTemplate",
      ],
      ["POST", `/conversations/${UNKNOWN_ID}/snooze`, { until: "besok" }, "until"],
      ["PUT", `/conversations/${UNKNOWN_ID}/labels`, { labels: [""] }, "labels"],
      ["POST", `/conversations/${UNKNOWN_ID}/notes`, { body: "" }, "body"],
      ["POST", "/quick-replies", { shortcut: "Salam Pagi", body: "Halo" }, "shortcut"],
      ["POST", "/quick-replies", { shortcut: "salam" }, "body"],
      ["PUT", `/quick-replies/${UNKNOWN_ID}`, { shortcut: "salam", body: "" }, "body"],
      ["POST", `/quick-replies/${UNKNOWN_ID}/render`, { conversationId: "x" }, "conversationId"],
      ["GET", `/contacts/imports/${UNKNOWN_ID}/errors?format=pdf`, undefined, "format"],
      ["GET", "/contacts?attribute=kota%20asal", undefined, "attribute"],
      ["GET", "/contacts/export?format=pdf", undefined, "format"],
      ["GET", "/contacts/export?optedOut=ya", undefined, "optedOut"],
      ["GET", `/campaigns/${UNKNOWN_ID}/report?format=pdf`, undefined, "format"],
      ["GET", "/stats/overview?days=14", undefined, "days"],
      ["POST", "/automation/rules", { name: "x", type: "sapaan", reply: "x" }, "type"],
      [
        "POST",
        "/automation/rules",
        { name: "x", type: "keyword", reply: "x", config: { keywords: [] } },
        "config",
      ],
      [
        "POST",
        "/automation/rules",
        { name: "x", type: "fallback", reply: "x", delayMaxSeconds: 61 },
        "delayMaxSeconds",
      ],
      ["POST", "/automation/test", { text: 5 }, "text"],
      ["POST", "/automation/test", { text: "halo", at: "besok" }, "at"],
      ["GET", `/automation/rules/${UNKNOWN_ID}/log?limit=0`, undefined, "limit"],
      ["POST", "/campaigns/estimate", { audience: { type: "all" } }, "channelId"],
      ["POST", "/campaigns/estimate", { channelId, audience: { type: "labels", labels: [] } }, "audience"],
    ];
    for (const [method, path, payload, field] of cases) {
      expectFieldError(await api(method, path, payload), "validation_failed", field);
    }
    // Nothing of the above changed the channel.
    expect((await api<ChannelDto>("GET", `/channels/${channelId}`)).body.pacingPreset).toBe("demo");
  });

  it("an invalid phone gives 400 invalid_phone naming fields.phone", async () => {
    for (const bad of ["abc", "123", "08l2-3456-7890", "+1 555"]) {
      expectFieldError(await api("POST", "/contacts", { phone: bad }), "invalid_phone", "phone");
      expectFieldError(
        await api("PATCH", `/contacts/${contactId}`, { phone: bad }),
        "invalid_phone",
        "phone",
      );
    }
  });

  it("a malformed or empty JSON body gives 400, not 500", async () => {
    const json = { "content-type": "application/json" };
    for (const [method, path] of [
      ["POST", "/contacts"],
      ["PATCH", "/tenant"],
      ["POST", "/campaigns"],
      ["POST", "/campaigns/estimate"],
      ["PATCH", `/channels/${channelId}`],
      ["POST", "/auth/sign-in"],
    ] as Array<[Method, string]>) {
      for (const body of ['{"phone": "0812', "{phone: 1}", "null,", ""]) {
        const r = await api(method, path, body, { headers: json });
        expect({ route: `${method} ${path}`, body, status: r.status, code: errorOf(r).code }).toEqual({
          route: `${method} ${path}`,
          body,
          status: 400,
          code: "invalid_json",
        });
      }
    }
    // JSON that tries to set __proto__ is refused outright.
    expect(
      (
        await api("POST", "/contacts", '{"phone":"081234567890","__proto__":{"admin":true}}', {
          headers: json,
        })
      ).status,
    ).toBe(400);
    // A body that is not an object where one is expected.
    for (const body of ["[]", '"0812"', "42", "null"]) {
      expectFieldError(await api("POST", "/contacts", body, { headers: json }), "validation_failed", "body");
    }
  });

  it("an invalid template on POST /templates or PUT /templates/:id gives 400 invalid_template naming fields.body", async () => {
    for (const body of ["{{ }}", "Halo {{name", "Halo }} kak", "{{nama-lengkap}}", "{Halo|Hai", ""]) {
      expectFieldError(await api("POST", "/templates", { name: "Rusak", body }), "invalid_template", "body");
      expectFieldError(
        await api("PUT", `/templates/${templateId}`, { name: "Rusak", body }),
        "invalid_template",
        "body",
      );
    }
    expect((await api<TemplateDto>("GET", `/templates/${templateId}`)).body.body).toBe("Halo {{name}}");
    // The problem is told in the reader's language, where in the text it is.
    const broken = { name: "Rusak", body: "Halo {Kak|Bos {{name}}" };
    const inId = await api<{ error: { fields: Record<string, string> } }>("POST", "/templates", broken);
    expect(inId.body.error.fields.body).toBe('Variasi kata "{" tidak ditutup dengan "}" (di karakter ke-6)');
    const inEn = await api<{ error: { fields: Record<string, string> } }>("POST", "/templates", broken, {
      headers: { "accept-language": "en" },
    });
    expect(inEn.body.error.fields.body).toBe('Spintax "{" is never closed with "}" (at character 6)');
    // A campaign body is checked too.
    expectFieldError(
      await api("POST", "/campaigns", {
        name: "x",
        channelId,
        body: "Halo {{name",
        audience: { type: "all" },
      }),
      "invalid_template",
      "body",
    );
  });
});

describe("ids and routes", () => {
  /** A body each id route accepts, so the answer is about the id and nothing else. */
  const bodyFor: Record<string, unknown> = {
    "PATCH /contacts/:id": { name: "x" },
    "PUT /templates/:id": { name: "x", body: "Halo" },
    "PATCH /campaigns/:id": { name: "x" },
    "POST /campaigns/:id/schedule": { at: "2099-01-01T09:00" },
    "PATCH /channels/:id": { name: "x" },
    "POST /sandbox/channels/:id/faults": { type: "clear" },
    "POST /channels/:id/pairing-code": { phone: "+6281234567890" },
    "POST /channels/:id/wa-templates": {
      name: "pengingat_pesanan",
      language: "id",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Pesanan Anda sedang dikemas." }],
    },
    "PATCH /automation/rules/:id": { name: "x" },
    "PATCH /products/:id": { price: 1 },
    "POST /conversations/:id/messages": { text: "Halo" },
    "POST /conversations/:id/snooze": { until: "2099-01-01T09:00:00Z" },
    "PUT /conversations/:id/labels": { labels: ["vip"] },
    "POST /conversations/:id/notes": { body: "Catatan" },
    "PUT /quick-replies/:id": { shortcut: "salam", body: "Halo {{name}}" },
    "POST /quick-replies/:id/render": { conversationId: "00000000-0000-4000-8000-0000000000ff" },
    "PATCH /agents/:id": { maxOpenConversations: 5 },
    "POST /conversations/:id/assign": { userId: null },
    "PUT /channels/:id/agents": { userIds: [] },
    "POST /campaigns/:id/resend-drops": { channelId: "00000000-0000-4000-8000-0000000000ff" },
    "PATCH /orders/:id": { notes: "x" },
    "POST /orders/:id/status": { status: "confirmed" },
    "PATCH /webhook-endpoints/:id": { enabled: false },
    "PATCH /users/:id": { name: "Budi" },
    "PATCH /roles/:id": { name: "Kasir" },
    "PATCH /outlets/:id": { name: "Cabang" },
  };

  it("an unknown uuid gives 404 <thing>_not_found on every route with an id", async () => {
    for (const route of API_ROUTES.filter((r) => r.path.includes(":id"))) {
      const r = await api(route.method, fillPath(route.path, { id: UNKNOWN_ID }), bodyFor[routeKey(route)]);
      expect({ route: routeKey(route), status: r.status, code: errorOf(r)?.code }).toEqual({
        route: routeKey(route),
        status: 404,
        code: expect.stringMatching(/^[a-z_]+_not_found$/),
      });
    }
    const unknownPhone = encodeURIComponent("+6281100000099");
    expect(errorOf(await api("GET", `/sandbox/phones/${unknownPhone}/messages`)).code).toBe(
      "sandbox_phone_not_found",
    );
    expect(
      errorOf(await api("POST", `/sandbox/phones/${unknownPhone}/messages`, { channelId, text: "Halo" }))
        .code,
    ).toBe("sandbox_phone_not_found");
  });

  it("a sandbox phone that is not on WhatsApp cannot write: 400 naming the phone, never 500", async () => {
    expect(offWhatsApp).toBeDefined();
    const r = await api("POST", `/sandbox/phones/${encodeURIComponent(offWhatsApp!)}/messages`, {
      channelId,
      text: "Halo",
    });
    expectFieldError(r, "sandbox_phone_not_on_whatsapp", "phone");
  });

  it("an unknown uuid in a body field gives 400 unknown_<thing> naming the field", async () => {
    const reply = await api<{ id: string }>("POST", "/quick-replies", { shortcut: "tanya-id", body: "Halo" });
    expect(reply.status).toBe(201);
    const cases: Array<[string, unknown, string, string]> = [
      ["/templates/preview", { templateId: UNKNOWN_ID }, "unknown_template", "templateId"],
      [
        "/templates/preview",
        { body: "Halo {{name}}", contactId: UNKNOWN_ID },
        "unknown_contact",
        "contactId",
      ],
      [
        `/quick-replies/${reply.body.id}/render`,
        { conversationId: UNKNOWN_ID },
        "unknown_conversation",
        "conversationId",
      ],
      [
        `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
        { channelId: UNKNOWN_ID, text: "Halo" },
        "unknown_channel",
        "channelId",
      ],
      [
        "/templates",
        { name: "x", body: "Halo", media: { type: "image", id: UNKNOWN_ID } },
        "unknown_media",
        "media.id",
      ],
    ];
    for (const [path, body, code, field] of cases) {
      const r = await api("POST", path, body);
      expect({
        path,
        status: r.status,
        code: errorOf(r)?.code,
        fields: Object.keys(errorOf(r)?.fields ?? {}),
      }).toEqual({
        path,
        status: 400,
        code,
        fields: [field],
      });
    }
    expect((await api("DELETE", `/quick-replies/${reply.body.id}`)).status).toBe(204);
  });

  it("a malformed id (not a uuid, not a phone) gives 404 on every route with a path parameter", async () => {
    for (const route of API_ROUTES.filter((r) => r.path.includes(":"))) {
      for (const bad of ["not-a-uuid", "123", "1'%20OR%20'1'='1"]) {
        const path = route.path.replace(":id", bad).replace(":phone", bad);
        const r = await api(
          route.method,
          path,
          bodyFor[routeKey(route)] ?? (route.path.includes(":phone") ? { channelId, text: "x" } : undefined),
        );
        expect({ route: routeKey(route), bad, status: r.status }).toEqual({
          route: routeKey(route),
          bad,
          status: 404,
        });
      }
    }
  });

  it("an unknown route gives 404 route_not_found", async () => {
    for (const [method, path] of [
      ["GET", "/nothing-here"],
      ["DELETE", "/campaigns"],
      ["PUT", `/contacts/${contactId}`],
      ["POST", `/contacts/${contactId}/merge`],
    ] as Array<[Method, string]>) {
      const r = await api(method, path);
      expect({ path, status: r.status, code: errorOf(r).code }).toEqual({
        path,
        status: 404,
        code: "route_not_found",
      });
    }
  });
});

describe("campaign times and states", () => {
  it("scheduling in the past gives 400 time_in_past; a bad time 400 invalid_time; a bad zone 400 invalid_time_zone", async () => {
    const c = await draft("Jadwal");
    const schedule = (body: unknown) => api<CampaignDto>("POST", `/campaigns/${c.id}/schedule`, body);
    expectFieldError(await schedule({ at: "2020-01-01T09:00" }), "time_in_past", "at");
    expectFieldError(
      await schedule({ at: new Date(Date.now() - 3_600_000).toISOString() }),
      "time_in_past",
      "at",
    );
    expectFieldError(await schedule({ at: "besok pagi jam sembilan" }), "invalid_time", "at");
    expectFieldError(await schedule({ at: "2099-13-45T09:00+07:00" }), "invalid_time", "at");
    expectFieldError(
      await schedule({ at: "2099-01-01T09:00", timeZone: "Mars/Olympus_Mons" }),
      "invalid_time_zone",
      "timeZone",
    );
    expectFieldError(
      await api("PATCH", "/tenant", { timeZone: "Asia/Bandung" }),
      "invalid_time_zone",
      "timeZone",
    );
    expect((await api<CampaignDto>("GET", `/campaigns/${c.id}`)).body.status).toBe("draft");
    // A local time is read in the given zone (WITA is UTC+8).
    const ok = await schedule({ at: "2099-01-01T09:00", timeZone: "Asia/Makassar" });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.scheduledAt).toBe("2099-01-01T01:00:00.000Z");
    expect((await api<TenantDto>("GET", "/tenant")).body.timeZone).toBe("Asia/Jakarta");
    // The warm window's bounds are both allowed.
    expect((await api<TenantDto>("PATCH", "/tenant", { warmDays: 3650 })).body.warmDays).toBe(3650);
    expect((await api<TenantDto>("PATCH", "/tenant", { warmDays: 1 })).body.warmDays).toBe(1);
    expect((await api<TenantDto>("PATCH", "/tenant", { warmDays: 90 })).body.warmDays).toBe(90);
  });

  it("starting a campaign twice gives 409; so do other moves its state does not allow", async () => {
    const c = await draft("Dua kali");
    expect(errorOf(await api("POST", `/campaigns/${c.id}/pause`)).code).toBe("invalid_transition");
    expect((await api("POST", `/campaigns/${c.id}/retry-failed`)).status).toBe(409);
    expect((await api("POST", `/campaigns/${c.id}/start`)).status).toBe(200);
    const again = await api("POST", `/campaigns/${c.id}/start`);
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe("invalid_transition");
    expect((await api("POST", `/campaigns/${c.id}/schedule`, { at: future() })).status).toBe(409);
    const edit = await api("PATCH", `/campaigns/${c.id}`, { body: "Ganti" });
    expect(edit.status).toBe(409);
    expect(errorOf(edit).code).toBe("campaign_started");
    expect((await api("POST", `/campaigns/${c.id}/cancel`)).status).toBe(200);
    expect((await api("POST", `/campaigns/${c.id}/cancel`)).status).toBe(409);
    expect((await api("POST", `/campaigns/${c.id}/resume`)).status).toBe(409);
    expect((await api<CampaignDto>("GET", `/campaigns/${c.id}`)).body.body).toBe("Halo {{name|kak}}");
  });

  it("starting a campaign whose audience matches nobody gives 400 empty_audience and leaves it a draft", async () => {
    const c = await draft("Kosong", { type: "labels", labels: ["tidak-ada-yang-punya"] });
    expectFieldError(await api("POST", `/campaigns/${c.id}/start`), "empty_audience", "audience");
    expect((await api<CampaignDto>("GET", `/campaigns/${c.id}`)).body.status).toBe("draft");
  });
});

describe("known bugs", () => {
  it("PATCH /tenant with nothing to change answers 200 with the tenant unchanged", async () => {
    const before = (await api<TenantDto>("GET", "/tenant")).body;
    for (const body of [{}, { warna: "biru" }]) {
      const r = await api<TenantDto>("PATCH", "/tenant", body);
      expect(r.status, r.text).toBe(200);
      expect(r.body).toEqual(before);
    }
  });

  it("PATCH /channels/:id with nothing to change answers 200 with the channel unchanged", async () => {
    const before = (await api<ChannelDto>("GET", `/channels/${channelId}`)).body;
    const r = await api<ChannelDto>("PATCH", `/channels/${channelId}`, {});
    expect(r.status, r.text).toBe(200);
    expect(r.body.name).toBe(before.name);
  });

  it("PATCH /tenant with an empty time zone gives 400 naming fields.timeZone", async () => {
    try {
      const r = await api("PATCH", "/tenant", { timeZone: "" });
      expect(r.status).toBe(400);
      expect(Object.keys(errorOf(r).fields ?? {})).toContain("timeZone");
      expect((await api<TenantDto>("GET", "/tenant")).body.timeZone).toBe("Asia/Jakarta");
    } finally {
      await api("PATCH", "/tenant", { timeZone: "Asia/Jakarta" });
    }
  });

  it("text with a NUL character is refused with 400, never 500", async () => {
    const attempts: Array<[Method, string, unknown]> = [
      ["GET", "/contacts?search=%00", undefined],
      ["GET", "/contacts?label=a%00b", undefined],
      ["POST", "/contacts", { phone: "081299990001", name: "Budi\u0000" }],
      ["POST", "/contacts", { phone: "081299990002", attributes: { kota: "Solo\u0000" } }],
      ["POST", "/templates", { name: "Nama\u0000", body: "Halo" }],
    ];
    for (const [method, path, payload] of attempts)
      expect((await api(method, path, payload)).status).toBe(400);
  });

  it("a local time that does not exist (31 February) gives 400 invalid_time", async () => {
    const c = await draft("Tanggal aneh");
    expectFieldError(
      await api("POST", `/campaigns/${c.id}/schedule`, { at: "2099-02-31T09:00", timeZone: "Asia/Jakarta" }),
      "invalid_time",
      "at",
    );
  });

  it("a campaign message is checked like a template message", async () => {
    const media = { type: "image", url: "https://contoh.test/promo.png" };
    expectFieldError(
      await api("POST", "/campaigns", {
        name: "x",
        channelId,
        body: "x".repeat(2000),
        media,
        audience: { type: "all" },
      }),
      "invalid_template",
      "body",
    );
    const c = await draft("Kosongkan");
    expectFieldError(await api("PATCH", `/campaigns/${c.id}`, { body: "" }), "invalid_template", "body");
  });
});

describe("no request makes a 500", () => {
  /** Fields each PATCH route knows; a PATCH with none of them hits a known bug (see above). */
  const PATCH_FIELDS: Record<string, string[]> = {
    "PATCH /tenant": ["name", "timeZone", "optOutKeywords", "locale"],
    "PATCH /channels/:id": ["name", "pacingPreset", "pacing"],
  };

  function knownBug(route: string, body: unknown): boolean {
    const fields = PATCH_FIELDS[route];
    if (!fields || typeof body !== "object" || body === null || Array.isArray(body)) return false;
    const b = body as Record<string, unknown>;
    if (!Object.keys(b).some((key) => fields.includes(key))) return true;
    return route === "PATCH /tenant" && b.timeZone === "";
  }

  it("random JSON shapes sent to every POST, PUT and PATCH route get an answer below 500", async () => {
    const draftId = (await draft("Fuzz")).id;
    const ruleId = (
      await api<{ id: string }>("POST", "/automation/rules", {
        name: "Tutup",
        type: "outside_hours",
        config: { schedule: {} },
        reply: "Tutup",
      })
    ).body.id;
    const ids = [contactId, templateId, channelId, draftId, UNKNOWN_ID];
    const { next, shape, mutate } = fuzzer(20240617, FUZZ_KEYS, [...FUZZ_ATOMS, ...ids, [], {}]);

    /** A body each route accepts; the fuzz mutates it so requests get past the schema too. */
    const validBody: Record<string, () => unknown> = {
      "POST /auth/sign-in": () => ({ email: "fuzz@contoh.test", password: "x" }),
      "POST /auth/password": () => ({ currentPassword: "bukan-sandinya", newPassword: "sandi-baru-fuzz" }),
      "POST /contacts": () => ({
        phone: `0813${String(Math.floor(next() * 1e8)).padStart(8, "0")}`,
        name: "Fuzz",
        labels: ["fuzz"],
        attributes: { kota: "Solo" },
        optedOut: false,
      }),
      "PATCH /contacts/:id": () => ({
        name: "Fuzz",
        labels: ["fuzz"],
        attributes: { kota: "Solo" },
        optedOut: false,
      }),
      "POST /contacts/bulk-delete": () => ({ contactIds: [UNKNOWN_ID] }),
      "POST /contacts/bulk-label": () => ({ contactIds: [contactId], add: ["fuzz"], remove: ["lama"] }),
      "POST /contacts/imports/preview/rows": () => ({
        format: "csv",
        line: 1,
        headers: ["nama", "telepon", "kota"],
        rows: [["Andi", "0812-3456-7890", "Solo"]],
        mapping: { phone: "telepon", name: "nama", attributes: { kota: "kota" } },
      }),
      "POST /templates": () => ({
        name: "Fuzz",
        body: "Halo {{name|kak}}",
        media: { type: "image", url: "https://contoh.test/a.png", mimeType: "image/png" },
      }),
      "PUT /templates/:id": () => ({ name: "Fuzz", body: "{Halo|Hai} {{name}}", media: null }),
      "POST /templates/preview": () => ({ templateId, contactId, columns: ["satu"], seed: "fuzz" }),
      "POST /campaigns": () => ({
        name: "Fuzz",
        channelId,
        body: "Halo {{1}}",
        audience: { type: "labels", labels: [DEMO_LABEL], match: "all" },
      }),
      "PATCH /campaigns/:id": () => ({ name: "Fuzz", body: "Hai", audience: { type: "all" } }),
      "POST /campaigns/:id/schedule": () => ({ at: "2099-01-01T09:00", timeZone: "Asia/Jayapura" }),
      "POST /channels/:id/pairing-code": () => ({ phone: "0812-3456-7890" }),
      "POST /channels": () => ({ name: "Fuzz", kind: "sandbox", pacingPreset: "off" }),
      "PATCH /channels/:id": () => ({ name: "Fuzz", pacing: PACING_PRESETS.balanced }),
      "PATCH /tenant": () => ({
        name: "Toko Contoh",
        timeZone: "Asia/Jakarta",
        optOutKeywords: ["STOP"],
        locale: "id",
      }),
      "POST /sandbox/phones/:phone/messages": () => ({ channelId, text: "Halo" }),
      "POST /sandbox/channels/:id/faults": () => ({ type: "rate_limit", count: 3 }),
      "POST /automation/rules": () => ({
        name: "Fuzz",
        type: "keyword",
        config: { keywords: ["harga"], mode: "exact", caseSensitive: true },
        reply: "Halo {{name}}",
        priority: 10,
        cooldownSeconds: 60,
        delayMinSeconds: 1,
        delayMaxSeconds: 2,
      }),
      "PATCH /automation/rules/:id": () => ({
        config: { schedule: { mon: [{ start: "22:00", end: "06:00" }] }, holidays: ["2099-01-01"] },
        enabled: false,
      }),
      "POST /automation/test": () => ({
        text: "harga",
        contactId,
        channelId,
        at: "2099-01-01T09:00:00+07:00",
      }),
      "POST /users": () => ({
        email: `fuzz-${Math.floor(next() * 1e9)}@contoh.test`,
        name: "Fuzz",
        password: "rahasia-fuzz",
        role: next() < 0.5 ? "agent" : "owner",
      }),
      "POST /api-keys": () => ({ name: "Fuzz", scopes: ["orders:read", "contacts:read"] }),
      "POST /outlets": () => ({
        name: `Cabang ${Math.floor(next() * 1e9)}`,
        address: "Jl. Slamet Riyadi 1",
        city: "Solo",
        province: "Jawa Tengah",
        phone: "0271-123456",
      }),
      "POST /webhook-endpoints": () => ({ url: "https://toko.invalid/hook", events: ["order.created"] }),
      "PATCH /webhook-endpoints/:id": () => ({
        url: "https://toko.invalid/hook2",
        events: ["message.status"],
        enabled: true,
      }),
      "PUT /agents/me/presence": () => ({ online: next() < 0.5 }),
      "PATCH /agents/:id": () => ({ maxOpenConversations: Math.floor(next() * 30) }),
      "POST /conversations/:id/assign": () => ({ userId: next() < 0.5 ? null : k.owner.userId }),
      "PUT /channels/:id/agents": () => ({ userIds: [k.owner.userId] }),
    };
    const idFor = (path: string): string => {
      if (next() < 0.1) return UNKNOWN_ID;
      if (path.startsWith("/contacts")) return contactId;
      if (path.startsWith("/templates")) return templateId;
      if (path.startsWith("/campaigns")) return draftId;
      if (path.startsWith("/automation")) return ruleId;
      if (path.startsWith("/agents")) return k.owner.userId!;
      return channelId;
    };

    const routes = API_ROUTES.filter(
      (r) =>
        r.method !== "GET" &&
        r.method !== "DELETE" &&
        // Both would end the session the suite runs in.
        routeKey(r) !== "POST /auth/sign-out" &&
        routeKey(r) !== "POST /auth/sign-out-everywhere",
    );
    const failures: string[] = [];
    for (const route of routes) {
      const valid = validBody[routeKey(route)];
      for (let i = 0; i < 50; i++) {
        const body = valid && i % 5 !== 0 ? mutate(valid()) : shape();
        const path = fillPath(route.path, { id: idFor(route.path), phone });
        const r = await api(route.method, path, JSON.stringify(body), {
          headers: { "content-type": "application/json" },
        });
        if (r.status >= 500 && !knownBug(routeKey(route), body))
          failures.push(
            `${route.method} ${path} ${JSON.stringify(body).slice(0, 300)} → ${r.status} ${r.text}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });

  it("random query strings on list routes and odd uploads get an answer below 500", async () => {
    const next = mulberry32(7);
    const vals = [
      "",
      "0",
      "-1",
      "1",
      "2.5",
      "999999999999",
      "abc",
      "true",
      "false",
      "%25",
      "_",
      "%5C",
      "0812",
      "+62",
      "pelanggan-demo",
      "a".repeat(200),
    ];
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const failures: string[] = [];
    for (let i = 0; i < 120; i++) {
      const path = pick([
        "/contacts",
        "/campaigns",
        "/conversations",
        `/campaigns/${UNKNOWN_ID}/recipients`,
        `/contacts/imports/${UNKNOWN_ID}/errors`,
      ]);
      const qs = new URLSearchParams();
      for (const key of ["search", "label", "optedOut", "page", "pageSize", "status", "limit", "format"])
        if (next() < 0.4) qs.set(key, pick(vals));
      const r = await api("GET", `${path}?${qs.toString()}`);
      if (r.status >= 500) failures.push(`GET ${path}?${qs.toString()} → ${r.status} ${r.text}`);
    }
    const uploads: Array<[string, Buffer, Record<string, string>]> = [
      ["kosong.csv", Buffer.alloc(0), {}],
      ["acak.bin", Buffer.from(Array.from({ length: 4096 }, () => Math.floor(next() * 256))), {}],
      ["bukan.xlsx", Buffer.from("nama,telepon\nA,081234567890\n"), { format: "xlsx" }],
      ["kontak.vcf", Buffer.from("BEGIN:VCARD\nVERSION:3.0\nFN:Tanpa Akhir\n"), {}],
      [
        "kontak.csv",
        Buffer.from("nama;telepon\nA;081234567890\n"),
        { delimiter: ";", mapping: '{"phone":"telepon"}' },
      ],
      ["kontak.csv", Buffer.from("nama,telepon\n"), { mapping: '{"phone":"Tidak Ada"}' }],
      ["kontak.csv", Buffer.from("nama,telepon\n"), { mapping: "{phone" }],
      ["kontak.csv", Buffer.from("nama,telepon\n"), { mapping: "[1,2]" }],
    ];
    for (const [filename, content, query] of uploads) {
      const { payload, headers } = multipartBody([{ name: "file", filename, value: content }]);
      const r = await api("POST", `/contacts/imports?${new URLSearchParams(query).toString()}`, payload, {
        headers,
      });
      if (r.status >= 500)
        failures.push(`upload ${filename} ${JSON.stringify(query)} → ${r.status} ${r.text}`);
      const p = await api(
        "POST",
        `/contacts/imports/preview?${new URLSearchParams(query).toString()}`,
        payload,
        { headers },
      );
      if (p.status >= 500)
        failures.push(`preview ${filename} ${JSON.stringify(query)} → ${p.status} ${p.text}`);
    }
    // Template media: odd files and MIME types are stored or refused, never a 500.
    for (const [filename, content] of uploads) {
      for (const contentType of ["image/png", "application/x-unknown", "bukan-mime", ""]) {
        const { payload, headers } = multipartBody([{ name: "file", filename, value: content, contentType }]);
        const m = await api("POST", "/templates/media", payload, { headers });
        if (m.status >= 500)
          failures.push(`template media ${filename} ${contentType} → ${m.status} ${m.text}`);
      }
    }
    const noMedia = multipartBody([{ name: "catatan", value: "tanpa berkas" }]);
    expect(
      errorOf(await api("POST", "/templates/media", noMedia.payload, { headers: noMedia.headers })).fields,
    ).toHaveProperty("file");
    const noFile = multipartBody([{ name: "catatan", value: "tanpa berkas" }]);
    const r = await api("POST", "/contacts/imports", noFile.payload, { headers: noFile.headers });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("file_required");
    expect(failures).toEqual([]);
  });
});
