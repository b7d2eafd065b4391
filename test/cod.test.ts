/**
 * COD confirmation as a shop sees it, over the sandbox network: a COD order asks the
 * customer to confirm, their YA or BATAL moves the order (the history names the customer),
 * other text is left for a person, and without an answer a reminder then a flag for CS
 * follow. The timers are pg-boss jobs queued with the order: the test reads them from the
 * queue and runs their handler itself, never waiting for time.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto } from "../src/modules/inbox/schemas.js";
import { runCodTimeout } from "../src/modules/order-messages/jobs/cod-timeout.js";
import type { CodStateDto, OrderMessageDto } from "../src/modules/order-messages/schemas.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import { createEnqueue } from "../src/jobs/enqueue.js";
import { apiClient, ok, untilConnected, type Api } from "./support/api.js";
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
  await factory(k).product({ sku: "KOPI-COD", name: "Kopi Gayo 250 g", price: 85_000 });
});
afterAll(async () => k?.close());

/** A virtual customer who already wrote to the shop (their conversation is in the inbox). */
async function customer(name: string): Promise<{ phone: string; conversation: ConversationDto }> {
  const phone = await sandboxCustomer(k, {
    phone: `+628574666${String(++customers).padStart(4, "0")}`,
    name,
  });
  const conversation = await customerWrites(
    api,
    k.bus,
    channelId,
    phone,
    "Kak mau pesan, bayar di tempat ya",
  );
  return { phone, conversation };
}

const placeCod = (phone: string, name: string) =>
  ok(
    api<OrderDto>("POST", "/orders", {
      customer: { phone, name },
      lines: [{ sku: "KOPI-COD", quantity: 1 }],
      paymentMethod: "cod",
      channelId,
    }),
    201,
  );

const order = (id: string) => ok(api<OrderDto>("GET", `/orders/${id}`));
const codOf = (id: string) => ok(api<CodStateDto | null>("GET", `/orders/${id}/cod`));
const messagesOf = (id: string) => ok(api<OrderMessageDto[]>("GET", `/orders/${id}/messages`));
const sent = (id: string, event: string) =>
  waitFor(async () => (await messagesOf(id)).find((m) => m.event === event && m.outcome === "sent"));

/** The order's queued COD timers (pg-boss `cod-timeout` jobs): step and start time. */
async function timers(orderId: string): Promise<Array<{ step: string; startAfter: Date }>> {
  const r = await k.database.db.execute<{ step: string; start_after: Date }>(
    sql`SELECT data->>'step' AS step, start_after FROM pgboss.job
        WHERE name = 'cod-timeout' AND data->>'orderId' = ${orderId} ORDER BY created_on`,
  );
  return r.rows.map((x) => ({ step: x.step, startAfter: new Date(x.start_after) }));
}

const HOUR = 3_600_000;
const timeoutDeps = (now: number) => ({ db: k.database.db, enqueue: createEnqueue(k.boss), now: () => now });

