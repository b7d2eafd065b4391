/**
 * Repeat-order reminders, the dry-run: cross-sell suggestions (bought together, active, not
 * already bought, up to N), the preview over HTTP with each rendered message, which sends
 * and changes nothing, and the shop's settings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReminderPreviewDto } from "../src/modules/reminders/schemas.js";
import { apiClient, errorOf, ok } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let f: ReturnType<typeof factory>;
const P: Record<"kopi" | "gula" | "teh" | "susu" | "gelas", { id: string; sku: string; name: string }> =
  {} as never;

/** An order of `skus` for `phone`, left at `status` (completed goes through the flow, planning its reminders). */
async function order(phone: string, skus: string[], status: "new" | "completed" | "cancelled" = "new") {
  const { order } = await k.services.orders.create(k.owner, {
    customer: { phone, name: "Pak Budi" },
    lines: skus.map((sku) => ({ sku, quantity: 1 })),
    paymentMethod: "transfer",
    discount: 0,
    shippingCost: 0,
  });
  if (status === "new") return order;
  return k.services.orders.move(k.owner, order.id, {
    status,
    ...(status === "cancelled" ? { reason: "batal" } : {}),
  });
}

/** Makes the customer's pending reminders due today. */
const dueNow = (contactId: string) =>
  k.database.pool.query("UPDATE order_reminders SET due_on = due_on - 60 WHERE contact_id = $1", [contactId]);

const preview = async (): Promise<ReminderPreviewDto> => {
  const res = await k.http!.inject({
    method: "GET",
    url: "/api/v1/reminders/preview",
    headers: { cookie: k.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
};

let x: string; // bought kopi and teh
let y: string; // bought kopi only

beforeAll(async () => {
  k = await startTestKabar();
  f = factory(k);
  P.kopi = await f.product({ name: "Kopi Toraja", consumptionDays: 14, price: 85_000 });
  P.gula = await f.product({ name: "Gula Aren", consumptionDays: null, price: 30_000 });
  P.teh = await f.product({ name: "Teh Melati", consumptionDays: null, price: 25_000 });
  P.susu = await f.product({ name: "Susu Oat", consumptionDays: null, price: 40_000 });
  P.gelas = await f.product({ name: "Gelas Kaca", consumptionDays: null, price: 50_000 });
  // Bought together in the shop: kopi+gula twice, kopi+teh once, kopi+susu (inactive) three
  // times, kopi+gelas three times but only in cancelled orders.
  for (const skus of [
    [P.kopi.sku, P.gula.sku],
    [P.kopi.sku, P.gula.sku],
    [P.kopi.sku, P.teh.sku],
  ]) {
    await order(f.phone(), skus);
  }
  for (let i = 0; i < 3; i++) {
    await order(f.phone(), [P.kopi.sku, P.susu.sku]);
    await order(f.phone(), [P.kopi.sku, P.gelas.sku], "cancelled");
  }
  await k.database.pool.query("UPDATE products SET active = false WHERE id = $1", [P.susu.id]);
  const xPhone = f.phone();
  await order(xPhone, [P.teh.sku], "completed");
  x = (await order(xPhone, [P.kopi.sku], "completed")).customer.contactId!;
  y = (await order(f.phone(), [P.kopi.sku], "completed")).customer.contactId!;
  await dueNow(x);
  await dueNow(y);
  // The orders' thank-you messages are sent by their jobs: settled before the dry-run is watched.
  await waitFor(async () =>
    (await k.database.pool.query("SELECT 1 FROM order_messages WHERE outcome = 'scheduled' LIMIT 1"))
      .rowCount === 0
      ? true
      : undefined,
  );
});
afterAll(async () => k?.close());

describe("the reminders dry-run", () => {
  it("suggests what is most often bought together, active, not already bought, up to the shop's maximum", async () => {
    const list = await preview();
    const of = (id: string) => list.messages.find((m) => m.contactId === id)!;
    expect(of(y).suggestions.map((s) => s.name)).toEqual(["Gula Aren", "Teh Melati"]);
    expect(of(x).suggestions.map((s) => s.name)).toEqual(["Gula Aren"]);
    expect(of(y).text).toContain("Kopi Toraja");
    expect(of(y).text).toContain("Gula Aren (Rp30.000), Teh Melati (Rp25.000)");

    await k.services.reminders.updateSettings(k.owner, { maxSuggestions: 1 });
    expect((await preview()).messages.find((m) => m.contactId === y)!.suggestions.map((s) => s.name)).toEqual(
      ["Gula Aren"],
    );
    await k.services.reminders.updateSettings(k.owner, { crossSell: false });
    const off = (await preview()).messages.find((m) => m.contactId === y)!;
    expect(off.suggestions).toEqual([]);
    expect(off.text).not.toContain("juga suka");
    await k.services.reminders.updateSettings(k.owner, { crossSell: true, maxSuggestions: 2 });
  });

  it("sends nothing and changes nothing", async () => {
    const state = async () =>
      (
        await k.database.pool.query(`
          SELECT (SELECT json_agg(r ORDER BY r.id) FROM order_reminders r) AS reminders,
                 (SELECT count(*) FROM messages) AS messages,
                 (SELECT count(*) FROM campaigns) AS campaigns,
                 (SELECT count(*) FROM campaign_recipients) AS recipients,
                 (SELECT count(*) FROM sandbox_messages) AS sandbox,
                 (SELECT json_agg(s) FROM reminder_settings s) AS settings`)
      ).rows[0];
    const before = await state();
    const list = await preview();
    expect(list.counts.customers).toBeGreaterThanOrEqual(2);
    expect(list.counts.reminders).toBe(list.messages.reduce((n, m) => n + m.items.length, 0));
    expect(await state()).toEqual(before);
  });

  it("uses the shop's own message, and its default again when set back to null", async () => {
    await k.services.reminders.updateSettings(k.owner, {
      message: "Hai {{name}}! Stok {{reminder.items}} habis?",
    });
    expect((await preview()).messages.find((m) => m.contactId === y)!.text).toBe(
      "Hai Pak Budi! Stok Kopi Toraja habis?",
    );
    const back = await k.services.reminders.updateSettings(k.owner, { message: null });
    expect(back.messageIsDefault).toBe(true);
    expect((await preview()).messages.find((m) => m.contactId === y)!.text).toContain("PESAN LAGI");
  });
});

describe("reminder settings", () => {
  it("has defaults, and refuses a bad value naming the field and a change by an agent", async () => {
    const api = apiClient(k.http!, { cookie: k.cookie });
    expect(await ok(api("GET", "/reminders/settings"))).toMatchObject({
      enabled: false,
      sendHour: 9,
      crossSell: true,
      timeZone: "Asia/Jakarta",
    });
    const bad = await api("PUT", "/reminders/settings", { leadDays: 90 });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("leadDays");
    const unknown = await api("PUT", "/reminders/settings", {
      channelId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).code).toBe("unknown_channel");
    expect(await ok(api("PUT", "/reminders/settings", { sendHour: 8 }))).toMatchObject({ sendHour: 8 });
    await expect(
      k.services.reminders.updateSettings({ ...k.owner, role: "agent" }, { enabled: true }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
