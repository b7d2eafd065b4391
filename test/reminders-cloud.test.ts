/**
 * Repeat-order reminders on a Cloud API number (the sandbox's in-process Graph): the
 * settings take the number only with an approved WhatsApp template; a run sends that
 * template through its one campaign to each due customer, once, with their name and
 * products as its parameters, and the dry-run shows what it will say; a tap on the
 * template's quick-reply button NANTI postpones like the typed word; a template that
 * stopped being approved skips the daily run and tells the shop. Every wait is for a state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxGraph } from "../src/channels/cloud-api/index.js";
import { shopDate } from "../src/modules/reminders/due.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ReminderPreviewDto, ReminderSettingsDto } from "../src/modules/reminders/schemas.js";
import { apiClient, errorOf, ok, type Api } from "./support/api.js";
import { sandboxCloudChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let cloud: ChannelDto;
let kopi: { id: string; sku: string };

const TEMPLATE = "pengingat_pesan_ulang";
const waTemplate = {
  name: TEMPLATE,
  language: "id",
  body: ["{{name|Kak}}", "{{reminder.items}}", "{{reminder.suggestions}}"],
};
const RINA = "+6285739100001";
const BUDI = "+6285739100002";
const SARI = "+6285739100003";

const q = async <T extends object>(text: string, values: unknown[]) =>
  (await k.database.pool.query<T>(text, values)).rows;

/** A completed order of kopi for the customer, its reminder made due today. @returns their contact id */
async function dueCustomer(phone: string, name: string): Promise<string> {
  const { order } = await k.services.orders.create(k.owner, {
    customer: { phone, name },
    lines: [{ sku: kopi.sku, quantity: 1 }],
    paymentMethod: "transfer",
    discount: 0,
    shippingCost: 0,
  });
  await k.services.orders.move(k.owner, order.id, { status: "completed" });
  await q("UPDATE order_reminders SET due_on = due_on - 30 WHERE order_id = $1", [order.id]);
  return order.customer.contactId!;
}

const reminderStatus = async (contactId: string) =>
  (await q<{ status: string }>("SELECT status FROM order_reminders WHERE contact_id = $1", [contactId]))[0]
    ?.status;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
  cloud = await sandboxCloudChannel(api, "WA Resmi Pengingat (sandbox)");
  // The shop's reminder template, with Meta's quick-reply buttons for the three answers.
  await ok(
    api("POST", `/channels/${cloud.id}/wa-templates`, {
      name: TEMPLATE,
      language: "id",
      category: "MARKETING",
      components: [
        {
          type: "BODY",
          text: "Halo {{1}}, {{2}} yang Kakak beli sepertinya sudah mau habis. Mungkin Kakak juga suka: {{3}}",
          example: { body_text: [["Rina", "Kopi Gayo", "Teh Melati (Rp25.000)"]] },
        },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "PESAN LAGI" },
            { type: "QUICK_REPLY", text: "NANTI" },
            { type: "QUICK_REPLY", text: "STOP" },
          ],
        },
      ],
    }),
    201,
  );
  await waitFor(async () => {
    const list = await ok(
      api<Array<{ name: string; status: string }>>("GET", `/channels/${cloud.id}/wa-templates`),
    );
    return list.some((t) => t.name === TEMPLATE && t.status === "APPROVED") || undefined;
  });
  kopi = await factory(k).product({ name: "Kopi Gayo", consumptionDays: 14 });
  // The customers get only reminders here: the orders' own messages are switched off.
  const messages = await k.services.orderMessages.settings(k.owner);
  await k.services.orderMessages.saveSettings(k.owner, {
    ...messages,
    events: Object.fromEntries(
      Object.entries(messages.events).map(([event, e]) => [event, { ...e, enabled: false }]),
    ) as typeof messages.events,
  });
});
afterAll(async () => k?.close());

