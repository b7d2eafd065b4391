/**
 * What Kabar does about a customer's message (an auto-reply, a COD order's YA, a reminder's
 * STOP or PESAN LAGI) survives the process dying right after the message was stored.
 *
 * The crash: a process stores four customers' messages through the inbox's intake (as the
 * channel manager does) and is gone before reacting to any of them: it is an HTTP-only
 * process, so no reaction of its own ever runs, and the state it leaves is exactly what a
 * kill -9 just after the intake's commit leaves. A new process on the same database must
 * then answer each message exactly once. Then each reaction runs again (a retried job) and
 * nothing doubles.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import { codAnswers } from "../src/modules/order-messages/index.js";
import { apiClient, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const phone = (n: number, name: string): VirtualPhone => ({
  phone: `+62857399${String(n).padStart(5, "0")}`,
  name,
  onWhatsApp: true,
  readRate: 0,
  replyRate: 0,
  latencyMs: 50,
});
/** Asks the price twice: the shop's keyword rule answers the first (its cooldown holds the second). */
const ANI = phone(1, "Ani");
/** Answers YA to her COD order. */
const BUDI = phone(2, "Budi");
/** Got a reminder, answers STOP. */
const CITRA = phone(3, "Citra");
/** Got a reminder, answers PESAN LAGI. */
const DEDI = phone(4, "Dedi");
/** A COD order whose move fails once for a passing reason. */
const EKO = phone(5, "Eko");
const PHONES = [ANI, BUDI, CITRA, DEDI, EKO];
const REPLY = "Harga kopi 85 ribu kak";

let url: string;
let running: TestKabar | null = null;
let channelId = "";
let tenantId = "";
const contacts = new Map<string, string>();
const orders = new Map<string, string>();

const q = async <T extends object>(text: string, values: unknown[] = []) =>
  (await running!.database.pool.query<T>(text, values)).rows;

async function start(opts: { channels: boolean }): Promise<{ k: TestKabar; api: Api }> {
  const k = await startTestKabar({}, { automation: { delayScale: 0 }, channels: opts.channels }, url);
  running = k;
  const api = apiClient(k.http!, { cookie: k.cookie });
  if (opts.channels) {
    await k.sandboxStore.savePhonesFor(k.owner.tenantId, PHONES);
    await k.sandbox.addPhones(PHONES);
  }
  return { k, api };
}

/** Placed COD order of `who` on the channel, once its confirmation wait started. */
async function placeCod(k: TestKabar, who: VirtualPhone, sku: string): Promise<string> {
  const { order } = await k.services.orders.create(k.owner, {
    customer: { phone: who.phone, name: who.name },
    lines: [{ sku, quantity: 1 }],
    paymentMethod: "cod",
    channelId,
    discount: 0,
    shippingCost: 0,
  });
  await waitFor(async () => {
    const [row] = await q<{ state: string }>("SELECT state FROM cod_confirmations WHERE order_id = $1", [
      order.id,
    ]);
    return row?.state === "waiting" ? true : undefined;
  });
  contacts.set(who.phone, order.customer.contactId!);
  return order.id;
}

afterAll(async () => {
  await running?.stop();
  if (url) await dropTestDatabase(url);
});

