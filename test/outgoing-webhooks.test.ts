/**
 * Outgoing webhooks against a local receiver (an http server on 127.0.0.1, allowed by the
 * operator's KABAR_OUTBOUND_ALLOW_HOSTS): an order makes one signed `order.created`
 * delivery in its own transaction (a rolled-back order none), the signature verifies with
 * docs/webhooks.md's snippet, a 500 is retried until a 2xx, redeliver, and an endpoint
 * failing for 24 h is turned off and the shop told. Attempts run by calling the job's
 * handler with an injected clock (this Kabar holds no channels: no worker takes the jobs).
 * Message, receipt, opt-out and campaign events: test/webhook-events.test.ts.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEnqueue } from "../src/jobs/enqueue.js";
import { createOrderService } from "../src/modules/orders/index.js";
import { createOutgoingWebhookService, webhookOrderHook } from "../src/modules/outgoing-webhooks/index.js";
import { signatureHeader } from "../src/modules/outgoing-webhooks/sign.js";
import { apiClient, type Api, type ErrorBody } from "./support/api.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

/** One request the receiver got. */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** docs/webhooks.md's verification snippet, run as written. */
type Verify = (secret: string, rawBody: string, header: string, toleranceSeconds?: number) => boolean;
function documentedVerify(): Verify {
  const doc = readFileSync(new URL("../docs/webhooks.md", import.meta.url), "utf8");
  const code = /```js\n([\s\S]*?)```/.exec(doc)![1]!;
  return new Function("require", `${code}\nreturn verifyKabarSignature;`)(
    createRequire(import.meta.url),
  ) as Verify;
}

let k: TestKabar;
let api: Api;
let receiver: http.Server;
let base: string;
const received: Received[] = [];
/** Statuses the receiver answers, in turn; 200 once empty. */
const answers: number[] = [];
let clock = new Date();
const disabledTold: Array<{ tenantId: string; url: string }> = [];
let hooks: ReturnType<typeof createOutgoingWebhookService>;
let sku: string;

interface Endpoint {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  secret: string;
}
interface Delivery {
  id: string;
  eventType: string;
  status: string;
  nextAttemptAt: string | null;
  attempts: Array<{
    statusCode: number | null;
    latencyMs: number;
    responseExcerpt: string | null;
    error: string | null;
  }>;
}

const newEndpoint = async (path: string, events: string[]) => {
  const r = await api<Endpoint>("POST", "/webhook-endpoints", { url: `${base}${path}`, events });
  expect(r.status).toBe(201);
  return r.body;
};
const deliveries = async (endpointId: string) =>
  (await api<Delivery[]>("GET", `/webhook-endpoints/${endpointId}/deliveries`)).body;
const attemptsOf = async (endpointId: string, deliveryId: string) =>
  (await deliveries(endpointId)).find((d) => d.id === deliveryId)!;
const jobsOf = async (deliveryId: string) =>
  (
    await k.database.pool.query<{ attempt: number; start_after: Date }>(
      "SELECT (data->>'attempt')::int AS attempt, start_after FROM pgboss.job WHERE name = 'webhook-deliver' AND data->>'deliveryId' = $1 ORDER BY created_on",
      [deliveryId],
    )
  ).rows;
