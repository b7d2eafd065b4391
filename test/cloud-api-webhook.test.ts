/**
 * The Cloud API webhook as Meta uses it: the verification handshake, signed deliveries
 * (raw-body HMAC, 401 otherwise), and their processing into the shop's inbox through the
 * channel's live transport: texts, media, locations, button and list replies, statuses,
 * duplicate deliveries processed once, and nothing stored when the channel is not live.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudApiRegistry } from "../src/channels/cloud-api/transport.js";
import type { CloudApiTransport } from "../src/channels/cloud-api/transport.js";
import type { ReceiptEvent, StateEvent } from "../src/channels/transport.js";
import { contacts, media, messages } from "../src/db/schema/index.js";
import type { CloudApiWebhookJob } from "../src/modules/webhooks/jobs/cloud-api-webhook.js";
import { ChannelNotLiveError, processWebhook } from "../src/modules/webhooks/process.js";
import { webhookRoutes } from "../src/modules/webhooks/routes.js";
import { createWebhookService } from "../src/modules/webhooks/service.js";
import {
  cloudTransport,
  createCloudChannel,
  inboundMessage,
  SECRET_KEY,
  statusUpdate,
  wamid,
  webhookPayload,
  type CloudChannel,
} from "./support/cloud-api.js";
import { SAME_ORIGIN } from "./support/api.js";
import { FAKE_PHONE_NUMBER_ID, FakeGraph, signedWebhook } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let graph: FakeGraph;
let channel: CloudChannel;
let transport: CloudApiTransport;
let registry: CloudApiRegistry;
let dataDir: string;
let app: FastifyInstance;
const jobs: CloudApiWebhookJob[] = [];
const inboxWrites: Array<Promise<boolean>> = [];
const receipts: ReceiptEvent[] = [];
const states: StateEvent[] = [];
const CUSTOMER = "6281234500001";

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  channel = await createCloudChannel(k, graph);
  ({ transport, registry, dataDir } = await cloudTransport(k, channel));
  // Wired like the channel manager does: messages go to the inbox.
  transport.on("message", (m) => inboxWrites.push(k.services.inbox.receive(channel, m)));
  transport.on("receipt", (r) => receipts.push(r));
  transport.on("state", (s) => states.push(s));
  await transport.connect();
  expect(transport.currentStatus).toBe("connected");
  app = Fastify();
  await webhookRoutes(
    app,
    createWebhookService({
      db: k.database.db,
      secretKey: SECRET_KEY,
      enqueue: async (job) => void jobs.push(job),
    }),
  );
  app.post("/other-json-route", async (req) => ({ parsed: req.body }));
  await app.ready();
});
afterAll(async () => {
  await Promise.all(inboxWrites);
  await app?.close();
  await graph?.close();
  await k?.close();
});

const url = (id = channel.id) => `/webhooks/cloud-api/${id}`;

function post(
  payload: unknown,
  opts: { secret?: string; channelId?: string; headers?: Record<string, string> } = {},
) {
  const signed = signedWebhook(opts.secret ?? channel.secrets.appSecret, payload);
  return app.inject({
    method: "POST",
    url: url(opts.channelId),
    payload: signed.body,
    headers: { ...signed.headers, ...opts.headers },
  });
}

/** Meta delivers `payload`; the route accepts it and the queued job is processed. */
async function deliver(payload: unknown) {
  const before = jobs.length;
  const res = await post(payload);
  expect(res.statusCode).toBe(200);
  expect(jobs).toHaveLength(before + 1);
  const job = jobs.at(-1)!;
  const outcome = await processWebhook({ db: k.database.db, registry }, job.channelId, job.body);
  await Promise.all(inboxWrites);
  return outcome;
}

async function stored(externalId: string) {
  const [m] = await k.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, externalId)));
  return m;
}

