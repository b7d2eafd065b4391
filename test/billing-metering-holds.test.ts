/**
 * The unit a send outside a campaign holds in SaaS mode (issue 14, docs/billing.md "Quota
 * metering" › "Holding a unit"), over the sandbox network with the send jobs' work called
 * directly (the way a pg-boss worker calls it) and a transport that waits at a gate:
 *
 * - two auto-replies (and two order messages) due at once with one unit left: exactly one
 *   is sent, the other is cancelled `quota_exhausted`, the balance ends at 0;
 * - a send that fails holds its unit across retries (never a second one) and gives it back
 *   exactly once, even when two last attempts settle it at the same time; a job killed
 *   after the send keeps its unit and its retry takes no other;
 * - an agent's reply gives back the unit it took when stored, whatever the package says
 *   when the send fails (and gives none back when it took none), once.
 */
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { TransportError, type Transport } from "../src/channels/transport.js";
import type { ChannelManager } from "../src/channels/manager.js";
import type { Db } from "../src/db/client.js";
import { sendAutoReply } from "../src/modules/automation/send.js";
import type { RuleDto } from "../src/modules/automation/schemas.js";
import type { QuickReplyService } from "../src/modules/inbox/quick-replies.js";
import { withReplyUnit } from "../src/modules/inbox/metering.js";
import { insertOutgoing } from "../src/modules/inbox/queries/outgoing.js";
import { createSendService, deliverForwarded } from "../src/modules/inbox/send.js";
import type { OrderDto } from "../src/modules/orders/schemas.js";
import type { OrderMessageDto } from "../src/modules/order-messages/schemas.js";
import { sendOrderMessage } from "../src/modules/order-messages/send.js";
import {
  phoneInbox as phoneInboxOf,
  setUnitsLeft as setUnitsLeftOf,
  subscribeShop,
  unitsLeft as unitsLeftOf,
} from "./support/billing.js";
import { apiClient, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { customerWrites, sandboxCustomer } from "./support/customers.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;
let db: Db;
let tenantId: string;
let channelId: string;
let bisnisId: string;
let customers = 0;

beforeAll(async () => {
  k = await startTestKabar({ KABAR_MODE: "saas" }, { automation: { delayScale: 0 } });
  api = apiClient(k.http!, { cookie: k.cookie });
  db = k.database.db;
  tenantId = k.owner.tenantId;
  bisnisId = await subscribeShop(db, tenantId, "bisnis");
  channelId = (await firstChannel(api)).id;
  await untilConnected(api, channelId);
  await factory(k).product({ sku: "KOPI-SUSU", name: "Kopi Susu 1 L", price: 60_000 });
});
afterAll(() => k?.close());

const setUnitsLeft = (left: number) => setUnitsLeftOf(db, tenantId, left);
const unitsLeft = () => unitsLeftOf(db, tenantId);
const phoneInbox = (phone: string) => phoneInboxOf(api, phone);

const newCustomer = (name: string): Promise<string> =>
  sandboxCustomer(k, { phone: `+628573999${String(++customers).padStart(4, "0")}`, name });

/**
 * The demo number's live transport behind a gate: each send is counted (`calls`) and waits
 * until `release()` before it goes out.
 */
function gatedTransport() {
  const real = k.manager!.transport(channelId)!;
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const g = {
    calls: 0,
    release,
    transport: {
      send: async (...a: Parameters<Transport["send"]>) => {
        g.calls++;
        await gate;
        return real.send(...a);
      },
    } as unknown as Transport,
  };
  return g;
}

/** A transport the network refuses every send of (retryable: the job would be retried). */
const failing = {
  send: async () => {
    throw new TransportError("network_error", "jaringan putus", true);
  },
} as unknown as Transport;

const jobDeps = (transport: Transport) => ({
  db,
  bus: k.bus,
  log: pino({ level: "silent" }),
  transport: () => transport,
  billing: { enabled: true },
});

async function outcomeOf(table: "auto_reply_log" | "order_messages", id: string) {
  const r = await db.execute<{ outcome: string; why: string | null; unit_held: boolean }>(
    table === "auto_reply_log"
      ? sql`SELECT outcome, error AS why, unit_held FROM auto_reply_log WHERE id = ${id}`
      : sql`SELECT outcome, reason AS why, unit_held FROM order_messages WHERE id = ${id}`,
  );
  return r.rows[0]!;
}

async function place(phone: string, name: string): Promise<OrderDto> {
  return ok(
    api<OrderDto>("POST", "/orders", {
      customer: { phone, name },
      lines: [{ sku: "KOPI-SUSU", quantity: 1 }],
      paymentMethod: "transfer",
      channelId,
    }),
    201,
  );
}

/**
 * An order message written and left `scheduled` (as if its job had not run yet): placed
 * with no unit left (its job cancels it `quota_exhausted`), then put back to `scheduled`.
 */
async function scheduledOrderMessage(phone: string, name: string): Promise<string> {
  await setUnitsLeft(0);
  const o = await place(phone, name);
  const m = await waitFor(async () =>
    (await ok(api<OrderMessageDto[]>("GET", `/orders/${o.id}/messages`))).find(
      (x) => x.event === "created" && x.outcome !== "scheduled",
    ),
  );
  expect(m).toMatchObject({ outcome: "cancelled", reason: "quota_exhausted" });
  await db.execute(sql`UPDATE order_messages SET outcome = 'scheduled', reason = NULL WHERE id = ${m.id}`);
  return m.id;
}

/**
 * One auto-reply per new customer (names), written and left `scheduled` (as if their jobs
 * had not run yet): a fallback rule (deleted when the test ends) answers each customer's
 * message with no unit left (the jobs cancel them `quota_exhausted`), then the replies are
 * put back to `scheduled`. @returns the log ids and the customers' phones, in `names` order
 */
async function scheduledAutoReplies(names: string[]): Promise<{ ids: string[]; phones: string[] }> {
  const rule = await ok(
    api<RuleDto>("POST", "/automation/rules", {
      name: "Cadangan",
      type: "fallback",
      reply: "Pesan diterima, admin segera membalas",
      cooldownSeconds: 0,
      priority: 0,
    }),
    201,
  );
  onTestFinished(() => ok(api("DELETE", `/automation/rules/${rule.id}`), 204).then(() => undefined));
  await setUnitsLeft(0);
  const phones: string[] = [];
  for (const name of names) {
    const phone = await newCustomer(name);
    phones.push(phone);
    await customerWrites(api, k.bus, channelId, phone, "Halo kak");
  }
  const ids = await waitFor(async () => {
    const r = await db.execute<{ id: string; outcome: string }>(
      sql`SELECT id, outcome FROM auto_reply_log WHERE rule_id = ${rule.id} ORDER BY created_at`,
    );
    return r.rows.length === names.length && r.rows.every((x) => x.outcome === "cancelled")
      ? r.rows.map((x) => x.id)
      : undefined;
  });
  await db.execute(
    sql`UPDATE auto_reply_log SET outcome = 'scheduled', error = NULL WHERE rule_id = ${rule.id}`,
  );
  return { ids, phones };
}

/**
 * Runs two sends at once through one gated transport: the first reaches the network and
 * waits; the second runs until it reaches the network too or its log row is settled; then
 * both go on. Waits for states, never for time.
 */
async function race(
  send: (transport: Transport, id: string) => Promise<void>,
  table: "auto_reply_log" | "order_messages",
  first: string,
  second: string,
): Promise<void> {
  const g = gatedTransport();
  const one = send(g.transport, first);
  await waitFor(async () => (g.calls >= 1 ? true : undefined));
  const two = send(g.transport, second);
  await waitFor(async () =>
    g.calls >= 2 || (await outcomeOf(table, second)).outcome !== "scheduled" ? true : undefined,
  );
  g.release();
  await Promise.all([one, two]);
}

describe("a send outside a campaign holds its unit before it goes (SaaS mode)", () => {
  it("two auto-replies due at once with one unit left: one is sent, the other cancelled quota_exhausted", async () => {
    const { ids, phones } = await scheduledAutoReplies(["Ani", "Bayu"]);
    await setUnitsLeft(1);

    await race(
      (t, id) => sendAutoReply(jobDeps(t), { logId: id, typingMs: 0 }, false),
      "auto_reply_log",
      ids[0]!,
      ids[1]!,
    );
    expect([
      await outcomeOf("auto_reply_log", ids[0]!),
      await outcomeOf("auto_reply_log", ids[1]!),
    ]).toMatchObject([
      { outcome: "sent", unit_held: true },
      { outcome: "cancelled", why: "quota_exhausted", unit_held: false },
    ]);
    expect(await unitsLeft()).toBe(0);
    await waitFor(async () => ((await phoneInbox(phones[0]!)).length === 1 ? true : undefined));
    expect(await phoneInbox(phones[1]!)).toEqual([]);
  });

  it("two order messages due at once with one unit left: one is sent, the other cancelled quota_exhausted", async () => {
    const a = await newCustomer("Citra");
    const b = await newCustomer("Dimas");
    const first = await scheduledOrderMessage(a, "Citra");
    const second = await scheduledOrderMessage(b, "Dimas");
    await setUnitsLeft(1);

    await race(
      (t, id) => sendOrderMessage(jobDeps(t), { logId: id }, false),
      "order_messages",
      first,
      second,
    );
    expect(await outcomeOf("order_messages", first)).toMatchObject({ outcome: "sent" });
    expect(await outcomeOf("order_messages", second)).toMatchObject({
      outcome: "cancelled",
      why: "quota_exhausted",
    });
    expect(await unitsLeft()).toBe(0);
    await waitFor(async () => ((await phoneInbox(a)).length === 1 ? true : undefined));
    expect(await phoneInbox(b)).toEqual([]);
  });

  it("a failing order message holds one unit across retries and gives it back exactly once", async () => {
    const phone = await newCustomer("Eka");
    const id = await scheduledOrderMessage(phone, "Eka");
    await setUnitsLeft(2);
    // First attempt: the unit is held before the send; the failure is retried (still scheduled).
    await expect(sendOrderMessage(jobDeps(failing), { logId: id }, false)).rejects.toThrow("jaringan putus");
    expect(await outcomeOf("order_messages", id)).toMatchObject({ outcome: "scheduled", unit_held: true });
    expect(await unitsLeft()).toBe(1);
    // The retry finds the unit held and takes no other.
    await expect(sendOrderMessage(jobDeps(failing), { logId: id }, false)).rejects.toThrow("jaringan putus");
    expect(await unitsLeft()).toBe(1);
    // Two last attempts at once (a job run twice): both fail, the unit comes back once.
    await Promise.all([
      sendOrderMessage(jobDeps(failing), { logId: id }, true),
      sendOrderMessage(jobDeps(failing), { logId: id }, true),
    ]);
    expect(await outcomeOf("order_messages", id)).toMatchObject({
      outcome: "failed",
      why: "network_error",
      unit_held: false,
    });
    expect(await unitsLeft()).toBe(2);
    // A job run again after that finds it settled: nothing more is given back.
    await sendOrderMessage(jobDeps(failing), { logId: id }, true);
    expect(await unitsLeft()).toBe(2);
    expect(await phoneInbox(phone)).toEqual([]);
  });

  it("a failing auto-reply holds one unit across retries and gives it back exactly once", async () => {
    const {
      ids: [id],
      phones: [phone],
    } = await scheduledAutoReplies(["Joko"]);
    await setUnitsLeft(2);
    const send = (lastAttempt: boolean) =>
      sendAutoReply(jobDeps(failing), { logId: id!, typingMs: 0 }, lastAttempt);
    await expect(send(false)).rejects.toThrow("jaringan putus");
    expect(await outcomeOf("auto_reply_log", id!)).toMatchObject({ outcome: "scheduled", unit_held: true });
    expect(await unitsLeft()).toBe(1);
    await expect(send(false)).rejects.toThrow("jaringan putus");
    expect(await unitsLeft()).toBe(1);
    await Promise.all([send(true), send(true)]);
    expect(await outcomeOf("auto_reply_log", id!)).toMatchObject({
      outcome: "failed",
      why: "network_error",
      unit_held: false,
    });
    expect(await unitsLeft()).toBe(2);
    await send(true);
    expect(await unitsLeft()).toBe(2);
    expect(await phoneInbox(phone!)).toEqual([]);
  });

  it("a job killed after the send keeps its unit: the retry sends the same message again and takes no other", async () => {
    const phone = await newCustomer("Indra");
    const id = await scheduledOrderMessage(phone, "Indra");
    await setUnitsLeft(2);
    // The message leaves, then the job dies before it records the send (pg-boss retries it).
    const real = k.manager!.transport(channelId)!;
    const dies = {
      send: async (...a: Parameters<Transport["send"]>) => {
        await real.send(...a);
        throw new Error("worker killed");
      },
    } as unknown as Transport;
    await expect(sendOrderMessage(jobDeps(dies), { logId: id }, false)).rejects.toThrow("worker killed");
    expect(await outcomeOf("order_messages", id)).toMatchObject({ outcome: "scheduled", unit_held: true });
    expect(await unitsLeft()).toBe(1);
    await sendOrderMessage(jobDeps(real), { logId: id }, false);
    expect(await outcomeOf("order_messages", id)).toMatchObject({ outcome: "sent", unit_held: true });
    expect(await unitsLeft()).toBe(1);
    expect(await waitFor(async () => ((await phoneInbox(phone)).length === 1 ? true : undefined))).toBe(true);
  });
});

describe("an agent's reply gives back the unit it holds (SaaS mode)", () => {
  const setCounts = (counts: boolean) =>
    db.execute(sql`UPDATE packages SET counts_agent_replies = ${counts} WHERE id = ${bisnisId}`);

  /** A number's holder (ChannelManager) whose network refuses every send. */
  const refusingHolder = { transport: () => failing } as unknown as ChannelManager;

  /**
   * An agent's reply stored `pending` the way the inbox stores one when another process
   * holds the number (the unit taken with it when the package counts replies), then handed
   * to that holder, whose network refuses it.
   */
  async function storedReply(phone: string, text: string): Promise<string> {
    const c = await customerWrites(api, k.bus, channelId, phone, text);
    const { row } = await withReplyUnit(db, tenantId, (tx, unitHeld) =>
      insertOutgoing(tx, {
        tenantId,
        channelId,
        contactId: c.contactId,
        conversationId: c.id,
        externalId: `3EB0${String(++customers).padStart(18, "0")}`,
        text: "Siap kak, kami cek dulu",
        media: null,
        unitHeld,
      }),
    );
    return row.id;
  }

  const statusOf = async (id: string) =>
    (await db.execute<{ status: string }>(sql`SELECT status FROM messages WHERE id = ${id}`)).rows[0]!.status;

  it("stored while the package counted replies, failed after it stopped counting: the unit comes back, once", async () => {
    const phone = await newCustomer("Fajar");
    await setUnitsLeft(3);
    await setCounts(true);
    try {
      const id = await storedReply(phone, "Kak, pesanan saya?");
      expect(await unitsLeft()).toBe(2);
      await setCounts(false);
      await deliverForwarded(db, refusingHolder, id);
      expect(await statusOf(id)).toBe("failed");
      expect(await unitsLeft()).toBe(3);
      // A second failure report of the same message (handed to the holder again) gives nothing.
      await db.execute(sql`UPDATE messages SET status = 'pending' WHERE id = ${id}`);
      await deliverForwarded(db, refusingHolder, id);
      expect(await statusOf(id)).toBe("failed");
      expect(await unitsLeft()).toBe(3);
    } finally {
      await setCounts(false);
    }
  });

  it("stored while the package did not count replies, failed after it started counting: nothing is given back", async () => {
    const phone = await newCustomer("Gita");
    await setUnitsLeft(3);
    await setCounts(false);
    try {
      const id = await storedReply(phone, "Kak, ada promo?");
      expect(await unitsLeft()).toBe(3);
      await setCounts(true);
      await deliverForwarded(db, refusingHolder, id);
      expect(await statusOf(id)).toBe("failed");
      expect(await unitsLeft()).toBe(3);
    } finally {
      await setCounts(false);
    }
  });

  it("sent by this process and refused by the network: the counted reply's unit comes back", async () => {
    const phone = await newCustomer("Hana");
    const conversation = await customerWrites(api, k.bus, channelId, phone, "Kak, bisa COD?");
    await setUnitsLeft(3);
    await setCounts(true);
    try {
      const service = createSendService({
        db,
        bus: k.bus,
        manager: refusingHolder,
        quickReplies: {} as QuickReplyService,
        billing: { enabled: true },
      });
      const m = await service.send(k.owner, conversation.id, { text: "Bisa kak" });
      expect(m.status).toBe("failed");
      expect(await unitsLeft()).toBe(3);
    } finally {
      await setCounts(false);
    }
  });
});
