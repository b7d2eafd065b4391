/**
 * What a customer answered, end to end on a Cloud API number: Meta-documented webhook
 * deliveries (template quick-reply button, interactive reply button and list row, a
 * location with its url) posted to Kabar's webhook route, then the thread read through the
 * API as the inbox shows it: the button's id / payload and label, which of the shop's
 * messages was answered (Meta's `context.id`), the location's url. A quick-reply button
 * whose payload is an opt-out word opts the customer out like typing it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../src/db/schema/index.js";
import type { ConversationDetailDto, ConversationDto, MessageDto } from "../src/modules/inbox/schemas.js";
import { apiClient, ok, untilConnected, type Api } from "./support/api.js";
import { inboundMessage, wamid, webhookPayload } from "./support/cloud-api.js";
import { FakeGraph, signedWebhook } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const APP_SECRET = "rahasia-app-jawaban";

let k: TestKabar;
let api: Api;
let graph: FakeGraph;
let channelId: string;
let customers = 0;

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
  const channel = await ok(
    api<{ id: string }>("POST", "/channels", {
      name: "WA Resmi",
      kind: "cloud_api",
      cloudApi: {
        phoneNumberId: graph.phoneNumberId,
        wabaId: graph.wabaId,
        accessToken: graph.accessToken,
        appSecret: APP_SECRET,
        verifyToken: "verifikasi-jawaban",
      },
    }),
    201,
  );
  channelId = channel.id;
  await untilConnected(api, channelId);
});
afterAll(async () => {
  await k?.close();
  await graph?.close();
});

/** Meta delivers customer messages of `from` (digits, no "+") to Kabar's webhook route. */
async function delivers(from: string, ...items: Array<Record<string, unknown>>): Promise<void> {
  const payload = webhookPayload(graph.phoneNumberId, {
    contacts: [{ wa_id: from, name: "Rina" }],
    messages: items,
  });
  const signed = signedWebhook(APP_SECRET, payload);
  const res = await k.http!.inject({
    method: "POST",
    url: `/webhooks/cloud-api/${channelId}`,
    payload: signed.body,
    headers: signed.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** The thread of `phone` once it holds `count` messages (the webhook job is asynchronous). */
async function threadOnce(
  phone: string,
  count: number,
): Promise<{ c: ConversationDto; thread: MessageDto[] }> {
  return waitFor(async () => {
    const [c] = await ok(api<ConversationDto[]>("GET", `/conversations?search=${encodeURIComponent(phone)}`));
    if (!c) return undefined;
    const thread = await ok(api<MessageDto[]>("GET", `/conversations/${c.id}/messages`));
    return thread.length >= count ? { c, thread } : undefined;
  });
}

/**
 * A customer who wrote, and the shop's answer to them: resolves with the customer's number
 * (digits), the conversation and the shop's message with the wamid Meta gave it.
 */
async function customerAnswered(shopText: string) {
  const from = `62813555${String(++customers).padStart(5, "0")}`;
  await delivers(from, inboundMessage(from, "text", { body: "Halo kak" }));
  const { c } = await threadOnce(`+${from}`, 1);
  const sent = await ok(api<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: shopText }), 201);
  const [row] = await k.database.db.select().from(messages).where(eq(messages.id, sent.id));
  return { from, c, sent, wamid: row!.externalId };
}

/**
 * The message of `thread` with `text` (Meta stamps messages in whole seconds, so an answer
 * may sort before the shop's message sent within the same second).
 */
function said(thread: MessageDto[], text: string): MessageDto | undefined {
  return thread.find((m) => m.text === text);
}

/** Meta's `context` of a message answering the shop's message `id`. */
const context = (id: string) => ({ from: "6281100001234", id });

describe("answers to the shop's messages", () => {
  it("a template quick-reply tap keeps its payload and which message it answered", async () => {
    const shop = await customerAnswered("Mau ikut promo Lebaran? Pilih di bawah ya kak");
    await delivers(shop.from, {
      ...inboundMessage(shop.from, "button", { payload: "PROMO_LEBARAN_YA", text: "Ya, mau" }),
      context: context(shop.wamid),
    });
    const { thread } = await threadOnce(`+${shop.from}`, 3);
    expect(said(thread, "Ya, mau")).toMatchObject({
      direction: "in",
      text: "Ya, mau",
      button: { kind: "quick_reply", id: "PROMO_LEBARAN_YA", title: "Ya, mau" },
      answering: {
        externalId: shop.wamid,
        message: {
          id: shop.sent.id,
          direction: "out",
          text: "Mau ikut promo Lebaran? Pilih di bawah ya kak",
        },
      },
    });
  });

  it("an interactive reply button and a list row keep their ids and the answered message", async () => {
    const shop = await customerAnswered("Kapan mau dikirim kak?");
    await delivers(
      shop.from,
      {
        ...inboundMessage(shop.from, "interactive", {
          type: "button_reply",
          button_reply: { id: "kirim-hari-ini", title: "Hari ini" },
        }),
        context: context(shop.wamid),
      },
      {
        ...inboundMessage(shop.from, "interactive", {
          type: "list_reply",
          list_reply: { id: "slot-pagi", title: "Besok pagi", description: "08.00–11.00" },
        }),
        context: context(shop.wamid),
      },
    );
    const { thread } = await threadOnce(`+${shop.from}`, 4);
    expect(said(thread, "Hari ini")).toMatchObject({
      text: "Hari ini",
      button: { kind: "reply_button", id: "kirim-hari-ini", title: "Hari ini" },
      answering: { externalId: shop.wamid, message: { id: shop.sent.id } },
    });
    expect(said(thread, "Besok pagi")).toMatchObject({
      text: "Besok pagi",
      button: { kind: "list_row", id: "slot-pagi", title: "Besok pagi" },
      answering: { externalId: shop.wamid, message: { text: "Kapan mau dikirim kak?" } },
    });
    // The customer's first message answered nothing.
    expect(said(thread, "Halo kak")).toMatchObject({ answering: null, button: null, location: null });
  });

  it("an answer to a message Kabar does not hold says so, without a snippet", async () => {
    const from = `62813555${String(++customers).padStart(5, "0")}`;
    const unknown = wamid();
    await delivers(from, {
      ...inboundMessage(from, "button", { payload: "ORDER", text: "Pesan" }),
      context: context(unknown),
    });
    const { thread } = await threadOnce(`+${from}`, 1);
    expect(thread[0]).toMatchObject({
      button: { kind: "quick_reply", id: "ORDER", title: "Pesan" },
      answering: { externalId: unknown, message: null },
    });
  });

  it("a location keeps its name, address and url", async () => {
    const from = `62813555${String(++customers).padStart(5, "0")}`;
    const location = {
      latitude: -7.7928,
      longitude: 110.3657,
      name: "Toko Sinar Jaya",
      address: "Jl. Malioboro 12, Yogyakarta",
      url: "https://sinarjaya.example/lokasi",
    };
    await delivers(from, inboundMessage(from, "location", location));
    const { thread } = await threadOnce(`+${from}`, 1);
    expect(thread[0]).toMatchObject({ location, text: expect.stringContaining("Toko Sinar Jaya") });
  });
});

describe("opting out by a button", () => {
  it("a quick-reply button whose payload is an opt-out word opts the customer out", async () => {
    const shop = await customerAnswered("Promo minggu ini: diskon 20%");
    await delivers(shop.from, {
      ...inboundMessage(shop.from, "button", { payload: "STOP", text: "Berhenti langganan" }),
      context: context(shop.wamid),
    });
    const detail = await waitFor(async () => {
      const d = await ok(api<ConversationDetailDto>("GET", `/conversations/${shop.c.id}`));
      return d.contact.optedOut ? d : undefined;
    });
    expect(detail.contact.optedOut).toBe(true);
  });

  it("a reply button whose id is one of the shop's own opt-out words opts the customer out", async () => {
    await ok(api("PATCH", "/tenant", { optOutKeywords: ["STOP", "BERHENTI", "UNSUBSCRIBE", "CUKUP_PROMO"] }));
    const shop = await customerAnswered("Masih mau dapat kabar promo?");
    await delivers(shop.from, {
      ...inboundMessage(shop.from, "interactive", {
        type: "button_reply",
        button_reply: { id: "cukup_promo", title: "Tidak, terima kasih" },
      }),
      context: context(shop.wamid),
    });
    await waitFor(async () => {
      const d = await ok(api<ConversationDetailDto>("GET", `/conversations/${shop.c.id}`));
      return d.contact.optedOut ? d : undefined;
    });
  });
});