const newOrder = (externalId: string) =>
  k.services.orders.create(k.owner, {
    customer: { phone: "081234599001", name: "Bu Webhook" },
    lines: [{ sku, quantity: 1 }],
    paymentMethod: "transfer",
    discount: 0,
    shippingCost: 0,
    externalId,
  });

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = answers.shift() ?? 200;
      res
        .writeHead(status, { "content-type": "text/plain" })
        .end(status === 200 ? "ok" : `boom ${"x".repeat(900)}`);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  k = await startTestKabar({ KABAR_OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${port}` }, { channels: false });
  api = apiClient(k.http!, { cookie: k.cookie });
  hooks = createOutgoingWebhookService({
    db: k.database.db,
    secretKey: Buffer.from("a".repeat(64), "hex"),
    enqueue: createEnqueue(k.boss),
    endpointDisabled: async (tenantId, url) => void disabledTold.push({ tenantId, url }),
    now: () => clock,
  });
  sku = (await factory(k).product()).sku;
});
afterAll(async () => {
  await k?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("outgoing webhook endpoints", () => {
  it("refuse a URL that is not https or names a private address, naming the field", async () => {
    for (const url of ["http://example.com/hook", "https://10.0.0.7/hook", "not a url"]) {
      const r = await api<ErrorBody>("POST", "/webhook-endpoints", { url, events: ["order.created"] });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("webhook_url_not_allowed");
      expect(Object.keys(r.body.error.fields!)).toEqual(["url"]);
    }
  });

  it("show the secret when made and when rotated, never in the list", async () => {
    const e = await newEndpoint("/rotate", ["order.created"]);
    expect(e.secret).toMatch(/^whsec_/);
    const list = (await api<Endpoint[]>("GET", "/webhook-endpoints")).body;
    expect(list.find((x) => x.id === e.id)).not.toHaveProperty("secret");
    const rotated = await api<Endpoint>("POST", `/webhook-endpoints/${e.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(e.secret);
    expect((await api("DELETE", `/webhook-endpoints/${e.id}`)).status).toBe(204);
  });
});