describe("verification handshake (GET)", () => {
  const query = (token: string, mode = "subscribe") =>
    `?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;

  it("echoes hub.challenge as text when the verify token matches", async () => {
    const res = await app.inject({ method: "GET", url: url() + query(channel.secrets.verifyToken) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toBe("1158201444");
  });

  it("works registered as a plugin too", async () => {
    const other = Fastify();
    await other.register(
      webhookRoutes,
      createWebhookService({ db: k.database.db, secretKey: SECRET_KEY, enqueue: async () => {} }),
    );
    const res = await other.inject({ method: "GET", url: url() + query(channel.secrets.verifyToken) });
    expect([res.statusCode, res.body]).toEqual([200, "1158201444"]);
    await other.close();
  });

  it("answers 403 to a wrong token, another mode, or an unknown channel", async () => {
    expect((await app.inject({ method: "GET", url: url() + query("tebakan") })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: "GET", url: url() + query(channel.secrets.verifyToken, "unsubscribe") }))
        .statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: "GET", url: url(randomUUID()) + query(channel.secrets.verifyToken) }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: "GET", url: url() })).statusCode).toBe(403);
  });
});

describe("delivery size", () => {
  /** A batch for another phone number (processing ignores it) of about `bytes` of JSON. */
  const batchOf = (bytes: number) => {
    const text = "Halo kak, pesanan saya sudah sampai? ".repeat(20);
    const messages = Array.from({ length: Math.ceil(bytes / (text.length + 120)) }, () =>
      inboundMessage(CUSTOMER, "text", { body: text }),
    );
    return webhookPayload("nomor-lain", { messages });
  };
  const send = (payload: unknown, secret = channel.secrets.appSecret) => {
    const signed = signedWebhook(secret, payload);
    return app.inject({ method: "POST", url: url(), payload: signed.body, headers: signed.headers });
  };

  // `app` keeps Fastify's default body limit, 1 MiB, like Kabar's own (src/http/app.ts).
  it("accepts a batch of up to 3 MB, as Meta documents, where the API's other routes stop at 1 MiB", async () => {
    const big = batchOf(2.8 * 1024 * 1024);
    expect(JSON.stringify(big).length).toBeGreaterThan(2.5 * 1024 * 1024);
    const accepted = await send(big);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const tooBig = batchOf(3.3 * 1024 * 1024);
    const refused = await send(tooBig);
    expect({ status: refused.statusCode, code: refused.json().error?.code }).toEqual({
      status: 413,
      code: "body_too_large",
    });
    const contact = await k.http!.inject({
      method: "POST",
      url: "/api/v1/contacts",
      payload: { phone: "081234567890", name: "x".repeat(1.5 * 1024 * 1024) },
      headers: { cookie: k.cookie, origin: SAME_ORIGIN },
    });
    expect(contact.statusCode).toBe(413);
  });
});

describe("deliveries (POST)", () => {
  const payload = webhookPayload(FAKE_PHONE_NUMBER_ID, {
    contacts: [{ wa_id: CUSTOMER, name: "Dewi Lestari 🌸" }],
    messages: [inboundMessage(CUSTOMER, "text", { body: "Halo kak, ada promo? 😊" })],
  });

  it("accepts a delivery signed over the raw body and queues it, unicode intact", async () => {
    const before = jobs.length;
    const res = await post(payload);
    expect(res.statusCode).toBe(200);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs.at(-1)).toEqual({ channelId: channel.id, body: payload });
  });

  it("answers 401 without a signature, with a wrong one, or when the body was changed", async () => {
    const before = jobs.length;
    const signed = signedWebhook(channel.secrets.appSecret, payload);
    const unsigned = await app.inject({
      method: "POST",
      url: url(),
      payload: signed.body,
      headers: { "content-type": "application/json" },
    });
    expect(unsigned.statusCode).toBe(401);
    expect((await post(payload, { secret: "not-the-app-secret" })).statusCode).toBe(401);
    const tampered = Buffer.from(signed.body.toString().replace("promo", "PROMO"));
    expect(
      (await app.inject({ method: "POST", url: url(), payload: tampered, headers: signed.headers }))
        .statusCode,
    ).toBe(401);
    expect(jobs).toHaveLength(before);
  });

  it("answers 404 for a channel without Cloud API secrets and 400 for signed non-JSON", async () => {
    expect((await post(payload, { channelId: randomUUID() })).statusCode).toBe(404);
    expect((await post('{"entry": [')).statusCode).toBe(400);
  });

  it("says why in the error body every Kabar route answers, in the caller's language", async () => {
    const codeOf = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;
    const refused = await app.inject({
      method: "GET",
      url: `${url()}?hub.mode=subscribe&hub.verify_token=tebakan&hub.challenge=1`,
    });
    expect([refused.statusCode, codeOf(refused)]).toEqual([403, "verification_failed"]);
    const unsigned = await app.inject({
      method: "POST",
      url: url(),
      payload: "{}",
      headers: { "content-type": "application/json", "accept-language": "en" },
    });
    expect([unsigned.statusCode, unsigned.json()]).toEqual([
      401,
      {
        error: {
          code: "invalid_signature",
          message: "X-Hub-Signature-256 is missing or does not match the body",
        },
      },
    ]);
    const unknown = await post(payload, { channelId: randomUUID() });
    expect([unknown.statusCode, unknown.json()]).toEqual([
      404,
      { error: { code: "channel_not_found", message: "Nomor WhatsApp tidak ditemukan" } },
    ]);
    const notJson = await post('{"entry": [');
    expect([notJson.statusCode, codeOf(notJson)]).toEqual([400, "invalid_json"]);
  });

  it("leaves other routes with the normal JSON parser", async () => {
    const res = await app.inject({ method: "POST", url: "/other-json-route", payload: { a: "é" } });
    expect(res.json()).toEqual({ parsed: { a: "é" } });
  });
});

describe("processing", () => {
  it("stores a text in the inbox as a contact named by the WhatsApp profile, once per wamid", async () => {
    const id = wamid();
    const payload = webhookPayload(graph.phoneNumberId, {
      contacts: [{ wa_id: CUSTOMER, name: "Dewi Lestari 🌸" }],
      messages: [inboundMessage(CUSTOMER, "text", { body: "Halo kak, ada promo? 😊" }, id)],
    });
    expect(await deliver(payload)).toMatchObject({ messages: 1, duplicates: 0 });
    expect(await deliver(payload)).toMatchObject({ messages: 0, duplicates: 1 });
    const m = await stored(id);
    expect(m).toMatchObject({ direction: "in", text: "Halo kak, ada promo? 😊", status: "received" });
    const [c] = await k.database.db.select().from(contacts).where(eq(contacts.id, m!.contactId));
    expect(c).toMatchObject({ phone: `+${CUSTOMER}`, name: "Dewi Lestari 🌸" });
    const n = await k.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM messages WHERE external_id = ${id}`,
    );
    expect(n.rows[0]!.n).toBe(1);
  });

  it("downloads media with the token into the channel's media folder", async () => {
    const bytes = Buffer.from("%PDF-1.4 nota pembelian");
    const mediaId = graph.addMedia(bytes, "application/pdf");
    const id = wamid();
    await deliver(
      webhookPayload(graph.phoneNumberId, {
        messages: [
          inboundMessage(
            CUSTOMER,
            "document",
            { id: mediaId, mime_type: "application/pdf", filename: "nota.pdf", caption: "Nota kemarin" },
            id,
          ),
        ],
      }),
    );
    const m = await stored(id);
    expect(m!.text).toBe("Nota kemarin");
    // The message names the file by the id of a media row of the shop, never by its path.
    expect(m!.media).toEqual({
      type: "document",
      id: expect.any(String),
      mimeType: "application/pdf",
      filename: "nota.pdf",
    });
    const [file] = await k.database.db.select().from(media).where(eq(media.id, m!.media!.id!));
    expect(file).toMatchObject({
      tenantId: channel.tenantId,
      path: `media/${channel.id}/${mediaId}.pdf`,
      source: "received",
      type: "document",
    });
    expect(await readFile(join(dataDir, file!.path))).toEqual(bytes);
    const download = graph.calls("download").at(-1)!;
    expect(download.authorization).toBe(`Bearer ${graph.accessToken}`);
  });

  it("keeps a message whose media Meta no longer has, as text", async () => {
    const id = wamid();
    graph.failNext("media-info", { code: 100, message: "Invalid media id" });
    await deliver(
      webhookPayload(graph.phoneNumberId, {
        messages: [inboundMessage(CUSTOMER, "image", { id: "123", mime_type: "image/jpeg" }, id)],
      }),
    );
    expect((await stored(id))!.text).toBe("[image]");
  });

  it("stores locations, template button replies and interactive replies as text", async () => {
    const [loc, btn, list, reply] = [wamid(), wamid(), wamid(), wamid()];
    await deliver(
      webhookPayload(graph.phoneNumberId, {
        messages: [
          inboundMessage(
            CUSTOMER,
            "location",
            { latitude: -7.7928, longitude: 110.3657, name: "Toko Sinar Jaya" },
            loc,
          ),
          inboundMessage(CUSTOMER, "button", { text: "Mau pesan", payload: "ORDER" }, btn),
          inboundMessage(
            CUSTOMER,
            "interactive",
            { type: "list_reply", list_reply: { id: "kirim-besok", title: "Kirim besok" } },
            list,
          ),
          inboundMessage(
            CUSTOMER,
            "interactive",
            { type: "button_reply", button_reply: { id: "ya", title: "Ya" } },
            reply,
          ),
        ],
      }),
    );
    expect((await stored(loc))!.text).toBe(
      "📍 Toko Sinar Jaya — https://maps.google.com/?q=-7.7928,110.3657",
    );
    expect((await stored(btn))!.text).toBe("Mau pesan");
    expect((await stored(list))!.text).toBe("Kirim besok");
    expect((await stored(reply))!.text).toBe("Ya");
  });

  it("emits statuses as receipts, each status once", async () => {
    const id = wamid();
    const payload = webhookPayload(graph.phoneNumberId, {
      statuses: [statusUpdate(id, "delivered", CUSTOMER), statusUpdate(id, "read", CUSTOMER)],
    });
    expect(await deliver(payload)).toMatchObject({ statuses: 2 });
    expect(await deliver(payload)).toMatchObject({ statuses: 0, duplicates: 2 });
    expect(receipts.filter((r) => r.messageId === id).map((r) => [r.status, r.to])).toEqual([
      ["delivered", `+${CUSTOMER}`],
      ["read", `+${CUSTOMER}`],
    ]);
  });

  it("emits a failed status with Meta's reason, and stops the channel for a stop-class code", async () => {
    const [undeliverable, spam] = [wamid(), wamid()];
    await deliver(
      webhookPayload(graph.phoneNumberId, {
        statuses: [
          statusUpdate(undeliverable, "failed", CUSTOMER, [
            {
              code: 131026,
              title: "Message undeliverable",
              error_data: { details: "Message Undeliverable." },
            },
          ]),
        ],
      }),
    );
    expect(receipts.at(-1)).toMatchObject({
      messageId: undeliverable,
      status: "failed",
      error: { code: "131026" },
    });
    expect(receipts.at(-1)!.error!.reason).toMatch(/Meta #131026: Message Undeliverable/);
    expect(transport.currentStatus).toBe("connected");

    await deliver(
      webhookPayload(graph.phoneNumberId, {
        statuses: [statusUpdate(spam, "failed", CUSTOMER, [{ code: 131048, title: "Spam rate limit hit" }])],
      }),
    );
    expect(receipts.at(-1)).toMatchObject({ messageId: spam, status: "failed", error: { code: "131048" } });
    expect(states.at(-1)).toMatchObject({ status: "blocked" });
    expect(states.at(-1)!.reason).toMatch(/Spam rate limit/);
    await transport.connect(); // the owner reconnects once Meta lifts it
    expect(transport.currentStatus).toBe("connected");
  });

  it("ignores changes of another phone number", async () => {
    const outcome = await deliver(
      webhookPayload("999999", { messages: [inboundMessage(CUSTOMER, "text", { body: "salah nomor" })] }),
    );
    expect(outcome).toMatchObject({ messages: 0, ignored: 1 });
  });

  it("stores nothing when the channel has no live transport here, so the job retry can", async () => {
    const count = async () =>
      (
        await k.database.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM webhook_events WHERE channel_id = ${channel.id}`,
        )
      ).rows[0]!.n;
    const before = await count();
    await transport.disconnect();
    const payload = webhookPayload(graph.phoneNumberId, {
      messages: [inboundMessage(CUSTOMER, "text", { body: "tadi offline" })],
    });
    await expect(processWebhook({ db: k.database.db, registry }, channel.id, payload)).rejects.toBeInstanceOf(
      ChannelNotLiveError,
    );
    expect(await count()).toBe(before);
    await transport.connect();
    expect(await processWebhook({ db: k.database.db, registry }, channel.id, payload)).toMatchObject({
      messages: 1,
    });
    await Promise.all(inboxWrites);
  });
});