describe("reminders on a Cloud API number", () => {
  it("takes the number only with an approved WhatsApp template (400 naming waTemplate); a WhatsApp Web number needs none", async () => {
    const refused = await api("PUT", "/reminders/settings", { channelId: cloud.id });
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({
      code: "reminder_template_required",
      fields: { waTemplate: expect.any(String) },
    });
    const unknown = await api("PUT", "/reminders/settings", {
      channelId: cloud.id,
      waTemplate: { ...waTemplate, name: "tidak_ada" },
    });
    expect(errorOf(unknown).code).toBe("wa_template_not_found");
    const web = (await ok(api<ChannelDto[]>("GET", "/channels"))).find((c) => c.kind !== "cloud_api")!;
    await ok(api("PUT", "/reminders/settings", { channelId: web.id, waTemplate: null }));
    const saved = await ok(
      api<ReminderSettingsDto>("PUT", "/reminders/settings", {
        channelId: cloud.id,
        waTemplate,
        enabled: true,
      }),
    );
    expect(saved).toMatchObject({ channelId: cloud.id, waTemplate });
  });

  it("sends the template through the run's campaign to each due customer once, as the dry-run shows it", async () => {
    const rina = await dueCustomer(RINA, "Rina");
    const budi = await dueCustomer(BUDI, "Budi");

    const preview = await ok(api<ReminderPreviewDto>("GET", "/reminders/preview"));
    const said = Object.fromEntries(preview.messages.map((m) => [m.phone, m.text]));
    expect(said[RINA]).toBe(
      "Halo Rina, Kopi Gayo yang Kakak beli sepertinya sudah mau habis. Mungkin Kakak juga suka: -",
    );
    expect(said[BUDI]).toContain("Halo Budi, Kopi Gayo yang Kakak beli");

    const run = await k.services.reminders.run(k.owner);
    expect(run).toMatchObject({ ran: true, customers: 2 });
    const campaign = await waitFor(async () => {
      const c = await k.services.campaigns.get(k.owner, run.campaignId!);
      return c.status === "completed" ? c : undefined;
    }, 30_000);
    expect(campaign.waTemplate).toMatchObject({ name: TEMPLATE, language: "id" });
    const recipients = await q<{ phone: string; status: string; text: string; template_params: unknown }>(
      "SELECT phone, status, text, template_params FROM campaign_recipients WHERE campaign_id = $1 ORDER BY phone",
      [run.campaignId],
    );
    expect(recipients.map((r) => r.phone)).toEqual([RINA, BUDI]);
    for (const r of recipients) expect(["sent", "delivered", "read"]).toContain(r.status);
    expect(recipients[0]!.template_params).toEqual({ body: ["Rina", "Kopi Gayo", "-"] });
    expect(recipients[0]!.text).toBe(said[RINA]);
    expect(await reminderStatus(rina)).toBe("sent");
    expect(await reminderStatus(budi)).toBe("sent");
    // Once: a second run the same day sends nothing.
    expect(await k.services.reminders.run(k.owner)).toMatchObject({ ran: false, campaignId: null });
  });

  it("takes a tap on the template's NANTI button like the typed word: the reminder comes again 7 days on", async () => {
    const budi = (await q<{ id: string }>("SELECT id FROM contacts WHERE phone = $1", [BUDI]))[0]!.id;
    await sandboxGraph.customerTapsQuickReply(cloud.id, BUDI, { text: "NANTI" });
    const [later] = await waitFor(async () => {
      const rows = await q<{ due_on: string }>(
        "SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM order_reminders WHERE contact_id = $1 AND status = 'postponed'",
        [budi],
      );
      return rows.length > 0 ? rows : undefined;
    });
    const today = shopDate(new Date(), "Asia/Jakarta");
    expect(later!.due_on).toBe(
      new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10),
    );
  });

  it("skips the daily run and tells the shop when the template is no longer approved, sending nothing", async () => {
    const sari = await dueCustomer(SARI, "Sari");
    await q("UPDATE reminder_settings SET last_run_on = NULL, send_hour = 0 WHERE tenant_id = $1", [
      k.owner.tenantId,
    ]);
    await q("UPDATE wa_templates SET status = 'PAUSED' WHERE channel_id = $1 AND name = $2", [
      cloud.id,
      TEMPLATE,
    ]);
    const campaigns = (await k.services.campaigns.list(k.owner)).length;

    expect(await k.services.reminders.runDueShops()).not.toContain(k.owner.tenantId);
    const told = await q<{ kind: string; reason: string }>(
      "SELECT kind, reason FROM notifications WHERE tenant_id = $1 AND kind = 'reminders_skipped'",
      [k.owner.tenantId],
    );
    expect(told).toEqual([{ kind: "reminders_skipped", reason: "wa_template_not_approved" }]);
    expect(await reminderStatus(sari)).toBe("planned");
    expect((await k.services.campaigns.list(k.owner)).length).toBe(campaigns);
    const settings = await ok(api<ReminderSettingsDto>("GET", "/reminders/settings"));
    expect(settings.lastRunOn).toBeNull();
  });
});
