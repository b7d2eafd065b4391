/**
 * Order messages as a shop sees them, over the sandbox network: a new order thanks the
 * customer on their phone and in the inbox thread, a shipped order tells the courier and
 * tracking number, a switched-off event sends nothing, an opted-out customer gets nothing,
 * and a retried job sends once. Every wait is for a state (the log row, the phone's inbox).
 */
import { and, eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts, messages } from "../src/db/schema/index.js";
import type { MessageDto } from "../src/modules/inbox/schemas.js";
import type { OrderMessageDto, OrderMessageSettingsDto } from "../src/modules/order-messages/schemas.js";
import { sendOrderMessage } from "../src/modules/order-messages/send.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import { addTenant, apiClient, errorOf, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { customerWrites, sandboxCustomer } from "./support/customers.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let channelId: string;
let customers = 0;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  await factory(k).product({ sku: "KOPI-SUSU", name: "Kopi Susu 1 L", price: 60_000 });
  await factory(k).product({ sku: "GULA-AREN", name: "Gula Aren 500 g", price: 30_000 });
});
afterAll(async () => k?.close());

/** A new virtual customer who never answers by themselves. */
const newCustomer = (name: string): Promise<string> =>
  sandboxCustomer(k, { phone: `+628572888${String(++customers).padStart(4, "0")}`, name });

/** Places an order of 2 Kopi Susu and 1 Gula Aren (Rp150.000) for `phone`, sent from the demo number. */
async function place(phone: string, name: string, extra: Record<string, unknown> = {}): Promise<OrderDto> {
  return ok(
    api<OrderDto>("POST", "/orders", {
      customer: { phone, name },
      lines: [
        { sku: "KOPI-SUSU", quantity: 2 },
        { sku: "GULA-AREN", quantity: 1 },
      ],
      paymentMethod: "transfer",
      channelId,
      ...extra,
    }),
    201,
  );
}

const messagesOf = (orderId: string) => ok(api<OrderMessageDto[]>("GET", `/orders/${orderId}/messages`));

/** Waits until the order's `event` message is settled (not `scheduled`); returns it. */
function settled(orderId: string, event: string): Promise<OrderMessageDto> {
  return waitFor(async () =>
    (await messagesOf(orderId)).find((m) => m.event === event && m.outcome !== "scheduled"),
  );
}

