/**
 * The shared inbox as an agent uses it over the API: the conversation list with its
 * filters, search and pages; replying over the sandbox (ticks arrive); notes, labels,
 * resolve / reopen / snooze; unread counts; quick replies filled with the contact's name;
 * and the Cloud API 24-hour window.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import { conversations } from "../src/db/schema/index.js";
import type { BusEvents } from "../src/lib/bus.js";
import type {
  ConversationDetailDto,
  ConversationDto,
  MessageDto,
  NoteDto,
  QuickReplyDto,
} from "../src/modules/inbox/schemas.js";
import { sweepSnoozed } from "../src/modules/inbox/state.js";
import { apiClient, errorOf, multipartBody, ok, untilConnected, type Api } from "./support/api.js";
import { startCampaign, untilCampaign } from "./support/campaigns.js";
import { firstChannel } from "./support/channels.js";
import { addCloudChannel } from "./support/cloud-api.js";
import { FakeGraph } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
/** The fake Graph of the Cloud API tests, reached through the operator settings. */
let graph: FakeGraph;
let channelId: string;
let customers = 0;
const events: Array<{ [E in keyof BusEvents]: { event: E; payload: BusEvents[E] } }[keyof BusEvents]> = [];

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  for (const event of [
    "conversation.opened",
    "conversation.resolved",
    "conversation.updated",
    "conversation.note",
    "message.new",
    "message.status",
  ] as const) {
    k.bus.on(event, (payload) => events.push({ event, payload } as (typeof events)[number]));
  }
});
afterAll(async () => {
  await k?.close();
  await graph?.close();
});

/** A new virtual customer of the shop (reads everything, never answers by itself). */
async function newCustomer(name: string): Promise<string> {
  const phone: VirtualPhone = {
    phone: `+628572345${String(++customers).padStart(4, "0")}`,
    name,
    onWhatsApp: true,
    readRate: 1,
    replyRate: 0,
    latencyMs: 200,
  };
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [phone]);
  await k.sandbox.addPhones([phone]);
  return phone.phone;
}

/**
 * The customer writes `text`; resolves with their conversation once the inbox stored it and
 * announced it (the intake emits `conversation.opened` and `message.new` just after its
 * commit, so a conversation the API already shows may not have been announced yet).
 */