beforeAll(async () => {
  url = await createTestDatabase();
  // The shop as it was before the crash: a keyword rule, a COD order waiting for its answer,
  // two customers who got a repeat-order reminder.
  const { k, api } = await start({ channels: true });
  tenantId = k.owner.tenantId;
  const channel = await firstChannel(api);
  channelId = channel.id;
  await ok(api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
  await untilConnected(api, channelId);
  await k.services.automation.create(k.owner, {
    name: "Harga",
    type: "keyword",
    channelId: null,
    config: { keywords: ["harga"], mode: "contains", caseSensitive: false },
    reply: REPLY,
    priority: 50,
    enabled: true,
    cooldownSeconds: 3600,
    delayMinSeconds: 1,
    delayMaxSeconds: 1,
  });
  const f = factory(k);
  const kopi = await f.product({ name: "Kopi Toraja", consumptionDays: 14 });
  orders.set(BUDI.phone, await placeCod(k, BUDI, kopi.sku));
  for (const who of [CITRA, DEDI]) {
    const { order } = await k.services.orders.create(k.owner, {
      customer: { phone: who.phone, name: who.name },
      lines: [{ sku: kopi.sku, quantity: 2 }],
      paymentMethod: "transfer",
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
  orders.set(EKO.phone, await placeCod(k, EKO, kopi.sku));
  await k.stop();
  running = null;
}, 120_000);

/** What the reactions to the four messages left in the database. */
async function reacted() {
  const [row] = await q<{
    auto_replies: number;
    budi_order: string;
    budi_status_moves: number;
    citra_stopped: number;
    dedi_drafts: number;
    dedi_notes: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM auto_reply_log WHERE contact_id = $1) AS auto_replies,
       (SELECT status FROM orders WHERE id = $2) AS budi_order,
       (SELECT count(*)::int FROM order_events WHERE order_id = $2 AND kind = 'status') AS budi_status_moves,
       (SELECT count(*)::int FROM reminder_opt_outs WHERE contact_id = $3) AS citra_stopped,
       (SELECT count(*)::int FROM orders WHERE contact_id = $4 AND status = 'draft') AS dedi_drafts,
       (SELECT count(*)::int FROM conversation_notes n JOIN conversations c ON c.id = n.conversation_id
         WHERE c.contact_id = $4) AS dedi_notes`,
    [
      contacts.get(ANI.phone) ?? "00000000-0000-0000-0000-000000000000",
      orders.get(BUDI.phone),
      contacts.get(CITRA.phone),
      contacts.get(DEDI.phone),
    ],
  );
  return row!;
}

describe("reactions to a customer's message", () => {
  it("happen after the process that stored the message died before reacting, exactly once", async () => {
    // The process that stores the messages and dies before reacting.
    const doomed = await start({ channels: false });
    const channel = { id: channelId, tenantId };
    const said: Array<[VirtualPhone, string]> = [
      [ANI, "Harga kopinya berapa kak?"],
      [ANI, "Harganya ya kak, ditunggu"],
      [BUDI, "YA"],
      [CITRA, "STOP"],
      [DEDI, "Pesan lagi"],
    ];
    for (const [i, [who, text]] of said.entries())
      expect(
        await doomed.k.services.inbox.receive(channel, {
          messageId: `crash-${i}-${who.name}`,
          from: who.phone,
          profileName: who.name,
          text,
          at: Date.now(),
        }),
      ).toBe(true);
    const [ani] = await q<{ contact_id: string }>(
      "SELECT contact_id FROM messages WHERE direction = 'in' AND text = $1",
      [said[0]![1]],
    );
    contacts.set(ANI.phone, ani!.contact_id);
    // Stored, and nothing reacted yet.
    expect(await reacted()).toEqual({
      auto_replies: 0,
      budi_order: "new",
      budi_status_moves: 0,
      citra_stopped: 0,
      dedi_drafts: 0,
      dedi_notes: 0,
    });
    await doomed.k.stop();
    running = null;

    // A new process holding the channel.
    const { api } = await start({ channels: true });
    const done = await waitFor(async () => {
      const r = await reacted();
      const sent = await q("SELECT 1 FROM auto_reply_log WHERE contact_id = $1 AND outcome = 'sent'", [
        contacts.get(ANI.phone),
      ]);
      return sent.length > 0 && r.budi_order === "confirmed" && r.citra_stopped && r.dedi_notes
        ? r
        : undefined;
    }, 30_000);
    // Ani's two questions decided in the order she sent them: the first answered, the second in its cooldown.
    const decisions = await q<{ text: string; outcome: string }>(
      `SELECT m.text, l.outcome FROM auto_reply_log l JOIN messages m ON m.id = l.message_id
       WHERE l.contact_id = $1 ORDER BY m.created_at`,
      [contacts.get(ANI.phone)],
    );
    expect(decisions).toEqual([
      { text: said[0]![1], outcome: "sent" },
      { text: said[1]![1], outcome: "cooldown" },
    ]);
    expect(done).toEqual({
      auto_replies: 2,
      budi_order: "confirmed",
      budi_status_moves: 1,
      citra_stopped: 1,
      dedi_drafts: 1,
      dedi_notes: 1,
    });
    // Ani's phone got the answer once.
    const onPhone = await ok(
      api<Array<{ direction: string; text?: string }>>(
        "GET",
        `/sandbox/phones/${encodeURIComponent(ANI.phone)}/messages`,
      ),
    );
    expect(onPhone.filter((m) => m.direction === "in").map((m) => m.text)).toEqual([REPLY]);
  }, 90_000);

  it("run again (a retried job) do nothing twice", async () => {
    const k = running!;
    const before = await reacted();
    // What the intake queued: one job per message (Eko's answer was stored by hand, without one).
    const queued = await q<{ data: object }>(
      "SELECT data FROM pgboss.job WHERE name = 'inbound-reaction' AND state = 'completed' ORDER BY created_on",
    );
    expect(queued).toHaveLength(5);
    const jobs: string[] = [];
    for (const { data } of queued) jobs.push((await k.boss.send("inbound-reaction", data))!);
    await waitFor(async () => {
      const states = await Promise.all(jobs.map((id) => k.boss.getJobById("inbound-reaction", id)));
      return states.every((j) => j?.state === "completed") ? true : undefined;
    }, 30_000);
    expect(await reacted()).toEqual(before);
    expect(before).toMatchObject({ auto_replies: 2, budi_status_moves: 1, dedi_drafts: 1, dedi_notes: 1 });
  });

  it("a COD answer whose order move fails for a passing reason is applied on the retry, not lost", async () => {
    const k = running!;
    const orderId = orders.get(EKO.phone)!;
    const contactId = contacts.get(EKO.phone)!;
    // Eko's YA, stored without its job (the job of a message is queued by the intake only).
    const [m] = await q<{ id: string }>(
      `INSERT INTO messages (tenant_id, channel_id, contact_id, direction, text, status, external_id)
       VALUES ($1, $2, $3, 'in', 'Ya kak', 'received', 'eko-ya') RETURNING id`,
      [tenantId, channelId, contactId],
    );
    let failures = 0;
    const answer = codAnswers({
      db: k.database.db,
      log: pino({ level: "silent" }),
      move: async (actor, id, input) => {
        if (failures++ === 0) throw new Error("Connection terminated unexpectedly");
        return k.services.orders.move(actor, id, input);
      },
    });
    const incoming = { tenantId, channelId, contactId, messageId: m!.id };
    await expect(answer(incoming)).rejects.toThrow("Connection terminated");
    const state = async () =>
      (
        await q<{ cod: string; status: string }>(
          "SELECT c.state AS cod, o.status FROM cod_confirmations c JOIN orders o ON o.id = c.order_id WHERE c.order_id = $1",
          [orderId],
        )
      )[0];
    expect(await state()).toEqual({ cod: "waiting", status: "new" });
    await answer(incoming);
    expect(await state()).toEqual({ cod: "confirmed", status: "confirmed" });
  });
});