/** Texts the customer's phone received from the shop, oldest first. */
async function phoneInbox(phone: string): Promise<string[]> {
  const all = await ok(
    api<Array<{ direction: string; text?: string }>>(
      "GET",
      `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
    ),
  );
  return all.filter((m) => m.direction === "in").map((m) => m.text ?? "");
}

/** Waits until the phone received `n` messages; returns their texts. */
const received = (phone: string, n: number) =>
  waitFor(async () => {
    const texts = await phoneInbox(phone);
    return texts.length >= n ? texts : undefined;
  });

/** The shop's outgoing messages to `phone` stored in the inbox. */
const storedOut = async (phone: string) =>
  k.database.db
    .select({ id: messages.id, text: messages.text })
    .from(messages)
    .innerJoin(contacts, eq(contacts.id, messages.contactId))
    .where(and(eq(contacts.phone, phone), eq(messages.direction, "out")));

describe("the thank-you and status messages", () => {
  it("thank the customer for a new order on their phone and in the inbox thread, with the order's variables", async () => {
    const phone = await newCustomer("Rina Maharani");
    const conversation = await customerWrites(api, k.bus, channelId, phone, "Kak mau pesan kopi");
    const o = await place(phone, "Rina Maharani");
    const m = await settled(o.id, "created");
    const text = `Halo Rina Maharani, terima kasih sudah berbelanja! Pesanan ${o.number} (2× Kopi Susu 1 L, 1× Gula Aren 500 g) sebesar Rp150.000 sudah kami terima dan segera kami proses.`;
    expect(m).toMatchObject({ outcome: "sent", reason: null, channelId, text });
    expect(await received(phone, 1)).toEqual([text]);
    const thread = await ok(api<MessageDto[]>("GET", `/conversations/${conversation.id}/messages`));
    expect(thread.find((x) => x.id === m.messageId)).toMatchObject({
      direction: "out",
      text,
      autoReply: false,
    });
  });

  it("tell the courier and tracking number when the order ships; a switched-off event sends nothing", async () => {
    const phone = await newCustomer("Dewi Lestari");
    const o = await place(phone, "Dewi Lestari");
    await settled(o.id, "created");
    // `confirmed` is off by default: the move writes nothing and sends nothing.
    await ok(api("POST", `/orders/${o.id}/status`, { status: "confirmed" }));
    await ok(
      api("POST", `/orders/${o.id}/status`, {
        status: "shipped",
        courier: "JNE",
        trackingNumber: "JNE0012345",
      }),
    );
    const shipped = await settled(o.id, "shipped");
    const text = `Halo Dewi Lestari, pesanan ${o.number} sudah dikirim lewat JNE. Nomor resi: JNE0012345.`;
    expect(shipped).toMatchObject({ outcome: "sent", text });
    expect((await messagesOf(o.id)).map((x) => x.event)).toEqual(["shipped", "created"]);
    expect((await received(phone, 2))[1]).toBe(text);
    expect(await phoneInbox(phone)).toHaveLength(2);
  });

  it("are not sent to a customer who opted out", async () => {
    const phone = await newCustomer("Andi Opt");
    const o0 = await place(phone, "Andi Opt");
    await settled(o0.id, "created");
    await k.database.db.update(contacts).set({ optedOut: true }).where(eq(contacts.phone, phone));
    const o = await place(phone, "Andi Opt");
    expect(await messagesOf(o.id)).toMatchObject([
      { event: "created", outcome: "cancelled", reason: "opted_out" },
    ]);
    await ok(api("POST", `/orders/${o.id}/status`, { status: "shipped", courier: "JNE" }));
    expect((await messagesOf(o.id))[0]).toMatchObject({
      event: "shipped",
      outcome: "cancelled",
      reason: "opted_out",
    });
    expect(await phoneInbox(phone)).toHaveLength(1);
    expect(await storedOut(phone)).toHaveLength(1);
  });

  it("send once when the job runs again after a crash that followed the send", async () => {
    const phone = await newCustomer("Sari Ulang");
    const o = await place(phone, "Sari Ulang");
    const m = await settled(o.id, "created");
    expect(m.outcome).toBe("sent");
    // A crash between the send and the commit of `sent`: the log is still `scheduled` and the job runs again.
    await k.database.db.execute(
      sql`UPDATE order_messages SET outcome = 'scheduled', message_id = NULL, sent_at = NULL WHERE id = ${m.id}`,
    );
    const deps = {
      db: k.database.db,
      bus: k.bus,
      log: pino({ level: "silent" }),
      transport: (id: string) => k.manager!.transport(id),
    };
    await sendOrderMessage(deps, { logId: m.id }, false);
    await sendOrderMessage(deps, { logId: m.id }, false);
    expect((await messagesOf(o.id))[0]).toMatchObject({ outcome: "sent", messageId: m.messageId });
    expect(await storedOut(phone)).toHaveLength(1);
    expect(await received(phone, 1)).toHaveLength(1);
  });
  it("retry while the number is not live in this process, and log failed on the last attempt", async () => {
    const phone = await newCustomer("Nomor Mati");
    const o = await place(phone, "Nomor Mati");
    const m = await settled(o.id, "created");
    await k.database.db.execute(
      sql`UPDATE order_messages SET outcome = 'scheduled', message_id = NULL, sent_at = NULL WHERE id = ${m.id}`,
    );
    const nowhere = {
      db: k.database.db,
      bus: k.bus,
      log: pino({ level: "silent" }),
      transport: () => undefined,
    };
    await expect(sendOrderMessage(nowhere, { logId: m.id }, false)).rejects.toThrow(
      "not live in this process",
    );
    expect((await messagesOf(o.id))[0]!.outcome).toBe("scheduled");
    await sendOrderMessage(nowhere, { logId: m.id }, true);
    expect((await messagesOf(o.id))[0]).toMatchObject({ outcome: "failed", reason: "channel_unavailable" });
    // The number deleted meanwhile (its log row keeps no channel): not sent, said why.
    await k.database.db.execute(
      sql`UPDATE order_messages SET outcome = 'scheduled', reason = NULL, channel_id = NULL WHERE id = ${m.id}`,
    );
    await sendOrderMessage(nowhere, { logId: m.id }, false);
    expect((await messagesOf(o.id))[0]).toMatchObject({ outcome: "cancelled", reason: "no_channel" });
  });
});

describe("the settings", () => {
  it("start from the defaults, save whole, and switch an event off", async () => {
    const s = await ok(api<OrderMessageSettingsDto>("GET", "/order-messages/settings"));
    expect(s).toMatchObject({
      channelId: null,
      codReminderHours: 12,
      events: { created: { enabled: true } },
    });
    const saved = await ok(
      api<OrderMessageSettingsDto>("PUT", "/order-messages/settings", {
        ...s,
        events: { ...s.events, created: { ...s.events.created, enabled: false } },
      }),
    );
    expect(saved.events.created.enabled).toBe(false);
    try {
      const phone = await newCustomer("Tanpa Terima Kasih");
      const o = await place(phone, "Tanpa Terima Kasih");
      expect(await messagesOf(o.id)).toEqual([]);
    } finally {
      await ok(api("PUT", "/order-messages/settings", s));
    }
  });

  it("refuse a broken text and a number of another shop, naming the field", async () => {
    const s = await ok(api<OrderMessageSettingsDto>("GET", "/order-messages/settings"));
    const broken = await api("PUT", "/order-messages/settings", {
      ...s,
      events: { ...s.events, shipped: { ...s.events.shipped, text: "Resi {{order.tracking" } },
    });
    expect(broken.status).toBe(400);
    expect(errorOf(broken)).toMatchObject({
      code: "order_message_text_invalid",
      fields: { "events.shipped.text": expect.any(String) },
    });
    const other = await api("PUT", "/order-messages/settings", {
      ...s,
      channelId: "00000000-0000-4000-8000-000000000001",
    });
    expect(errorOf(other)).toMatchObject({
      code: "order_message_channel_unknown",
      fields: { channelId: expect.any(String) },
    });
  });

  it("preview an event for a sample order or one of the shop's orders", async () => {
    const sample = await ok(
      api<{ text: string; missing: string[] }>("POST", "/order-messages/preview", { event: "shipped" }),
    );
    expect(sample).toEqual({
      text: "Halo Budi Santoso, pesanan INV/2026/12/0001 sudah dikirim lewat JNE. Nomor resi: JNE1234567890.",
      missing: [],
    });
    const phone = await newCustomer("Pratinjau");
    const o = await place(phone, "Pratinjau");
    const real = await ok(
      api<{ text: string; missing: string[] }>("POST", "/order-messages/preview", {
        event: "created",
        orderId: o.id,
        text: "{{order.number}} {{order.total}} {{order.status}} {{order.courier}}",
      }),
    );
    expect(real).toEqual({ text: `${o.number} Rp150.000 Baru `, missing: ["order.courier"] });
  });

  it("and an order's messages are the shop's own", async () => {
    const phone = await newCustomer("Rahasia");
    const o = await place(phone, "Rahasia");
    await ok(
      api("PUT", "/order-messages/settings", {
        ...(await ok(api<OrderMessageSettingsDto>("GET", "/order-messages/settings"))),
        codReminderHours: 6,
      }),
    );
    const other = await addTenant(k, "Toko Lain", "lain@toko-lain.test", "rahasia-lain-123");
    expect((await other.api("GET", `/orders/${o.id}/messages`)).status).toBe(404);
    const theirs = await ok(other.api<OrderMessageSettingsDto>("GET", "/order-messages/settings"));
    expect(theirs.codReminderHours).toBe(12);
    const preview = await other.api("POST", "/order-messages/preview", { event: "created", orderId: o.id });
    expect(preview.status).toBe(404);
    // B cannot send from A's number, and B's settings leave A's alone.
    const withA = await other.api("PUT", "/order-messages/settings", { ...theirs, channelId });
    const withUnknown = await other.api("PUT", "/order-messages/settings", {
      ...theirs,
      channelId: "00000000-0000-4000-8000-00000000abcd",
    });
    expect(errorOf(withA)).toMatchObject({ code: "order_message_channel_unknown" });
    expect(withA.body).toEqual(withUnknown.body);
    await ok(other.api("PUT", "/order-messages/settings", { ...theirs, codReminderHours: 24 }));
    expect((await ok(api<OrderMessageSettingsDto>("GET", "/order-messages/settings"))).codReminderHours).toBe(
      6,
    );
  });
});
