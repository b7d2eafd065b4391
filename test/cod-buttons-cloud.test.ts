/**
 * COD confirmation by reply buttons on a Cloud API number (the sandbox's in-process Graph):
 * inside the customer's 24-hour window the question and its reminder go as an interactive
 * message with the buttons YA and BATAL, the inbox thread keeps them, and a customer's tap
 * answers like the typed word; a tap on another question's button is left for a person.
 * Every wait is for a state (a stored message, an order's status), never for time.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxGraph } from "../src/channels/cloud-api/index.js";
import { createEnqueue } from "../src/jobs/enqueue.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { MessageDto } from "../src/modules/inbox/schemas.js";
import { runCodTimeout } from "../src/modules/order-messages/jobs/cod-timeout.js";
import type { OrderMessageDto } from "../src/modules/order-messages/schemas.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { sandboxCloudChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let channel: ChannelDto;
let customers = 0;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  channel = await sandboxCloudChannel(api, "WA Resmi COD (sandbox)");
  await factory(k).product({ sku: "KOPI-TAP", name: "Kopi Gayo 250 g", price: 85_000 });
});
afterAll(async () => k?.close());

/** A customer who wrote to the Cloud API number (their window is open). @returns phone and conversation id */
async function customer(name: string): Promise<{ phone: string; conversationId: string }> {
  const phone = `+628575111${String(++customers).padStart(4, "0")}`;
  await sandboxGraph.customerWrites(channel.id, phone, "Kak mau pesan, bayar di tempat ya", name);
  const conversationId = await waitFor(async () => {
    const r = await k.database.db.execute<{ id: string }>(sql`
      SELECT v.id FROM conversations v JOIN contacts c ON c.id = v.contact_id
      WHERE v.channel_id = ${channel.id} AND c.phone = ${phone}`);
    return r.rows[0]?.id;
  });
  return { phone, conversationId };
}

const placeCod = (phone: string, name: string) =>
  ok(
    api<OrderDto>("POST", "/orders", {
      customer: { phone, name },
      lines: [{ sku: "KOPI-TAP", quantity: 1 }],
      paymentMethod: "cod",
      channelId: channel.id,
    }),
    201,
  );

const order = (id: string) => ok(api<OrderDto>("GET", `/orders/${id}`));
const sent = (id: string, event: string) =>
  waitFor(async () =>
    (await ok(api<OrderMessageDto[]>("GET", `/orders/${id}/messages`))).find(
      (m) => m.event === event && m.outcome === "sent",
    ),
  );
const threadMessage = async (conversationId: string, id: string) =>
  (await ok(api<MessageDto[]>("GET", `/conversations/${conversationId}/messages`))).find((m) => m.id === id)!;
/** The network id (wamid) of a stored message: the one a tap answers. */
const wamidOf = async (messageId: string) =>
  (
    await k.database.db.execute<{ external_id: string }>(
      sql`SELECT external_id FROM messages WHERE id = ${messageId}`,
    )
  ).rows[0]!.external_id;

describe("COD confirmation by buttons on a Cloud API number", () => {
  it("asks with the buttons YA and BATAL, and a tap on BATAL cancels the order in the customer's name", async () => {
    const { phone, conversationId } = await customer("Bambang");
    const o = await placeCod(phone, "Bambang");
    const ask = await sent(o.id, "cod_confirm");
    const shown = await threadMessage(conversationId, ask.messageId!);
    expect(shown).toMatchObject({ direction: "out", text: ask.text });
    expect(shown.buttons).toEqual([
      { id: `cod:yes:${o.id}`, title: "YA" },
      { id: `cod:cancel:${o.id}`, title: "BATAL" },
    ]);

    await sandboxGraph.customerTaps(
      channel.id,
      phone,
      { id: `cod:cancel:${o.id}`, title: "BATAL" },
      await wamidOf(ask.messageId!),
    );
    const cancelled = await waitFor(async () => {
      const x = await order(o.id);
      return x.status === "cancelled" ? x : undefined;
    });
    expect(cancelled.closeReason).toBe("Dibatalkan pelanggan lewat WhatsApp");
    expect(cancelled.history.at(-1)).toMatchObject({
      fromStatus: "new",
      toStatus: "cancelled",
      actor: { kind: "customer" },
    });
  });

  it("leaves a tap on another question's button for a person (a foreign id, or a stale one of another order), and the reminder asks with buttons again", async () => {
    const { phone, conversationId } = await customer("Sinta");
    const o = await placeCod(phone, "Sinta");
    await sent(o.id, "cod_confirm");
    // Neither is an answer to this order: labelled BATAL, they must not cancel it.
    await sandboxGraph.customerTaps(channel.id, phone, { id: "reminder:stop", title: "BATAL" });
    await sandboxGraph.customerTaps(channel.id, phone, { id: `cod:cancel:${randomUUID()}`, title: "BATAL" });
    await waitFor(async () => {
      const list = await ok(api<MessageDto[]>("GET", `/conversations/${conversationId}/messages`));
      return list.filter((m) => m.button?.title === "BATAL").length === 2 ? true : undefined;
    });

    const at = Date.now() + 12 * 3_600_000;
    await runCodTimeout(
      { db: k.database.db, enqueue: createEnqueue(k.boss), now: () => at },
      { tenantId: k.owner.tenantId, orderId: o.id, step: "remind" },
    );
    const reminder = await sent(o.id, "cod_reminder");
    expect((await threadMessage(conversationId, reminder.messageId!)).buttons?.map((b) => b.title)).toEqual([
      "YA",
      "BATAL",
    ]);
    // The typed YA that follows is what moves the order: the taps before it changed nothing.
    await sandboxGraph.customerWrites(channel.id, phone, "Ya kak");
    const confirmed = await waitFor(async () => {
      const x = await order(o.id);
      return x.status !== "new" ? x : undefined;
    });
    expect(confirmed.status).toBe("confirmed");
    expect(confirmed.history.filter((h) => h.kind === "status")).toHaveLength(1);
  });
});
