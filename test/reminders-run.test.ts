/**
 * Repeat-order reminders, the run: today's due reminders go out as one campaign on the
 * shop's number, one message per customer on their sandbox phone listing their products;
 * the reminders become `sent` with the campaign; a second run the same day sends nothing;
 * the hourly sweep runs a shop once its local send hour has come.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import { shopDate } from "../src/modules/reminders/due.js";
import { type ReminderCampaigns, runReminders } from "../src/modules/reminders/run.js";
import { apiClient, ok, untilConnected } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let f: ReturnType<typeof factory>;

const phone = (n: number, name: string): VirtualPhone => ({
  phone: `+62857199${String(n).padStart(5, "0")}`,
  name,
  onWhatsApp: true,
  readRate: 0,
  replyRate: 0,
  latencyMs: 50,
});
const RINA = phone(1, "Rina");
const BUDI = phone(2, "Budi");
const SARI = phone(3, "Sari");
const TONO = phone(4, "Tono");
const DEWI = phone(5, "Dewi");
const EKO = phone(6, "Eko");

/** A completed order of `skus` for `who`, its reminders made due today. */
async function dueOrder(who: VirtualPhone, skus: string[]) {
  const { order } = await k.services.orders.create(k.owner, {
    customer: { phone: who.phone, name: who.name },
    lines: skus.map((sku) => ({ sku, quantity: 1 })),
    paymentMethod: "transfer",
    discount: 0,
    shippingCost: 0,
  });
  await k.services.orders.move(k.owner, order.id, { status: "completed" });
  await k.database.pool.query("UPDATE order_reminders SET due_on = due_on - 30 WHERE order_id = $1", [
    order.id,
  ]);
}

/** What each sandbox phone received from the shop's numbers (`in`: the phone's side). */
const received = async (who: VirtualPhone) =>
  (
    await k.database.pool.query<{ text: string }>(
      "SELECT text FROM sandbox_messages WHERE phone = $1 AND direction = 'in' ORDER BY at",
      [who.phone],
    )
  ).rows.map((r) => r.text);

/** Waits until the phone has received something, then what it received. */
const receivedSome = (who: VirtualPhone) =>
  waitFor(async () => {
    const texts = await received(who);
    return texts.length > 0 ? texts : undefined;
  });

const campaignDone = (id: string) =>
  waitFor(async () => {
    const c = await k.services.campaigns.get(k.owner, id);
    return c.status === "completed" ? c : undefined;
  }, 30_000);

beforeAll(async () => {
  k = await startTestKabar();
  f = factory(k);
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [RINA, BUDI, SARI, TONO, DEWI, EKO]);
  await k.sandbox.addPhones([RINA, BUDI, SARI, TONO, DEWI, EKO]);
  const api = apiClient(k.http!, { cookie: k.cookie });
  const channel = await firstChannel(api);
  await ok(api("PATCH", `/channels/${channel.id}`, { pacingPreset: "off" }));
  // The phones receive only reminders here: the orders' own messages (thank-you, COD) are switched off.
  const messages = await k.services.orderMessages.settings(k.owner);
  await k.services.orderMessages.saveSettings(k.owner, {
    ...messages,
    events: Object.fromEntries(
      Object.entries(messages.events).map(([event, e]) => [event, { ...e, enabled: false }]),
    ) as typeof messages.events,
  });
  await untilConnected(api, channel.id);
});
afterAll(async () => k?.close());

