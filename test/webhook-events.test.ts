/**
 * Message, receipt, opt-out and campaign webhooks are queued inside the transaction that
 * records their event (an event hook), like order webhooks: the event committed ⇒ exactly
 * one delivery per subscribed endpoint with its `webhook-deliver` job, also when Meta
 * delivers the same message twice; a hook that fails takes the event back; an endpoint not
 * subscribed gets nothing; each `data` has the keys docs/webhooks.md documents.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventHook } from "../src/db/event-hooks.js";
import { createEnqueue } from "../src/jobs/enqueue.js";
import { finishCampaigns } from "../src/modules/campaigns/finish.js";
import { OutboxRecorder } from "../src/modules/campaigns/recorder.js";
import { createContactService } from "../src/modules/contacts/index.js";
import { createIntakeService } from "../src/modules/inbox/index.js";
import { webhookEventHook } from "../src/modules/outgoing-webhooks/index.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { sandboxCustomer } from "./support/customers.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let channel: { id: string; tenantId: string };
let hook: EventHook;

/** The keys of `data` docs/webhooks.md documents for `type` (its events table). */
function documentedKeys(type: string): string[] {
  const doc = readFileSync(new URL("../docs/webhooks.md", import.meta.url), "utf8");
  const row = doc.split("\n").find((l) => l.startsWith(`| \`${type}\``));
  const shape = /`\{ (.*) \}`/.exec(row ?? "")?.[1];
  if (!shape) throw new Error(`docs/webhooks.md documents no data for ${type}`);
  return shape.split(",").map((part) => part.split(":")[0]!.trim());
}

interface Delivery {
  id: string;
  event_type: string;
  body: string;
  jobs: number;
}
/** The endpoint's deliveries, oldest first, each with its count of first-attempt jobs. */
const deliveriesOf = async (endpointId: string) =>
  (
    await k.database.pool.query<Delivery>(
      `SELECT d.id, d.event_type, d.body,
         (SELECT count(*)::int FROM pgboss.job j WHERE j.name = 'webhook-deliver'
            AND j.data->>'deliveryId' = d.id::text AND j.data->>'attempt' = '0') AS jobs
       FROM webhook_deliveries d WHERE d.endpoint_id = $1 ORDER BY d.created_at, d.event_type`,
      [endpointId],
    )
  ).rows;
const dataOf = (d: Delivery) => JSON.parse(d.body).data as Record<string, unknown>;
const tenantDeliveries = async () =>
  (
    await k.database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM webhook_deliveries WHERE tenant_id = $1",
      [k.owner.tenantId],
    )
  ).rows[0]!.n;

/** A new endpoint of the shop taking `events` (a local URL the operator allows; never reached here). */
const newEndpoint = async (
  events: Array<Parameters<typeof k.services.outgoingWebhooks.create>[1]["events"][number]>,
) => (await k.services.outgoingWebhooks.create(k.owner, { url: "http://127.0.0.1:9/hook", events })).id;

const inbound = (messageId: string, from: string, text: string) => ({
  messageId,
  from,
  text,
  at: Date.now(),
});

beforeAll(async () => {
  k = await startTestKabar({ KABAR_OUTBOUND_ALLOW_HOSTS: "127.0.0.1:9" });
  const [c] = await k.services.channels.list(k.owner);
  channel = { id: c!.id, tenantId: k.owner.tenantId };
  hook = webhookEventHook(createEnqueue(k.boss));
});
afterAll(async () => k?.close());

