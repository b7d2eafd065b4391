import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { grossAmountString, midtransSignature } from "../signature.js";
import { statusCodeOf } from "../status.js";
import { paymentPage } from "./page.js";

/**
 * A fake Midtrans for tests and the demo (SaaS mode without MIDTRANS_SERVER_KEY), on its own
 * loopback port. It follows Midtrans' documented formats (docs.midtrans.com):
 * - Snap create, `POST /snap/v1/transactions` with Basic auth `serverKey:` → 201
 *   `{ token, redirect_url }`; a wrong key → 401, a bad body (no order id, amount not the
 *   items' sum, a reused order id) → 400, both `{ error_messages: [...] }`;
 * - the status API, `GET /v2/{order_id}/status` → `{ status_code, transaction_status,
 *   fraud_status, order_id, gross_amount: "150000.00", … }`, `status_code` "404" for an
 *   order without a transaction yet;
 * - a payment page at `redirect_url` with Pay / Leave pending / Expire buttons, each sending
 *   the HTTP notification signed as Midtrans signs it, then going to the finish URL.
 * Tests drive it without a browser: {@link FakeMidtrans.pay} and friends, or
 * {@link FakeMidtrans.setStatus} + {@link FakeMidtrans.notify} for notifications out of
 * order, twice, tampered, or disagreeing with the status API.
 */

/** One transaction the fake holds. */
interface FakeTransaction {
  orderId: string;
  token: string;
  /** Integer rupiah. */
  grossAmount: number;
  /** The create request's body as sent. */
  request: Record<string, unknown>;
  finishUrl: string | null;
  /** Null until the buyer chose (the status API answers 404 then). */
  transactionStatus: string | null;
  fraudStatus: string | null;
  transactionId: string;
}

/** A notification's answer from Kabar. */
interface Delivery {
  status: number;
  body: string;
}

/** Where the fake sends its HTTP notifications (Kabar's notification route). */
type Deliver = (body: string) => Promise<Delivery>;

