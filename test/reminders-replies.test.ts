/**
 * Repeat-order reminders, the replies of a customer who got one (on their sandbox phone):
 * "PESAN LAGI" makes a draft order with the same lines and an internal note for CS,
 * "NANTI" plans the reminder again 7 days on, "STOP" stops reminders but not campaigns.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import { shopDate } from "../src/modules/reminders/due.js";
import { replyKind } from "../src/modules/reminders/replies.js";
import { apiClient, ok, untilConnected } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let channelPhone: string;
const contacts = new Map<string, string>();
let kopiId: string;

const phone = (n: number, name: string): VirtualPhone => ({
  phone: `+62857288${String(n).padStart(5, "0")}`,
  name,
  onWhatsApp: true,
  readRate: 0,
  replyRate: 0,
  latencyMs: 50,
});
const RINA = phone(1, "Rina");
const BUDI = phone(2, "Budi");
const SARI = phone(3, "Sari");
const DEWI = phone(4, "Dewi");

const q = async <T extends object>(text: string, values: unknown[]) =>
  (await k.database.pool.query<T>(text, values)).rows;

beforeAll(async () => {
  k = await startTestKabar();
  const f = factory(k);
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [RINA, BUDI, SARI, DEWI]);
  await k.sandbox.addPhones([RINA, BUDI, SARI, DEWI]);
  const api = apiClient(k.http!, { cookie: k.cookie });
  const channel = await firstChannel(api);
  channelPhone = channel.phone!;
  await ok(api("PATCH", `/channels/${channel.id}`, { pacingPreset: "off" }));
  await untilConnected(api, channel.id);
  const kopi = await f.product({ name: "Kopi Toraja", consumptionDays: 14 });
  kopiId = kopi.id;
  for (const who of [RINA, BUDI, SARI]) {
    const { order } = await k.services.orders.create(k.owner, {
      customer: { phone: who.phone, name: who.name },
      lines: [{ sku: kopi.sku, quantity: 2 }],
      paymentMethod: "cod",
      discount: 0,
      shippingCost: 0,
    });
    await k.services.orders.move(k.owner, order.id, { status: "completed" });
    await q("UPDATE order_reminders SET due_on = due_on - 30 WHERE order_id = $1", [order.id]);
    contacts.set(who.phone, order.customer.contactId!);
  }
  const run = await k.services.reminders.run(k.owner);
  await waitFor(async () => {
    const c = await k.services.campaigns.get(k.owner, run.campaignId!);
    return c.status === "completed" ? c : undefined;
  }, 30_000);
});
afterAll(async () => k?.close());

describe("replies to a reminder", () => {
  it("reads the three words whatever their case and punctuation", () => {
    expect(["Pesan lagi!", "pesan  LAGI", "nanti", "Stop.", "pesan lagi dong"].map(replyKind)).toEqual([
      "reorder",
      "reorder",
      "later",
      "stop",
      null,
    ]);
  });

  it('"PESAN LAGI" makes a draft order with the same lines and tells CS in the conversation', async () => {
    await k.sandbox.sendFromPhone(RINA.phone, channelPhone, "Pesan lagi");
    const contactId = contacts.get(RINA.phone)!;
    const [draft] = await waitFor(async () => {
      const rows = await q<{ id: string; number: string; status: string; source: string }>(
        "SELECT id, number, status, source FROM orders WHERE contact_id = $1 AND status = 'draft'",
        [contactId],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(draft).toMatchObject({ status: "draft", source: "reminder" });
    const lines = await q("SELECT product_id, quantity FROM order_lines WHERE order_id = $1", [draft!.id]);
    expect(lines).toEqual([{ product_id: kopiId, quantity: 2 }]);
    const notes = await waitFor(async () => {
      const rows = await q<{ body: string }>(
        `SELECT n.body FROM conversation_notes n JOIN conversations c ON c.id = n.conversation_id WHERE c.contact_id = $1`,
        [contactId],
      );
      return rows.length > 0 ? rows : undefined;
    });
    expect(notes[0]!.body).toContain(draft!.number);
  });

  it('"NANTI" plans the reminder again 7 days on', async () => {
    await k.sandbox.sendFromPhone(BUDI.phone, channelPhone, "Nanti");
    const contactId = contacts.get(BUDI.phone)!;
    const [later] = await waitFor(async () => {
      const rows = await q<{ due_on: string }>(
        "SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM order_reminders WHERE contact_id = $1 AND status = 'postponed'",
        [contactId],
      );
      return rows.length > 0 ? rows : undefined;
    });
    const today = shopDate(new Date(), "Asia/Jakarta");
    expect(later!.due_on).toBe(
      new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10),
    );
  });

  it('"STOP" stops reminders and keeps the customer\'s campaigns', async () => {
    const contactId = contacts.get(SARI.phone)!;
    const optOuts: string[] = [];
    const off = k.bus.on("contact.opted_out", (e) => optOuts.push(e.contactId));
    await k.sandbox.sendFromPhone(SARI.phone, channelPhone, "STOP");
    await waitFor(async () => {
      const [row] = await q<{ stopped: boolean; opted_out: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM reminder_opt_outs WHERE contact_id = $1) AS stopped,
                (SELECT opted_out FROM contacts WHERE id = $1) AS opted_out`,
        [contactId],
      );
      return row!.stopped && !row!.opted_out ? true : undefined;
    });
    off();
    // Never opted out of everything, not even for a moment (no opt-out event, no time stamped).
    expect(optOuts).not.toContain(contactId);
    expect(await q("SELECT opted_out_at FROM contacts WHERE id = $1", [contactId])).toEqual([
      { opted_out_at: null },
    ]);
  });

  it("leaves alone a STOP from a customer who got no reminder: it opts them out of everything", async () => {
    const contact = await factory(k).contact({ phone: DEWI.phone, name: DEWI.name });
    await k.sandbox.sendFromPhone(DEWI.phone, channelPhone, "STOP");
    await waitFor(async () => {
      const [row] = await q<{ opted_out: boolean }>("SELECT opted_out FROM contacts WHERE id = $1", [
        contact.id,
      ]);
      return row!.opted_out ? true : undefined;
    });
    expect(await q("SELECT 1 FROM reminder_opt_outs WHERE contact_id = $1", [contact.id])).toEqual([]);
  });
});