describe("webhooks of a customer's message", () => {
  let received: string;
  let optOuts: string;
  let orders: string;

  it("a shop with no endpoint subscribed gets no delivery", async () => {
    await k.services.inbox.receive(channel, inbound("wev-none-1", "+6281234577001", "Halo"));
    expect(await tenantDeliveries()).toBe(0);
  });

  it("a message queues one message.received per subscribed endpoint, with its job; Meta's retry of it queues nothing more", async () => {
    received = await newEndpoint(["message.received", "contact.opted_out"]);
    orders = await newEndpoint(["order.created"]);
    const msg = inbound("wev-msg-1", "+6281234577002", "Mau pesan kopi");
    expect(await k.services.inbox.receive(channel, msg)).toBe(true);
    expect(await k.services.inbox.receive(channel, msg)).toBe(false);
    const stored = (
      await k.database.pool.query<{ id: string; contact_id: string; conversation_id: string }>(
        `SELECT m.id, m.contact_id, c.id AS conversation_id FROM messages m
         JOIN conversations c ON c.channel_id = m.channel_id AND c.contact_id = m.contact_id
         WHERE m.external_id = 'wev-msg-1'`,
      )
    ).rows[0]!;
    const list = await deliveriesOf(received);
    expect(list.map((d) => [d.event_type, d.jobs])).toEqual([["message.received", 1]]);
    const body = JSON.parse(list[0]!.body);
    expect(Object.keys(body)).toEqual(["id", "type", "createdAt", "tenantId", "data"]);
    expect(body).toMatchObject({ type: "message.received", tenantId: k.owner.tenantId });
    expect(Object.keys(body.data)).toEqual(documentedKeys("message.received"));
    expect(body.data).toEqual({
      messageId: stored.id,
      channelId: channel.id,
      contactId: stored.contact_id,
      conversationId: stored.conversation_id,
    });
    expect(await deliveriesOf(orders)).toEqual([]);
  });

  it("an opt-out word queues message.received and contact.opted_out, once", async () => {
    optOuts = await newEndpoint(["contact.opted_out"]);
    const from = "+6281234577003";
    await k.services.inbox.receive(channel, inbound("wev-stop-1", from, "Berhenti"));
    await k.services.inbox.receive(channel, inbound("wev-stop-1", from, "Berhenti"));
    // Already opted out: a second opt-out word is no new opt-out.
    await k.services.inbox.receive(channel, inbound("wev-stop-2", from, "stop"));
    const list = await deliveriesOf(optOuts);
    expect(list.map((d) => [d.event_type, d.jobs])).toEqual([["contact.opted_out", 1]]);
    expect(Object.keys(dataOf(list[0]!))).toEqual(documentedKeys("contact.opted_out"));
    expect(dataOf(list[0]!)).toEqual({ contactId: expect.any(String), phone: from, via: "message" });
    // The endpoint taking both events got one of each for this customer.
    const both = (await deliveriesOf(received)).filter((d) => d.event_type === "contact.opted_out");
    expect(both.map((d) => dataOf(d).phone)).toEqual([from]);
  });

  it("a hook that fails takes the message back: nothing stored, nothing queued; the retry stores and queues it once", async () => {
    const failing = createIntakeService(k.database.db, k.bus, async (tx, raw, events) => {
      await hook(tx, raw, events);
      throw new Error("the process died here");
    });
    const msg = inbound("wev-crash-1", "+6281234577004", "Halo kak");
    const before = (await deliveriesOf(received)).length;
    await expect(failing.receive(channel, msg)).rejects.toThrow("the process died here");
    const stored = await k.database.pool.query("SELECT 1 FROM messages WHERE external_id = 'wev-crash-1'");
    expect(stored.rowCount).toBe(0);
    expect(await deliveriesOf(received)).toHaveLength(before);
    expect(await k.services.inbox.receive(channel, msg)).toBe(true);
    expect(await k.services.inbox.receive(channel, msg)).toBe(false);
    expect(await deliveriesOf(received)).toHaveLength(before + 1);
  });

  it("a contact opted out on the contact page queues contact.opted_out once", async () => {
    const contact = await k.services.contacts.create(k.owner, { phone: "081234577005", name: "Bu Rani" });
    await k.services.contacts.update(k.owner, contact.id, { optedOut: true });
    await k.services.contacts.update(k.owner, contact.id, { optedOut: true });
    const mine = (await deliveriesOf(optOuts)).filter((d) => dataOf(d).contactId === contact.id);
    expect(mine.map((d) => [dataOf(d), d.jobs])).toEqual([
      [{ contactId: contact.id, phone: "+6281234577005", via: "contact_page" }, 1],
    ]);
  });

  it("two people opting a contact out at the same moment queue contact.opted_out once", async () => {
    const contact = await k.services.contacts.create(k.owner, { phone: "081234577006", name: "Pak Joni" });
    const both = await Promise.all([
      k.services.contacts.update(k.owner, contact.id, { optedOut: true }),
      k.services.contacts.update(k.owner, contact.id, { optedOut: true }),
    ]);
    expect(both.map((c) => c.optedOut)).toEqual([true, true]);
    expect(both[0]!.optedOutAt).toBe(both[1]!.optedOutAt);
    const mine = (await deliveriesOf(optOuts)).filter((d) => dataOf(d).contactId === contact.id);
    expect(mine.map((d) => [dataOf(d), d.jobs])).toEqual([
      [{ contactId: contact.id, phone: "+6281234577006", via: "contact_page" }, 1],
    ]);
  });
});