/** The running fake. */
export interface FakeMidtrans {
  /** scheme://127.0.0.1:port, the Midtrans client's base URL. */
  baseUrl: string;
  /** `host:port` for the outbound guard's allow list. */
  host: string;
  /** The generated server key the fake accepts and signs with. */
  serverKey: string;
  /** The client key Kabar shows to the browser. */
  clientKey: string;
  /** Sets where notifications go (the composition root: Kabar's own route). */
  onNotify(deliver: Deliver): void;
  /** The transaction of an order, or undefined. */
  transaction(orderId: string): Readonly<FakeTransaction> | undefined;
  /** Changes what the status API answers for an order, sending nothing. */
  setStatus(orderId: string, transactionStatus: string, fraudStatus?: string | null): void;
  /**
   * Sends the order's notification as it stands, signed with the server key; `override`
   * replaces fields after signing (a tampered amount) or before (`sign: false` leaves the
   * signature out; `signWith` signs with another key).
   */
  notify(
    orderId: string,
    override?: { fields?: Record<string, unknown>; sign?: boolean; signWith?: string; status?: string },
  ): Promise<Delivery>;
  /** Sends any body as a notification. */
  sendRaw(body: unknown): Promise<Delivery>;
  /** settlement + notification. */
  pay(orderId: string): Promise<Delivery>;
  /** pending + notification. */
  pend(orderId: string): Promise<Delivery>;
  /** expire + notification. */
  expire(orderId: string): Promise<Delivery>;
  /** refund + notification. */
  refund(orderId: string): Promise<Delivery>;
  /** The next Snap create answers this HTTP status and messages (a provider failure). */
  failNextCreate(status: number, messages: string[]): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 (port 0: any free one). */
export async function startFakeMidtrans(opts: { port?: number } = {}): Promise<FakeMidtrans> {
  const serverKey = `SB-Mid-server-fake-${randomBytes(12).toString("hex")}`;
  const clientKey = `SB-Mid-client-fake-${randomBytes(8).toString("hex")}`;
  const byOrder = new Map<string, FakeTransaction>();
  const byToken = new Map<string, FakeTransaction>();
  let deliver: Deliver = async () => ({ status: 503, body: "no receiver" });
  let failNext: { status: number; messages: string[] } | null = null;
  let baseUrl = "";

  function notificationOf(t: FakeTransaction, statusOverride?: string): Record<string, unknown> {
    const transactionStatus = statusOverride ?? t.transactionStatus ?? "pending";
    const statusCode = statusCodeOf(transactionStatus);
    return {
      transaction_time: new Date().toISOString().replace("T", " ").slice(0, 19),
      transaction_status: transactionStatus,
      transaction_id: t.transactionId,
      status_message: "midtrans payment notification",
      status_code: statusCode,
      payment_type: "bank_transfer",
      order_id: t.orderId,
      merchant_id: "G000000000",
      gross_amount: grossAmountString(t.grossAmount),
      fraud_status: t.fraudStatus ?? "accept",
      currency: "IDR",
    };
  }

  async function notify(
    orderId: string,
    o: { fields?: Record<string, unknown>; sign?: boolean; signWith?: string; status?: string } = {},
  ): Promise<Delivery> {
    const t = byOrder.get(orderId);
    if (!t) throw new Error(`the fake Midtrans has no order ${orderId}`);
    const body = notificationOf(t, o.status);
    if (o.sign !== false)
      body.signature_key = midtransSignature(
        String(body.order_id),
        String(body.status_code),
        String(body.gross_amount),
        o.signWith ?? serverKey,
      );
    return deliver(JSON.stringify({ ...body, ...o.fields }));
  }

  function setStatus(orderId: string, status: string, fraud: string | null = null) {
    const t = byOrder.get(orderId);
    if (!t) throw new Error(`the fake Midtrans has no order ${orderId}`);
    t.transactionStatus = status;
    t.fraudStatus = fraud ?? (status === "capture" || status === "settlement" ? "accept" : null);
  }

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function authorized(req: http.IncomingMessage): boolean {
    return req.headers.authorization === `Basic ${Buffer.from(`${serverKey}:`).toString("base64")}`;
  }

  function create(body: Record<string, unknown>): { status: number; body: unknown } {
    if (failNext) {
      const f = failNext;
      failNext = null;
      return { status: f.status, body: { error_messages: f.messages } };
    }
    const details = body.transaction_details as { order_id?: unknown; gross_amount?: unknown } | undefined;
    const items = Array.isArray(body.item_details)
      ? (body.item_details as Array<Record<string, unknown>>)
      : [];
    const errors: string[] = [];
    if (typeof details?.order_id !== "string" || details.order_id === "")
      errors.push("transaction_details.order_id is required");
    if (!Number.isInteger(details?.gross_amount) || (details?.gross_amount as number) < 1)
      errors.push("transaction_details.gross_amount must be a positive integer");
    const sum = items.reduce((s, i) => s + Number(i.price) * Number(i.quantity), 0);
    if (items.length > 0 && sum !== details?.gross_amount)
      errors.push("transaction_details.gross_amount is not equal to the sum of item_details");
    if (typeof details?.order_id === "string" && byOrder.has(details.order_id))
      errors.push("transaction_details.order_id has already been taken");
    if (errors.length > 0) return { status: 400, body: { error_messages: errors } };
    const token = randomUUID();
    const callbacks = body.callbacks as { finish?: unknown } | undefined;
    const t: FakeTransaction = {
      orderId: details!.order_id as string,
      token,
      grossAmount: details!.gross_amount as number,
      request: body,
      finishUrl: typeof callbacks?.finish === "string" ? callbacks.finish : null,
      transactionStatus: null,
      fraudStatus: null,
      transactionId: randomUUID(),
    };
    byOrder.set(t.orderId, t);
    byToken.set(token, t);
    return { status: 201, body: { token, redirect_url: `${baseUrl}/snap/v4/redirection/${token}` } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const path = url.pathname;
    if (req.method === "POST" && path === "/snap/v1/transactions") {
      if (!authorized(req))
        return send(res, 401, {
          error_messages: [
            "Access denied due to unauthorized transaction, please check client or server key",
            "Visit https://snap-docs.midtrans.com/#request-headers for more details",
          ],
        });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      } catch {
        return send(res, 400, { error_messages: ["request body is not JSON"] });
      }
      const r = create(body);
      return send(res, r.status, r.body);
    }
    const status = /^\/v2\/([^/]+)\/status$/.exec(path);
    if (req.method === "GET" && status) {
      if (!authorized(req))
        return send(res, 401, { status_code: "401", status_message: "Unknown Merchant server_key/id" });
      const t = byOrder.get(decodeURIComponent(status[1]!));
      if (!t?.transactionStatus)
        return send(res, 404, { status_code: "404", status_message: "Transaction doesn't exist." });
      const n = notificationOf(t);
      n.signature_key = midtransSignature(
        t.orderId,
        String(n.status_code),
        String(n.gross_amount),
        serverKey,
      );
      return send(res, 200, { ...n, status_message: "Success, transaction is found" });
    }
    const page = /^\/snap\/v4\/redirection\/([^/]+)(?:\/(pay|pending|expire))?$/.exec(path);
    const t = page ? byToken.get(page[1]!) : undefined;
    if (page && t && req.method === "GET" && !page[2]) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(paymentPage(t.orderId, t.grossAmount, t.token, t.transactionStatus));
      return;
    }
    if (page && t && req.method === "POST" && page[2]) {
      const choice = { pay: "settlement", pending: "pending", expire: "expire" }[page[2] as "pay"];
      setStatus(t.orderId, choice);
      await notify(t.orderId).catch(() => undefined);
      const back = t.finishUrl ?? `${baseUrl}/`;
      const sep = back.includes("?") ? "&" : "?";
      const q = new URLSearchParams({
        order_id: t.orderId,
        status_code: statusCodeOf(choice),
        transaction_status: choice,
      });
      res.writeHead(303, { location: `${back}${sep}${q}` });
      res.end();
      return;
    }
    send(res, 404, { status_code: "404", status_message: "Not found" });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { status_code: "500", status_message: "fake error" });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  const act = (status: string) => (orderId: string) => {
    setStatus(orderId, status);
    return notify(orderId);
  };
  return {
    baseUrl,
    host: `127.0.0.1:${port}`,
    serverKey,
    clientKey,
    onNotify: (d) => {
      deliver = d;
    },
    transaction: (orderId) => byOrder.get(orderId),
    setStatus,
    notify,
    sendRaw: (body) => deliver(typeof body === "string" ? body : JSON.stringify(body)),
    pay: act("settlement"),
    pend: act("pending"),
    expire: act("expire"),
    refund: act("refund"),
    failNextCreate: (status, messages) => {
      failNext = { status, messages };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