async function writes(phone: string, text: string): Promise<ConversationDto> {
  const announcedBefore = events.length;
  await ok(api("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, { channelId, text }));
  return waitFor(async () => {
    const [c] = await ok(api<ConversationDto[]>("GET", `/conversations?search=${encodeURIComponent(phone)}`));
    if (c?.lastMessage?.text !== text) return undefined;
    const announced = events
      .slice(announcedBefore)
      .some(
        (e) => e.event === "message.new" && e.payload.direction === "in" && e.payload.conversationId === c.id,
      );
    return announced ? c : undefined;
  });
}

const list = (query: string) => ok(api<ConversationDto[]>("GET", `/conversations?${query}`));
const ids = (cs: ConversationDto[]) => cs.map((c) => c.id);
const eventsOf = <E extends keyof BusEvents>(event: E) =>
  events.filter((e) => e.event === event).map((e) => e.payload as BusEvents[E]);

describe("the conversation list", () => {
  let budi: ConversationDto;
  let sari: ConversationDto;

  beforeAll(async () => {
    budi = await writes(await newCustomer("Budi Santoso"), "Sepatu kulit ukuran 42 masih ada?");
    sari = await writes(await newCustomer("Sari Wulandari"), "Tas anyaman yang kemarin");
  });

  it("shows each conversation with its contact, unread count and last message, newest first", async () => {
    const all = await list("limit=200");
    expect(ids(all).indexOf(sari.id)).toBeLessThan(ids(all).indexOf(budi.id));
    expect(all.find((c) => c.id === budi.id)).toMatchObject({
      name: "Budi Santoso",
      status: "open",
      unreadCount: 1,
      channelKind: "sandbox",
      windowExpiresAt: null,
      lastMessage: { direction: "in", text: "Sepatu kulit ukuran 42 masih ada?" },
    });
    // A new conversation was announced for assignment, once.
    expect(eventsOf("conversation.opened").filter((e) => e.conversationId === budi.id)).toEqual([
      {
        tenantId: k.owner.tenantId,
        channelId,
        contactId: budi.contactId,
        conversationId: budi.id,
        reopened: false,
        // New: nobody handles it yet (the socket forwarder reads who may hear it from this).
        assigneeId: null,
      },
    ]);
  });

  it("searches by message text, contact name and phone (local form too)", async () => {
    expect(ids(await list("search=kulit%20ukuran"))).toEqual([budi.id]);
    expect(ids(await list("search=anyaman"))).toEqual([sari.id]);
    expect(ids(await list("search=wulandari"))).toEqual([sari.id]);
    expect(ids(await list(`search=${encodeURIComponent(`0${budi.phone.slice(3)}`)}`))).toEqual([budi.id]);
    expect(await list("search=tidak-ada-yang-cocok")).toEqual([]);
    // LIKE wildcards are plain characters.
    expect(await list("search=%25%25%25")).toEqual([]);
  });

  it("filters mine / unassigned by the assignee", async () => {
    await k.database.db
      .update(conversations)
      .set({ assigneeId: k.owner.userId, assignedAt: new Date() })
      .where(eq(conversations.id, budi.id));
    await k.database.db.update(conversations).set({ assigneeId: null }).where(eq(conversations.id, sari.id));
    const mine = ids(await list("assignee=mine&limit=200"));
    const unassigned = ids(await list("assignee=unassigned&limit=200"));
    expect(mine).toContain(budi.id);
    expect(mine).not.toContain(sari.id);
    expect(unassigned).toContain(sari.id);
    expect(unassigned).not.toContain(budi.id);
  });

  it("pages with a cursor: every conversation once, in order", async () => {
    const all = ids(await list("limit=200"));
    const paged: string[] = [];
    let cursor = "";
    for (;;) {
      const page = await list(`limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      if (!page.length) break;
      paged.push(...ids(page));
      cursor = page.at(-1)!.cursor;
    }
    expect(paged).toEqual(all);
    expect(errorOf(await api("GET", "/conversations?cursor=bukan-kursor")).fields).toHaveProperty("cursor");
  });

  it("labels a conversation and filters by label and status", async () => {
    const labelled = await ok(
      api<ConversationDto>("PUT", `/conversations/${budi.id}/labels`, {
        labels: ["grosir", "grosir", " vip "],
      }),
    );
    expect(labelled.labels).toEqual(["grosir", "vip"]);
    expect(ids(await list("label=grosir"))).toEqual([budi.id]);
    await ok(api("POST", `/conversations/${sari.id}/resolve`));
    expect(ids(await list("status=resolved"))).toContain(sari.id);
    expect(ids(await list("status=open&limit=200"))).not.toContain(sari.id);
    expect(
      eventsOf("conversation.updated").some(
        (e) => e.conversationId === budi.id && e.changes.labels?.includes("vip"),
      ),
    ).toBe(true);
  });
});

describe("a conversation", () => {
  it("replies over the sandbox: sent, then delivered and read ticks arrive as message.status", async () => {
    const phone = await newCustomer("Dewi Lestari");
    const c = await writes(phone, "Bisa kirim ke Bandung?");
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: "Bisa kak, ongkir 15 ribu" }),
      201,
    );
    expect(sent).toMatchObject({ direction: "out", text: "Bisa kak, ongkir 15 ribu" });
    expect(["sent", "delivered", "read"]).toContain(sent.status);
    expect(
      eventsOf("message.new").some(
        (e) => e.messageId === sent.id && e.direction === "out" && e.conversationId === c.id,
      ),
    ).toBe(true);
    await waitFor(async () =>
      eventsOf("message.status").some((e) => e.messageId === sent.id && e.status === "read")
        ? true
        : undefined,
    );
    // Ticks only move forward (a receipt may overtake the "sent", or a later one coalesce an earlier one).
    const ticks = eventsOf("message.status")
      .filter((e) => e.messageId === sent.id)
      .map((e) => e.status);
    const order = ["pending", "sent", "delivered", "read"];
    expect(ticks.map((t) => order.indexOf(t))).toEqual(
      [...new Set(ticks.map((t) => order.indexOf(t)))].sort(),
    );
    expect(ticks.at(-1)).toBe("read");
    const thread = await ok(api<MessageDto[]>("GET", `/conversations/${c.id}/messages`));
    expect(thread.map((m) => [m.direction, m.text, m.status])).toEqual([
      ["in", "Bisa kirim ke Bandung?", "received"],
      ["out", "Bisa kak, ongkir 15 ribu", "read"],
    ]);
    // Replying read the conversation; the customer's phone got the message.
    expect(
      (await ok(api<ConversationDetailDto>("GET", `/conversations/${c.id}`))).conversation.unreadCount,
    ).toBe(0);
    const onPhone = await ok(
      api<Array<{ text?: string }>>("GET", `/sandbox/phones/${encodeURIComponent(phone)}/messages`),
    );
    expect(onPhone.map((m) => m.text)).toContain("Bisa kak, ongkir 15 ribu");
  });

  it("sends a photo with a caption", async () => {
    const c = await writes(await newCustomer("Citra Ayu"), "Ada fotonya kak?");
    const media = { type: "image", url: "https://contoh.test/kaos-merah.jpg", mimeType: "image/jpeg" };
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: "Ini kak", media }),
      201,
    );
    expect(sent).toMatchObject({
      text: "Ini kak",
      media,
      status: expect.stringMatching(/^(sent|delivered|read)$/),
    });
    const [, out] = await ok(api<MessageDto[]>("GET", `/conversations/${c.id}/messages`));
    expect(out).toMatchObject({ id: sent.id, media });
  });

  it("pages the thread backwards with `before`", async () => {
    const c = await writes(await newCustomer("Eka Putri"), "satu");
    await writes(c.phone, "dua");
    await writes(c.phone, "tiga");
    const last2 = await ok(api<MessageDto[]>("GET", `/conversations/${c.id}/messages?limit=2`));
    expect(last2.map((m) => m.text)).toEqual(["dua", "tiga"]);
    const before = await ok(
      api<MessageDto[]>("GET", `/conversations/${c.id}/messages?limit=2&before=${last2[0]!.id}`),
    );
    expect(before.map((m) => m.text)).toEqual(["satu"]);
  });

  it("marks read: the unread count goes to 0", async () => {
    const c = await writes(await newCustomer("Fajar Nugroho"), "Halo");
    await writes(c.phone, "Ada orang?");
    expect((await list(`search=${encodeURIComponent(c.phone)}`))[0]!.unreadCount).toBe(2);
    expect((await ok(api<ConversationDto>("POST", `/conversations/${c.id}/read`))).unreadCount).toBe(0);
  });

  it("keeps internal notes, shown in the contact panel and announced", async () => {
    const c = await writes(await newCustomer("Gita Permata"), "Mau pesan 10 lusin");
    const note = await ok(
      api<NoteDto>("POST", `/conversations/${c.id}/notes`, { body: "Pelanggan grosir, kasih harga khusus" }),
      201,
    );
    expect(note).toMatchObject({ authorId: k.owner.userId, body: "Pelanggan grosir, kasih harga khusus" });
    expect(await ok(api<NoteDto[]>("GET", `/conversations/${c.id}/notes`))).toEqual([note]);
    const detail = await ok(api<ConversationDetailDto>("GET", `/conversations/${c.id}`));
    expect(detail.notes).toEqual([note]);
    expect(detail.contact).toMatchObject({ name: "Gita Permata", phone: c.phone, optedOut: false });
    expect(eventsOf("conversation.note")).toContainEqual({
      tenantId: k.owner.tenantId,
      conversationId: c.id,
      note,
    });
    // A note never reaches the customer.
    const onPhone = await ok(
      api<Array<{ text?: string }>>("GET", `/sandbox/phones/${encodeURIComponent(c.phone)}/messages`),
    );
    expect(onPhone.map((m) => m.text)).not.toContain(note.body);
    expect(errorOf(await api("POST", `/conversations/${c.id}/notes`, { body: "  " })).fields).toHaveProperty(
      "body",
    );
  });

  it("shows the contact's campaign history in the contact panel", async () => {
    const c = await writes(await newCustomer("Lestari Handayani"), "Ada promo?");
    await ok(api("PATCH", `/contacts/${c.contactId}`, { labels: ["promo-inbox"] }));
    await ok(api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
    const campaign = await startCampaign(api, {
      name: "Promo Gajian",
      channelId,
      body: "Halo {{name}}, promo gajian!",
      audience: { type: "labels", labels: ["promo-inbox"], match: "any" },
    });
    await untilCampaign(api, campaign.id, (x) => x.status === "completed");
    const detail = await ok(api<ConversationDetailDto>("GET", `/conversations/${c.id}`));
    expect(detail.campaigns).toEqual([
      expect.objectContaining({ campaignId: campaign.id, name: "Promo Gajian", sentAt: expect.any(String) }),
    ]);
    expect(detail.contact.labels).toEqual(["promo-inbox"]);
    // The campaign message shows in the thread too.
    const thread = await ok(api<MessageDto[]>("GET", `/conversations/${c.id}/messages`));
    expect(thread.at(-1)).toMatchObject({
      direction: "out",
      text: "Halo Lestari Handayani, promo gajian!",
      campaignId: campaign.id,
    });
  });

  it("resolves; the customer writing again opens it and announces the reopening", async () => {
    const c = await writes(await newCustomer("Hendra Wijaya"), "Terima kasih");
    const resolved = await ok(api<ConversationDto>("POST", `/conversations/${c.id}/resolve`));
    expect(resolved).toMatchObject({ status: "resolved" });
    expect(resolved.resolvedAt).not.toBeNull();
    // Assignment hears that the conversation's agent has room again (once, even if resolved twice).
    await ok(api("POST", `/conversations/${c.id}/resolve`));
    expect(eventsOf("conversation.resolved").filter((e) => e.conversationId === c.id)).toEqual([
      { tenantId: k.owner.tenantId, conversationId: c.id, assigneeId: c.assigneeId },
    ]);
    const again = await writes(c.phone, "Eh satu lagi kak");
    expect(again).toMatchObject({ id: c.id, status: "open", resolvedAt: null });
    expect(
      eventsOf("conversation.opened")
        .filter((e) => e.conversationId === c.id)
        .map((e) => e.reopened),
    ).toEqual([false, true]);
  });

  it("reopens by hand, announcing it once", async () => {
    const c = await writes(await newCustomer("Indah Sari"), "Oke");
    await ok(api("POST", `/conversations/${c.id}/resolve`));
    expect((await ok(api<ConversationDto>("POST", `/conversations/${c.id}/reopen`))).status).toBe("open");
    await ok(api("POST", `/conversations/${c.id}/reopen`));
    expect(
      eventsOf("conversation.opened")
        .filter((e) => e.conversationId === c.id)
        .map((e) => e.reopened),
    ).toEqual([false, true]);
  });

  it("snoozes: snoozed until the time comes, then open again; a customer message wakes it earlier", async () => {
    const c = await writes(await newCustomer("Joko Prasetyo"), "Nanti saya kabari");
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await ok(api<ConversationDto>("POST", `/conversations/${c.id}/snooze`, { until }));
    expect(snoozed).toMatchObject({ status: "snoozed", snoozedUntil: until });
    expect(ids(await list("status=snoozed&limit=200"))).toContain(c.id);
    expect(ids(await list("status=open&limit=200"))).not.toContain(c.id);
    // The old name of the filter still works for one version, and answers say snoozed.
    const old = await list("status=pending&limit=200");
    expect(old.find((x) => x.id === c.id)?.status).toBe("snoozed");
    const past = await api("POST", `/conversations/${c.id}/snooze`, {
      until: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(past.status).toBe(400);
    expect(errorOf(past).fields).toHaveProperty("until");

    // The time comes: the sweep opens it.
    await k.database.db
      .update(conversations)
      .set({ snoozedUntil: sql`now() - interval '1 second'` })
      .where(eq(conversations.id, c.id));
    expect(await sweepSnoozed(k.database.db, k.bus)).toBeGreaterThanOrEqual(1);
    expect(
      (await ok(api<ConversationDetailDto>("GET", `/conversations/${c.id}`))).conversation,
    ).toMatchObject({ status: "open", snoozedUntil: null });
    expect(
      eventsOf("conversation.opened")
        .filter((e) => e.conversationId === c.id)
        .map((e) => e.reopened),
    ).toEqual([false, true]);

    // Snoozed again, the customer writes: open at once.
    await ok(api("POST", `/conversations/${c.id}/snooze`, { until }));
    expect(await writes(c.phone, "Jadi pesan ya")).toMatchObject({ status: "open", snoozedUntil: null });
  });

  it("another conversation's id or an unknown one is 404", async () => {
    const r = await api("POST", "/conversations/00000000-0000-4000-8000-000000000001/messages", {
      text: "x",
    });
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe("conversation_not_found");
  });
});

describe("quick replies", () => {
  it("are managed per shop and sent filled with the contact name", async () => {
    const qr = await ok(
      api<QuickReplyDto>("POST", "/quick-replies", {
        shortcut: "salam",
        body: "Halo {{name|kak}}, ada yang bisa dibantu?",
      }),
      201,
    );
    expect((await api("POST", "/quick-replies", { shortcut: "salam", body: "lain" })).status).toBe(409);
    expect(
      errorOf(await api("POST", "/quick-replies", { shortcut: "rusak", body: "Halo {{name" })).fields,
    ).toHaveProperty("body");
    expect((await ok(api<QuickReplyDto[]>("GET", "/quick-replies"))).map((q) => q.shortcut)).toEqual([
      "salam",
    ]);

    const c = await writes(await newCustomer("Kartika Dewi"), "Permisi");
    expect(await ok(api("POST", `/quick-replies/${qr.id}/render`, { conversationId: c.id }))).toEqual({
      text: "Halo Kartika Dewi, ada yang bisa dibantu?",
      missing: [],
      media: null,
    });
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, { quickReplyId: qr.id }),
      201,
    );
    expect(sent.text).toBe("Halo Kartika Dewi, ada yang bisa dibantu?");

    const edited = await ok(
      api<QuickReplyDto>("PUT", `/quick-replies/${qr.id}`, { shortcut: "sapa", body: "Hai {{name}}" }),
    );
    expect(edited).toMatchObject({ shortcut: "sapa", body: "Hai {{name}}" });
    await ok(api("DELETE", `/quick-replies/${qr.id}`), 204);
    expect(await ok(api("GET", "/quick-replies"))).toEqual([]);
    const gone = await api("POST", `/conversations/${c.id}/messages`, { quickReplyId: qr.id });
    expect(gone.status).toBe(400);
    expect(errorOf(gone).fields).toHaveProperty("quickReplyId");
  });
});

describe("the Cloud API 24-hour window", () => {
  let cloud: { id: string; tenantId: string };
  beforeAll(async () => {
    const channel = await addCloudChannel(api, graph);
    cloud = { id: channel.id, tenantId: k.owner.tenantId };
  });

  /** A Cloud API conversation whose customer last wrote `hoursAgo` hours ago. */
  async function cloudConversation(
    phone: string,
    hoursAgo: number,
  ): Promise<{ c: ConversationDto; wroteAt: number }> {
    const wroteAt = Date.now() - hoursAgo * 3_600_000;
    await k.services.inbox.receive(cloud, {
      messageId: `wamid.masuk-${phone}`,
      from: phone,
      profileName: "Lina",
      text: "Halo kak",
      at: wroteAt,
    });
    const [c] = await list(`search=${encodeURIComponent(phone)}`);
    return { c: c!, wroteAt };
  }

  it("inside the window, free text goes out through the Graph API and carries the wamid", async () => {
    const { c, wroteAt } = await cloudConversation("+6281399988801", 2);
    expect(c).toMatchObject({
      channelKind: "cloud_api",
      windowExpiresAt: new Date(wroteAt + 24 * 3_600_000).toISOString(),
    });
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, { text: "Siap kak, dikirim hari ini" }),
      201,
    );
    expect(sent.status).toBe("sent");
    expect(graph.calls("messages").map((m) => m.json)).toContainEqual(
      expect.objectContaining({
        to: "6281399988801",
        type: "text",
        text: expect.objectContaining({ body: "Siap kak, dikirim hari ini" }),
      }),
    );
  });

  it("after the window, free text is refused with outside_window and nothing is stored or sent; an approved template goes out", async () => {
    const { c } = await cloudConversation("+6281399988802", 25);
    const before = graph.calls("messages").length;
    const refused = await api("POST", `/conversations/${c.id}/messages`, { text: "Halo kak, masih minat?" });
    expect(refused.status).toBe(422);
    expect(errorOf(refused).code).toBe("outside_window");
    expect(
      (await ok(api<MessageDto[]>("GET", `/conversations/${c.id}/messages`))).map((m) => m.direction),
    ).toEqual(["in"]);
    expect(graph.calls("messages")).toHaveLength(before);

    const template = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, {
        waTemplate: { name: "promo_lebaran", language: "id", params: ["Lina"] },
      }),
      201,
    );
    expect(template.status).toBe("sent");
    const payload = graph.calls("messages").at(-1)!.json as {
      type: string;
      template: { name: string; language: { code: string } };
    };
    expect(payload).toMatchObject({
      type: "template",
      template: { name: "promo_lebaran", language: { code: "id" } },
    });
  });

  it("after the window, a template with named parameters goes out with each parameter_name", async () => {
    graph.templates.push({
      name: "pesanan_siap",
      language: "id",
      status: "APPROVED",
      parameter_format: "NAMED",
      components: [{ type: "BODY", text: "Halo {{customer_name}}, pesanan {{order_id}} siap." }],
    });
    const { c } = await cloudConversation("+6281399988805", 30);
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, {
        waTemplate: {
          name: "pesanan_siap",
          language: "id",
          params: { customer_name: "Lina", order_id: "A-17" },
        },
      }),
      201,
    );
    expect(sent.status).toBe("sent");
    const payload = graph.calls("messages").at(-1)!.json as { template: { components: unknown[] } };
    expect(payload.template.components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "customer_name", text: "Lina" },
          { type: "text", parameter_name: "order_id", text: "A-17" },
        ],
      },
    ]);
  });

  it("after the window, a template's header is filled too: its text value, or an uploaded file as its image", async () => {
    graph.templates.push(
      {
        name: "info_toko",
        language: "id",
        status: "APPROVED",
        components: [
          { type: "HEADER", format: "TEXT", text: "Kabar dari {{1}}" },
          { type: "BODY", text: "Halo {{1}}, ada promo baru." },
        ],
      },
      {
        name: "katalog_bergambar",
        language: "id",
        status: "APPROVED",
        components: [
          { type: "HEADER", format: "IMAGE" },
          { type: "BODY", text: "Katalog terbaru untuk {{1}}" },
        ],
      },
    );
    const { c } = await cloudConversation("+6281399988806", 30);
    const text = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, {
        waTemplate: { name: "info_toko", language: "id", header: ["Toko Budi"], params: ["Lina"] },
      }),
      201,
    );
    expect(text).toMatchObject({ status: "sent", text: "[info_toko] Toko Budi · Lina" });
    const textPayload = graph.calls("messages").at(-1)!.json as { template: { components: unknown[] } };
    expect(textPayload.template.components).toEqual([
      { type: "header", parameters: [{ type: "text", text: "Toko Budi" }] },
      { type: "body", parameters: [{ type: "text", text: "Lina" }] },
    ]);

    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    const { payload, headers } = multipartBody([
      { name: "file", filename: "katalog.png", value: png, contentType: "image/png" },
    ]);
    const file = await ok(
      api<{ id: string; type: "image" }>("POST", `/conversations/${c.id}/media`, payload, { headers }),
      201,
    );
    const image = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, {
        waTemplate: {
          name: "katalog_bergambar",
          language: "id",
          headerMedia: { type: "image", id: file.id },
          params: ["Lina"],
        },
      }),
      201,
    );
    expect(image).toMatchObject({ status: "sent", media: { type: "image", id: file.id } });
    const imagePayload = graph.calls("messages").at(-1)!.json as {
      template: { components: Array<{ type: string; parameters: Array<Record<string, unknown>> }> };
    };
    const header = imagePayload.template.components.find((part) => part.type === "header")!;
    expect(header.parameters).toEqual([{ type: "image", image: expect.any(Object) }]);

    const unknown = await api("POST", `/conversations/${c.id}/messages`, {
      waTemplate: {
        name: "katalog_bergambar",
        language: "id",
        headerMedia: { type: "image", id: "00000000-0000-4000-8000-0000000000aa" },
        params: ["Lina"],
      },
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toMatchObject({
      code: "unknown_media",
      fields: { "waTemplate.headerMedia.id": expect.any(String) },
    });
  });

  it("sends a file already uploaded to Meta by its media id, and keeps the id on the message", async () => {
    const { c } = await cloudConversation("+6281399988803", 1);
    const mediaId = graph.addMedia(Buffer.from("katalog"), "image/jpeg");
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, {
        text: "Katalog terbaru kak",
        media: { type: "image", waMediaId: mediaId },
      }),
      201,
    );
    expect(sent).toMatchObject({ status: "sent", media: { type: "image", waMediaId: mediaId } });
    expect(graph.calls("messages").at(-1)!.json).toMatchObject({
      to: "6281399988803",
      type: "image",
      image: { id: mediaId, caption: "Katalog terbaru kak" },
    });
  });

  it("a Meta media id alone (a document with its name) goes out too; a sandbox number refuses one, naming the field", async () => {
    const { c } = await cloudConversation("+6281399988804", 1);
    const mediaId = graph.addMedia(Buffer.from("%PDF-1.4"), "application/pdf");
    const sent = await ok(
      api<MessageDto>("POST", `/conversations/${c.id}/messages`, {
        media: { type: "document", waMediaId: mediaId, filename: "katalog.pdf" },
      }),
      201,
    );
    expect(sent.status).toBe("sent");
    expect(graph.calls("messages").at(-1)!.json).toMatchObject({
      type: "document",
      document: { id: mediaId, filename: "katalog.pdf" },
    });
    const sandboxOne = await writes(await newCustomer("Rina"), "Ada katalog?");
    const refused = await api("POST", `/conversations/${sandboxOne.id}/messages`, {
      media: { type: "image", waMediaId: mediaId },
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).fields).toHaveProperty(["media.waMediaId"]);
    expect(
      (await ok(api<MessageDto[]>("GET", `/conversations/${sandboxOne.id}/messages`))).map(
        (m) => m.direction,
      ),
    ).toEqual(["in"]);
  });

  it("refuses a WhatsApp template on a sandbox channel, naming the field", async () => {
    const [sandboxOne] = await list(`channelId=${channelId}&limit=1`);
    const wrongKind = await api("POST", `/conversations/${sandboxOne!.id}/messages`, {
      waTemplate: { name: "promo_lebaran", language: "id", params: [] },
    });
    expect(wrongKind.status).toBe(400);
    expect(errorOf(wrongKind).fields).toHaveProperty("waTemplate");
  });
});
