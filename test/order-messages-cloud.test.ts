/**
 * Order messages from a Cloud API number (the sandbox's in-process Graph): inside the
 * customer's 24-hour window the text goes as it is; outside it the event's approved template
 * goes, its parameters from the message's variables, or nothing (`window_closed`) when the
 * event has no template. Every wait is for the log row's state.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../src/db/schema/index.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { OrderMessageDto, OrderMessageSettingsDto } from "../src/modules/order-messages/schemas.js";
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
  channel = await sandboxCloudChannel(api, "WA Resmi (sandbox)");
  await ok(api("POST", `/channels/${channel.id}/wa-templates/sync`));
  await factory(k).product({ sku: "KOPI-SUSU", name: "Kopi Susu 1 L", price: 60_000 });
  const s = await ok(api<OrderMessageSettingsDto>("GET", "/order-messages/settings"));
  await ok(
    api("PUT", "/order-messages/settings", {
      ...s,
      channelId: channel.id,
      events: {
        ...s.events,
        shipped: {
          enabled: true,
          text: "Halo {{name}}, pesanan {{order.number}} sudah dikirim lewat {{order.courier}}.",
          waTemplate: { name: "info_pesanan", language: "id" },
        },
      },
    }),
  );
});
afterAll(async () => k?.close());

const newPhone = () => `+628573777${String(++customers).padStart(4, "0")}`;

async function place(phone: string, name: string): Promise<OrderDto> {
  return ok(
    api<OrderDto>("POST", "/orders", {
      customer: { phone, name },
      lines: [{ sku: "KOPI-SUSU", quantity: 1 }],
      paymentMethod: "transfer",
    }),
    201,
  );
}

function settled(orderId: string, event: string): Promise<OrderMessageDto> {
  return waitFor(async () =>
    (await ok(api<OrderMessageDto[]>("GET", `/orders/${orderId}/messages`))).find(
      (m) => m.event === event && m.outcome !== "scheduled",
    ),
  );
}

const storedText = async (id: string | null) =>
  (await k.database.db.select({ text: messages.text }).from(messages).where(eq(messages.id, id!)))[0]?.text;

describe("order messages on a Cloud API number", () => {
  it("send the text inside the customer's 24-hour window", async () => {
    const phone = newPhone();
    await k.services.inbox.receive(
      { id: channel.id, tenantId: k.owner.tenantId },
      { messageId: `wamid.order-${phone}`, from: phone, text: "Mau pesan kak", at: Date.now() },
    );
    const o = await place(phone, "Wulan");
    const m = await settled(o.id, "created");
    expect(m).toMatchObject({ outcome: "sent", channelId: channel.id });
    expect(await storedText(m.messageId)).toBe(m.text);
    expect(m.text).toContain(o.number);
  });

  it("outside the window send the event's approved template with the variables as parameters, or nothing without one", async () => {
    const phone = newPhone();
    const o = await place(phone, "Budi");
    // The thank-you has no template: not sent outside the window.
    expect(await settled(o.id, "created")).toMatchObject({ outcome: "cancelled", reason: "window_closed" });
    await ok(api("POST", `/orders/${o.id}/status`, { status: "shipped", courier: "SiCepat" }));
    const shipped = await settled(o.id, "shipped");
    expect(shipped).toMatchObject({ outcome: "sent", reason: null });
    // info_pesanan: "Halo {{1}}, pesanan {{2}} sudah kami kirim hari ini." ← the text's {{name}}, {{order.number}}.
    expect(await storedText(shipped.messageId)).toBe(`[info_pesanan] Budi · ${o.number}`);
  });
});