describe("COD confirmation", () => {
  it("asks the customer to confirm instead of thanking them, and their YA confirms the order", async () => {
    const { phone } = await customer("Yanti");
    const o = await placeCod(phone, "Yanti");
    const ask = await sent(o.id, "cod_confirm");
    expect(ask.text).toContain("Balas YA untuk konfirmasi atau BATAL untuk membatalkan");
    expect((await messagesOf(o.id)).map((m) => m.event)).toEqual(["cod_confirm"]);
    expect(await codOf(o.id)).toMatchObject({ state: "waiting" });
    await customerWrites(api, k.bus, channelId, phone, "Ya kak");
    const confirmed = await waitFor(async () => {
      const x = await order(o.id);
      return x.status === "confirmed" ? x : undefined;
    });
    expect(confirmed.history.at(-1)).toMatchObject({
      fromStatus: "new",
      toStatus: "confirmed",
      actor: { kind: "customer" },
      note: "Dikonfirmasi pelanggan lewat WhatsApp",
    });
    expect(await codOf(o.id)).toMatchObject({ state: "confirmed", answeredAt: expect.any(String) });
  });

  it("cancels the order on BATAL, with the customer's reason; other text is left for a person", async () => {
    const { phone } = await customer("Bambang");
    const o = await placeCod(phone, "Bambang");
    await sent(o.id, "cod_confirm");
    // Not an answer: the order still waits, so the BATAL that follows is what moves it.
    await customerWrites(api, k.bus, channelId, phone, "iya, kapan dikirim kak?");
    await customerWrites(api, k.bus, channelId, phone, "batal.");
    const cancelled = await waitFor(async () => {
      const x = await order(o.id);
      return x.status === "cancelled" ? x : undefined;
    });
    expect(cancelled.closeReason).toBe("Dibatalkan pelanggan lewat WhatsApp");
    expect(cancelled.history.at(-1)).toMatchObject({ fromStatus: "new", actor: { kind: "customer" } });
    expect(cancelled.history.filter((h) => h.kind === "status")).toHaveLength(1);
  });

  it("without an answer sends one reminder after 12 hours, then flags the order for CS with a note", async () => {
    const { phone, conversation } = await customer("Dodi");
    const placedAt = Date.now();
    const o = await placeCod(phone, "Dodi");
    await sent(o.id, "cod_confirm");
    const [remind] = await timers(o.id);
    expect(remind!.step).toBe("remind");
    expect(remind!.startAfter.getTime()).toBeGreaterThanOrEqual(placedAt + 12 * HOUR - 1000);
    expect(remind!.startAfter.getTime()).toBeLessThanOrEqual(Date.now() + 12 * HOUR + 1000);

    const at = placedAt + 12 * HOUR;
    await runCodTimeout(timeoutDeps(at), { tenantId: k.owner.tenantId, orderId: o.id, step: "remind" });
    const reminder = await sent(o.id, "cod_reminder");
    expect(reminder.text).toContain(o.number);
    // Run again (a retried job): still one reminder.
    await runCodTimeout(timeoutDeps(at), { tenantId: k.owner.tenantId, orderId: o.id, step: "remind" });
    expect((await messagesOf(o.id)).filter((m) => m.event === "cod_reminder")).toHaveLength(1);
    const flag = (await timers(o.id)).find((t) => t.step === "flag")!;
    expect(flag.startAfter.getTime()).toBe(at + 12 * HOUR);

    await runCodTimeout(timeoutDeps(at + 12 * HOUR), {
      tenantId: k.owner.tenantId,
      orderId: o.id,
      step: "flag",
    });
    expect(await codOf(o.id)).toMatchObject({
      state: "flagged",
      flaggedAt: new Date(at + 12 * HOUR).toISOString(),
    });
    expect((await order(o.id)).status).toBe("new");
    const notes = await ok(api<Array<{ body: string }>>("GET", `/conversations/${conversation.id}/notes`));
    expect(notes.map((n) => n.body)).toContain(
      `COD belum dikonfirmasi: pesanan ${o.number} belum dijawab pelanggan setelah pengingat. Mohon dihubungi.`,
    );
  });

  it("sends no reminder for an order a person confirmed meanwhile", async () => {
    const { phone } = await customer("Lina");
    const o = await placeCod(phone, "Lina");
    await sent(o.id, "cod_confirm");
    await ok(api("POST", `/orders/${o.id}/status`, { status: "confirmed" }));
    expect(await codOf(o.id)).toMatchObject({ state: "closed" });
    await runCodTimeout(timeoutDeps(Date.now() + 12 * HOUR), {
      tenantId: k.owner.tenantId,
      orderId: o.id,
      step: "remind",
    });
    expect((await messagesOf(o.id)).map((m) => m.event)).toEqual(["cod_confirm"]);
    expect((await timers(o.id)).map((t) => t.step)).toEqual(["remind"]);
    // A late YA changes nothing either.
    await customerWrites(api, k.bus, channelId, phone, "YA");
    expect(await codOf(o.id)).toMatchObject({ state: "closed" });
  });
});