describe("the reminder run", () => {
  it("sends each due customer one message with their products, as a campaign; twice the same day sends nothing more", async () => {
    const kopi = await f.product({ name: "Kopi Toraja", consumptionDays: 14 });
    const teh = await f.product({ name: "Teh Melati", consumptionDays: 14 });
    await dueOrder(RINA, [kopi.sku, teh.sku]);
    await dueOrder(BUDI, [kopi.sku]);
    // Tono ordered kopi again after the reminded order: his reminder is skipped, not sent.
    await dueOrder(TONO, [kopi.sku]);
    await k.services.orders.create(k.owner, {
      customer: { phone: TONO.phone },
      lines: [{ sku: kopi.sku, quantity: 1 }],
      paymentMethod: "cod",
      discount: 0,
      shippingCost: 0,
    });

    const first = await k.services.reminders.run(k.owner);
    expect(first).toMatchObject({ ran: true, customers: 2, reminders: 3, skipped: 1 });
    const campaign = await campaignDone(first.campaignId!);
    expect(campaign.audience).toEqual({ type: "reminders", runId: expect.any(String) });
    const rina = await receivedSome(RINA);
    expect(rina).toHaveLength(1);
    expect(rina[0]).toContain("Halo Rina");
    expect(rina[0]).toContain("Kopi Toraja dan Teh Melati");
    expect(await receivedSome(BUDI)).toHaveLength(1);
    const sent = await k.database.pool.query<{ status: string; campaign_id: string }>(
      "SELECT status, campaign_id FROM order_reminders WHERE product_id = ANY($1)",
      [[kopi.id, teh.id]],
    );
    expect(sent.rows).toHaveLength(4);
    const skipped = await k.database.pool.query(
      "SELECT r.status, r.reason, r.campaign_id FROM order_reminders r JOIN contacts c ON c.id = r.contact_id WHERE c.phone = $1",
      [TONO.phone],
    );
    expect(skipped.rows).toEqual([{ status: "skipped", reason: "reordered", campaign_id: null }]);
    for (const r of sent.rows.filter((x) => x.status !== "skipped"))
      expect(r).toEqual({ status: "sent", campaign_id: first.campaignId });

    const campaigns = (await k.services.campaigns.list(k.owner)).length;
    const again = await k.services.reminders.run(k.owner);
    expect(again).toMatchObject({ ran: false, campaignId: null });
    expect((await k.services.campaigns.list(k.owner)).length).toBe(campaigns);
    expect(await received(RINA)).toHaveLength(1);
    expect(await received(TONO)).toEqual([]);
  });

  it("the hourly sweep runs an enabled shop once its local send hour has come, and once a day", async () => {
    const gula = await f.product({ name: "Gula Aren", consumptionDays: 30 });
    await dueOrder(SARI, [gula.sku]);
    await k.services.reminders.updateSettings(k.owner, { enabled: true, sendHour: 9 });
    await k.database.pool.query("UPDATE reminder_settings SET last_run_on = NULL WHERE tenant_id = $1", [
      k.owner.tenantId,
    ]);
    const today = shopDate(new Date(), "Asia/Jakarta");
    expect(await k.services.reminders.runDueShops(new Date(`${today}T08:59:00+07:00`))).toEqual([]);
    expect(await k.services.reminders.runDueShops(new Date(`${today}T09:00:00+07:00`))).toEqual([
      k.owner.tenantId,
    ]);
    expect(await k.services.reminders.runDueShops(new Date(`${today}T10:00:00+07:00`))).toEqual([]);
    const [r] = (
      await k.database.pool.query<{ campaign_id: string }>(
        "SELECT campaign_id FROM order_reminders WHERE product_id = $1",
        [gula.id],
      )
    ).rows;
    await campaignDone(r!.campaign_id);
    expect(await receivedSome(SARI)).toHaveLength(1);
  });

  /** The reminder of `who` for `productId`: its status and campaign. */
  const reminderOf = async (who: VirtualPhone, productId: string) =>
    (
      await k.database.pool.query<{ status: string; run_id: string | null; campaign_id: string | null }>(
        `SELECT r.status, r.run_id, r.campaign_id FROM order_reminders r JOIN contacts c ON c.id = r.contact_id
         WHERE c.phone = $1 AND r.product_id = $2`,
        [who.phone, productId],
      )
    ).rows[0];

  /** A run killed by a process stopping: `send` never returns; resolves once the run's transaction committed. */
  async function killedRun(send: ReminderCampaigns["send"], who: VirtualPhone, productId: string) {
    await k.database.pool.query("UPDATE reminder_settings SET last_run_on = NULL WHERE tenant_id = $1", [
      k.owner.tenantId,
    ]);
    void runReminders(
      k.database.db,
      { send, start: async () => {}, waTemplate: async () => () => "" },
      k.owner,
    );
    const r = await waitFor(async () => {
      const row = await reminderOf(who, productId);
      return row?.status === "sent" ? row : undefined;
    });
    expect(r.campaign_id).toBeNull();
    // Ten minutes on: the run is left, not under way.
    await k.database.pool.query(
      "UPDATE order_reminders SET updated_at = now() - interval '11 minutes' WHERE run_id = $1",
      [r.run_id],
    );
    return r.run_id!;
  }

  it("a run killed before its campaign was made is finished by the next run: the reminder goes out late, once", async () => {
    const susu = await f.product({ name: "Susu Oat", consumptionDays: 10 });
    await dueOrder(DEWI, [susu.sku]);
    const runId = await killedRun(() => new Promise<string>(() => {}), DEWI, susu.id);
    const next = await k.services.reminders.run(k.owner);
    expect(next.ran).toBe(false);
    const r = await reminderOf(DEWI, susu.id);
    expect(r).toMatchObject({ status: "sent", run_id: runId, campaign_id: expect.any(String) });
    const campaign = await campaignDone(r!.campaign_id!);
    expect(campaign.audience).toEqual({ type: "reminders", runId });
    expect(await receivedSome(DEWI)).toHaveLength(1);
    // Nothing more on a further run.
    const campaigns = (await k.services.campaigns.list(k.owner)).length;
    await k.services.reminders.run(k.owner);
    expect((await k.services.campaigns.list(k.owner)).length).toBe(campaigns);
    expect(await received(DEWI)).toHaveLength(1);
  });

  it("a run killed after making its campaign, before starting it: the hourly sweep starts that campaign, no second one", async () => {
    const teh = await f.product({ name: "Teh Hijau", consumptionDays: 10 });
    await dueOrder(EKO, [teh.sku]);
    const before = (await k.services.campaigns.list(k.owner)).length;
    let made = (_id: string) => {};
    const created = new Promise<string>((resolve) => {
      made = resolve;
    });
    const runId = await killedRun(
      async (actor, input) => {
        made((await k.services.campaigns.create(actor, input)).id);
        return new Promise<string>(() => {});
      },
      EKO,
      teh.id,
    );
    // The process died once its campaign was made (not merely once the run was recorded).
    await created;
    const today = shopDate(new Date(), "Asia/Jakarta");
    await k.services.reminders.runDueShops(new Date(`${today}T09:30:00+07:00`));
    const r = await reminderOf(EKO, teh.id);
    expect(r).toMatchObject({ status: "sent", run_id: runId, campaign_id: expect.any(String) });
    await campaignDone(r!.campaign_id!);
    expect(await receivedSome(EKO)).toHaveLength(1);
    expect((await k.services.campaigns.list(k.owner)).length).toBe(before + 1);
  });
});