describe("webhooks in a transaction that fails", () => {
  const dies: EventHook = async (tx, raw, events) => {
    await hook(tx, raw, events);
    throw new Error("the process died here");
  };

  it("an opt-out on the contact page is taken back with its delivery", async () => {
    const e = await newEndpoint(["contact.opted_out"]);
    const contact = await k.services.contacts.create(k.owner, { phone: "081234577021", name: "Pak Joko" });
    // Only the update verb runs here: the contact's history sources are not used.
    const failing = createContactService(k.database.db, {} as never, k.bus, dies);
    await expect(failing.update(k.owner, contact.id, { optedOut: true })).rejects.toThrow("died");
    expect((await k.services.contacts.get(k.owner, contact.id)).optedOut).toBe(false);
    expect(await deliveriesOf(e)).toEqual([]);
  });

  it("a campaign finishing is taken back with its delivery; finishing it again queues it once", async () => {
    const e = await newEndpoint(["campaign.completed"]);
    // On a number no process holds: no dispatcher finishes it behind the test's back.
    const idle = await factory(k).channel({ status: "logged_out" });
    const c = await k.services.campaigns.create(k.owner, {
      name: "Webhook gagal",
      channelId: idle.id,
      body: "Halo",
      audience: { type: "labels", labels: ["tidak-ada"], match: "any" },
    });
    await k.database.pool.query("UPDATE campaigns SET status = 'running', started_at = now() WHERE id = $1", [
      c.id,
    ]);
    await expect(finishCampaigns(k.database.db, k.owner.tenantId, [c.id], dies)).rejects.toThrow("died");
    expect((await k.services.campaigns.get(k.owner, c.id)).status).toBe("running");
    expect(await deliveriesOf(e)).toEqual([]);
    expect(await finishCampaigns(k.database.db, k.owner.tenantId, [c.id], hook)).toHaveLength(1);
    expect(await finishCampaigns(k.database.db, k.owner.tenantId, [c.id], hook)).toHaveLength(0);
    expect((await deliveriesOf(e)).map((d) => [d.event_type, dataOf(d), d.jobs])).toEqual([
      ["campaign.completed", { campaignId: c.id }, 1],
    ]);
  });
});