describe("outgoing webhook deliveries", () => {
  let orders: Endpoint;
  let orderDelivery: string;

  it("a new order queues one order.created delivery with its job, in the order's transaction", async () => {
    orders = await newEndpoint("/orders", ["order.created"]);
    await newEndpoint("/statuses-only", ["order.status_changed"]);
    const { order } = await newOrder("WH-1");
    const list = await deliveries(orders.id);
    expect(list.map((d) => [d.eventType, d.status])).toEqual([["order.created", "pending"]]);
    orderDelivery = list[0]!.id;
    expect(await jobsOf(orderDelivery)).toMatchObject([{ attempt: 0 }]);
    expect(order.number).toMatch(/^INV\//);
  });

  it("a rolled-back order queues nothing", async () => {
    const refusing = createOrderService(k.database.db, [
      webhookOrderHook(k.services.outgoingWebhooks),
      async () => {
        throw new Error("refused after the webhook hook");
      },
    ]);
    await expect(
      refusing.create(k.owner, {
        customer: { phone: "081234599002" },
        lines: [{ sku, quantity: 1 }],
        paymentMethod: "cod",
        discount: 0,
        shippingCost: 0,
      }),
    ).rejects.toThrow("refused after the webhook hook");
    expect((await deliveries(orders.id)).map((d) => d.id)).toEqual([orderDelivery]);
    const jobs = await k.database.pool.query("SELECT 1 FROM pgboss.job WHERE name = 'webhook-deliver'");
    const deliveryRows = await k.database.pool.query("SELECT 1 FROM webhook_deliveries");
    expect(jobs.rowCount).toBe(deliveryRows.rowCount);
  });

  it("is signed: the documented snippet verifies it, and refuses a wrong secret or an old timestamp", async () => {
    clock = new Date();
    received.length = 0;
    await hooks.deliver({ deliveryId: orderDelivery, attempt: 0, manual: false });
    expect(received).toHaveLength(1);
    const [got] = received;
    const header = String(got!.headers["kabar-signature"]);
    const verify = documentedVerify();
    expect(verify(orders.secret, got!.body, header)).toBe(true);
    expect(verify("whsec_wrong", got!.body, header)).toBe(false);
    expect(verify(orders.secret, `${got!.body} `, header)).toBe(false);
    const old = signatureHeader(orders.secret, got!.body, new Date(Date.now() - 301_000));
    expect(verify(orders.secret, got!.body, old)).toBe(false);
    expect(got!.headers["kabar-event"]).toBe("order.created");
    expect(got!.headers["kabar-delivery"]).toBe(orderDelivery);
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({ type: "order.created", tenantId: k.owner.tenantId });
    expect(body.data.order).toMatchObject({ externalId: "WH-1", status: "new", customerName: "Bu Webhook" });
    const d = await attemptsOf(orders.id, orderDelivery);
    expect(d.status).toBe("succeeded");
    expect(d.attempts).toMatchObject([{ statusCode: 200, responseExcerpt: "ok", error: null }]);
  });

  it("a 500 is logged and retried later with backoff until a 2xx; a stale job does nothing", async () => {
    const e = await newEndpoint("/flaky", ["order.status_changed"]);
    const tested = await api<Delivery>("POST", `/webhook-endpoints/${e.id}/test`);
    expect(tested.status).toBe(202);
    const id = tested.body.id;
    received.length = 0;
    answers.push(500);
    const t0 = Math.floor(Date.now() / 1000) * 1000 + 60_000;
    clock = new Date(t0);
    await hooks.deliver({ deliveryId: id, attempt: 0, manual: true });
    let d = await attemptsOf(e.id, id);
    expect(d.status).toBe("pending");
    expect(d.nextAttemptAt).toBe(new Date(t0 + 30_000).toISOString());
    expect(d.attempts[0]).toMatchObject({ statusCode: 500, error: "HTTP 500" });
    expect(d.attempts[0]!.responseExcerpt).toHaveLength(500);
    expect(d.attempts[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    const jobs = await jobsOf(id);
    expect(jobs.at(-1)).toMatchObject({ attempt: 1, start_after: new Date(t0 + 30_000) });

    await hooks.deliver({ deliveryId: id, attempt: 0, manual: true }); // the first job again: stale
    expect(received).toHaveLength(1);
    clock = new Date(t0 + 30_000);
    await hooks.deliver({ deliveryId: id, attempt: 1, manual: false });
    d = await attemptsOf(e.id, id);
    expect(d.status).toBe("succeeded");
    expect(d.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(received.map((r) => r.headers["kabar-delivery"])).toEqual([id, id]);
    expect(received[0]!.headers["kabar-event"]).toBe("webhook.test");
    expect(received[1]!.body).toBe(received[0]!.body);
  });

  it("an attempt counted by a run that died before logging it is made by pg-boss's retry of that job only", async () => {
    const e = await newEndpoint("/crash", ["order.created"]);
    const id = (await api<Delivery>("POST", `/webhook-endpoints/${e.id}/test`)).body.id;
    // The first run counted attempt 0, then its process died before sending.
    await k.database.pool.query("UPDATE webhook_deliveries SET attempts = 1 WHERE id = $1", [id]);
    received.length = 0;
    clock = new Date();
    await hooks.deliver({ deliveryId: id, attempt: 0, manual: true }); // a duplicate of the job: not a retry
    expect(received).toHaveLength(0);
    await hooks.deliver({ deliveryId: id, attempt: 0, manual: true }, true);
    expect(received.map((r) => r.headers["kabar-delivery"])).toEqual([id]);
    expect((await attemptsOf(e.id, id)).attempts.map((a) => a.statusCode)).toEqual([200]);
    await hooks.deliver({ deliveryId: id, attempt: 0, manual: true }, true); // done: nothing more
    expect(received).toHaveLength(1);
  });

  it("redeliver sends the same delivery again now", async () => {
    received.length = 0;
    const r = await api<Delivery>(
      "POST",
      `/webhook-endpoints/${orders.id}/deliveries/${orderDelivery}/redeliver`,
    );
    expect(r.status).toBe(202);
    expect(r.body.status).toBe("pending");
    const job = (await jobsOf(orderDelivery)).at(-1)!;
    expect(job.attempt).toBe(1);
    await hooks.deliver({ deliveryId: orderDelivery, attempt: job.attempt, manual: true });
    expect(received.map((x) => x.headers["kabar-delivery"])).toEqual([orderDelivery]);
    const d = await attemptsOf(orders.id, orderDelivery);
    expect(d.status).toBe("succeeded");
    expect(d.attempts.map((a) => a.statusCode)).toEqual([200, 200]);
  });

  it("an endpoint failing for 24 h is turned off and the shop told", async () => {
    const e = await newEndpoint("/down", ["order.created"]);
    await newOrder("WH-DOWN");
    const [d] = await deliveries(e.id);
    const t0 = new Date();
    answers.push(503, 503, 503);
    clock = t0;
    await hooks.deliver({ deliveryId: d!.id, attempt: 0, manual: false });
    clock = new Date(t0.getTime() + 23 * 3600_000);
    await hooks.deliver({ deliveryId: d!.id, attempt: 1, manual: false });
    let listed = (await api<Endpoint[]>("GET", "/webhook-endpoints")).body.find((x) => x.id === e.id)!;
    expect(listed.enabled).toBe(true);
    expect(disabledTold).toEqual([]);
    clock = new Date(t0.getTime() + 24 * 3600_000);
    await hooks.deliver({ deliveryId: d!.id, attempt: 2, manual: false });
    listed = (await api<Endpoint[]>("GET", "/webhook-endpoints")).body.find((x) => x.id === e.id)!;
    expect(listed).toMatchObject({ enabled: false, disabledReason: "failing" });
    expect(disabledTold).toEqual([{ tenantId: k.owner.tenantId, url: `${base}/down` }]);
    // Off: no new deliveries for it.
    await newOrder("WH-DOWN-2");
    expect(await deliveries(e.id)).toHaveLength(1);
  });

  it("a customer who opts out with a message is queued as contact.opted_out", async () => {
    const e = await newEndpoint("/opt-out", ["contact.opted_out"]);
    const { rows } = await k.database.pool.query<{ id: string }>(
      "SELECT id FROM channels WHERE tenant_id = $1 LIMIT 1",
      [k.owner.tenantId],
    );
    const channel = { id: rows[0]!.id, tenantId: k.owner.tenantId };
    const from = "+6281234599077";
    await k.services.inbox.receive(channel, {
      messageId: "wh-optout-1",
      from,
      text: "Halo kak",
      at: Date.now(),
    });
    await k.services.inbox.receive(channel, {
      messageId: "wh-optout-2",
      from,
      text: "Stop!",
      at: Date.now(),
    });
    await k.services.inbox.receive(channel, { messageId: "wh-optout-3", from, text: "stop", at: Date.now() });
    const [d] = await waitFor(async () => {
      const l = await deliveries(e.id);
      return l.length > 0 ? l : undefined;
    });
    const { rows: bodies } = await k.database.pool.query<{ body: string }>(
      "SELECT body FROM webhook_deliveries WHERE endpoint_id = $1",
      [e.id],
    );
    expect(d!.eventType).toBe("contact.opted_out");
    expect(bodies.map((b) => JSON.parse(b.body).data)).toEqual([
      { contactId: expect.any(String), phone: from, via: "message" },
    ]);
  });

  it("a contact opted out by a person on the contact page is queued as contact.opted_out", async () => {
    const e = await newEndpoint("/opt-out-page", ["contact.opted_out"]);
    const contact = await k.services.contacts.create(k.owner, { phone: "081234599088", name: "Bu Tina" });
    await k.services.contacts.update(k.owner, contact.id, { name: "Bu Tina S." });
    await k.services.contacts.update(k.owner, contact.id, { optedOut: true });
    // Already opted out: ticking it again is no new event.
    await k.services.contacts.update(k.owner, contact.id, { optedOut: true });
    await waitFor(async () => ((await deliveries(e.id)).length > 0 ? true : undefined));
    const { rows: bodies } = await k.database.pool.query<{ body: string }>(
      "SELECT body FROM webhook_deliveries WHERE endpoint_id = $1",
      [e.id],
    );
    expect(bodies.map((b) => JSON.parse(b.body).data)).toEqual([
      { contactId: contact.id, phone: "+6281234599088", via: "contact_page" },
    ]);
  });

  it("the app tells the shop through its notifications", async () => {
    const e = await newEndpoint("/down-app", ["order.created"]);
    await newOrder("WH-DOWN-APP");
    const [d] = await deliveries(e.id);
    // The app's own service, with the row made to have failed since 24 h ago.
    await k.database.pool.query(
      "UPDATE webhook_endpoints SET failing_since = now() - interval '25 hours' WHERE id = $1",
      [e.id],
    );
    answers.push(500);
    await k.services.outgoingWebhooks.deliver({ deliveryId: d!.id, attempt: 0, manual: false });
    const notes = await api<{ items: Array<{ kind: string; reason: string | null }> }>(
      "GET",
      "/notifications",
    );
    expect(notes.body.items.filter((n) => n.kind === "webhook_endpoint_disabled")).toMatchObject([
      { reason: `${base}/down-app` },
    ]);
  });
});