describe("webhooks of receipts", () => {
  let statuses: string;
  /** An agent's message (not a campaign's) on the channel, `sent`, with network id `externalId`. */
  const agentMessage = async (externalId: string, phone: string) => {
    await k.services.inbox.receive(channel, inbound(`${externalId}-in`, phone, "Halo"));
    const r = await k.database.pool.query<{ id: string; contact_id: string }>(
      `INSERT INTO messages (tenant_id, channel_id, contact_id, direction, external_id, text, status)
       SELECT tenant_id, channel_id, contact_id, 'out', $1, 'Siap kak', 'sent' FROM messages WHERE external_id = $2
       RETURNING id, contact_id`,
      [externalId, `${externalId}-in`],
    );
    return r.rows[0]!;
  };
  const statusOf = async (externalId: string) =>
    (
      await k.database.pool.query<{ status: string }>("SELECT status FROM messages WHERE external_id = $1", [
        externalId,
      ])
    ).rows[0]!.status;
  const recorder = (events: EventHook, errors: unknown[]) =>
    new OutboxRecorder(
      k.database.db,
      channel.id,
      () => {},
      (e) => void errors.push(e),
      undefined,
      events,
    );

  it("a batch of receipts queues one message.status per agent message whose status moved, none for the same status again", async () => {
    statuses = await newEndpoint(["message.status"]);
    const a = await agentMessage("wev-out-a", "+6281234577011");
    const b = await agentMessage("wev-out-b", "+6281234577012");
    const errors: unknown[] = [];
    const rec = recorder(hook, errors);
    rec.recordReceipt({ messageId: "wev-out-a", status: "delivered", at: Date.now() });
    rec.recordReceipt({ messageId: "wev-out-b", status: "read", at: Date.now() });
    rec.recordReceipt({ messageId: "wev-unknown", status: "read", at: Date.now() });
    await rec.idle();
    rec.recordReceipt({ messageId: "wev-out-b", status: "read", at: Date.now() });
    rec.recordReceipt({
      messageId: "wev-out-a",
      status: "failed",
      at: Date.now(),
      error: { code: "131026", reason: "Undeliverable" },
    });
    await rec.idle();
    expect(errors).toEqual([]);
    const list = await deliveriesOf(statuses);
    expect(list.every((d) => d.event_type === "message.status" && d.jobs === 1)).toBe(true);
    expect(Object.keys(dataOf(list[0]!))).toEqual(documentedKeys("message.status"));
    expect(list.map(dataOf).sort((x, y) => String(x.status).localeCompare(String(y.status)))).toEqual([
      { messageId: a.id, channelId: channel.id, contactId: a.contact_id, status: "delivered", error: null },
      { messageId: b.id, channelId: channel.id, contactId: b.contact_id, status: "read", error: null },
    ]);
  });

  it("an agent's reply the network accepts queues one message.status sent, with the answer", async () => {
    // A customer whose phone takes days to report delivery: the answer is the network's "sent".
    const phone = await sandboxCustomer(k, {
      phone: "+6281234577020",
      name: "Bu Lambat",
      latencyMs: 864_000_000,
    });
    await k.services.inbox.receive(channel, inbound("wev-reply-in", phone, "Ada stok?"));
    const conv = await k.database.pool.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN messages m ON m.channel_id = c.channel_id AND m.contact_id = c.contact_id
       WHERE m.external_id = 'wev-reply-in'`,
    );
    const sent = await k.services.conversations.send(k.owner, conv.rows[0]!.id, { text: "Ada kak" });
    expect(sent.status).toBe("sent");
    const mine = (await deliveriesOf(statuses)).filter((d) => dataOf(d).messageId === sent.id);
    expect(mine.map((d) => [dataOf(d).status, d.jobs])).toContainEqual(["sent", 1]);
    expect(mine.filter((d) => dataOf(d).status === "sent")).toHaveLength(1);
  });

  it("a hook that fails takes the receipts back: the status stays, nothing is queued", async () => {
    await agentMessage("wev-out-c", "+6281234577013");
    const before = (await deliveriesOf(statuses)).length;
    const errors: unknown[] = [];
    const rec = recorder(async (tx, raw, events) => {
      await hook(tx, raw, events);
      throw new Error("the process died here");
    }, errors);
    rec.recordReceipt({ messageId: "wev-out-c", status: "read", at: Date.now() });
    await rec.idle();
    expect(errors).toHaveLength(1);
    expect(await statusOf("wev-out-c")).toBe("sent");
    expect(await deliveriesOf(statuses)).toHaveLength(before);
  });
});

describe("webhooks of campaigns", () => {
  it("a campaign that finishes sending queues one campaign.completed", async () => {
    const completed = await newEndpoint(["campaign.completed"]);
    await k.services.channels.update(k.owner, channel.id, { pacingPreset: "off" });
    await waitFor(async () =>
      (await k.services.channels.get(k.owner, channel.id)).status === "connected" ? true : undefined,
    );
    const c = await k.services.campaigns.create(k.owner, {
      name: "Webhook selesai",
      channelId: channel.id,
      body: "Halo",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    await k.services.campaigns.start(k.owner, c.id);
    await waitFor(async () =>
      (await k.services.campaigns.get(k.owner, c.id)).status === "completed" ? true : undefined,
    );
    const list = await deliveriesOf(completed);
    expect(list.map((d) => [d.event_type, dataOf(d), d.jobs])).toEqual([
      ["campaign.completed", { campaignId: c.id }, 1],
    ]);
    expect(Object.keys(dataOf(list[0]!))).toEqual(documentedKeys("campaign.completed"));
  });
});
