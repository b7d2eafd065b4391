import { fetchGuarded, OutboundError } from "../../../lib/outbound/index.js";

/**
 * A small Midtrans client on Kabar's outbound guard (src/lib/outbound): Snap's "create
 * transaction" and the Core API's "get status". The official `midtrans-client` package is
 * not used: it sends through its own axios instance, which would bypass the guard every URL
 * Kabar fetches goes through (docs/billing.md). Formats: docs.midtrans.com, Snap API
 * ("Backend integration": POST {snap}/snap/v1/transactions, Basic auth of `serverKey:`,
 * 201 `{ token, redirect_url }`, errors `{ error_messages: [...] }`) and Core API
 * (GET {api}/v2/{order_id}/status). The server key is only ever put in the Authorization
 * header; nothing here logs.
 */

/** Where the client talks to, and with what key. */
interface MidtransClientOptions {
  serverKey: string;
  /** Production endpoints (MIDTRANS_IS_PRODUCTION) instead of sandbox. */
  isProduction: boolean;
  /** Base URLs overriding both (the fake Midtrans): scheme://host[:port]. */
  baseUrl?: string;
  /** Total time of one call, ms; default 15 000. */
  timeoutMs?: number;
}

/** One `item_details` entry: price in integer rupiah, name at most 50 characters. */
interface SnapItem {
  id: string;
  price: number;
  quantity: number;
  name: string;
}

/** What Kabar asks Snap to create. */
interface SnapTransaction {
  orderId: string;
  /** Integer rupiah; equals the sum of the items. */
  grossAmount: number;
  items: SnapItem[];
  customer: { firstName: string; email: string; phone?: string | null };
  /** Where Snap sends the browser back (finish, unfinish and error). */
  finishUrl: string;
}

/** The status API's answer, as Kabar reads it (the raw strings Midtrans sent). */
export interface MidtransStatus {
  /** False when Midtrans does not know the order (`status_code` 404). */
  found: boolean;
  orderId: string | null;
  transactionStatus: string | null;
  fraudStatus: string | null;
  /** As sent ("150000.00"). */
  grossAmount: string | null;
}

/** Midtrans refused or could not be reached; `reason` is for the log (never the server key). */
class MidtransError extends Error {
  constructor(readonly reason: string) {
    super(`Midtrans: ${reason}`);
    this.name = "MidtransError";
  }
}

const MAX_BYTES = 256 * 1024;

/**
 * Makes the client.
 * - `createTransaction`: answers `{ token, redirectUrl }`; @throws MidtransError on any other
 *   answer (its `error_messages` joined in `reason`) or when Midtrans cannot be reached.
 * - `status`: answers the transaction's status; @throws MidtransError when unreachable or
 *   the answer is not Midtrans' JSON.
 */
export function createMidtransClient(o: MidtransClientOptions) {
  const snapBase =
    o.baseUrl ?? (o.isProduction ? "https://app.midtrans.com" : "https://app.sandbox.midtrans.com");
  const apiBase =
    o.baseUrl ?? (o.isProduction ? "https://api.midtrans.com" : "https://api.sandbox.midtrans.com");
  const headers = {
    accept: "application/json",
    "content-type": "application/json",
    authorization: `Basic ${Buffer.from(`${o.serverKey}:`).toString("base64")}`,
  };
  async function call(url: string, method: string, body?: string) {
    try {
      const res = await fetchGuarded(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        maxBytes: MAX_BYTES,
        timeoutMs: o.timeoutMs ?? 15_000,
      });
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(res.body.toString("utf8")) as Record<string, unknown>;
      } catch {
        throw new MidtransError(`HTTP ${res.status} without JSON`);
      }
      return { status: res.status, json };
    } catch (err) {
      if (err instanceof MidtransError) throw err;
      throw new MidtransError(err instanceof OutboundError ? `unreachable (${err.message})` : "unreachable");
    }
  }
  return {
    async createTransaction(t: SnapTransaction): Promise<{ token: string; redirectUrl: string }> {
      const body = JSON.stringify({
        transaction_details: { order_id: t.orderId, gross_amount: t.grossAmount },
        item_details: t.items,
        customer_details: {
          first_name: t.customer.firstName,
          email: t.customer.email,
          ...(t.customer.phone ? { phone: t.customer.phone } : {}),
        },
        callbacks: { finish: t.finishUrl, unfinish: t.finishUrl, error: t.finishUrl },
      });
      const { status, json } = await call(`${snapBase}/snap/v1/transactions`, "POST", body);
      if (status === 201 && typeof json.token === "string" && typeof json.redirect_url === "string")
        return { token: json.token, redirectUrl: json.redirect_url };
      const messages = Array.isArray(json.error_messages)
        ? json.error_messages.join("; ")
        : "no error_messages";
      throw new MidtransError(`HTTP ${status}: ${messages}`);
    },
    async status(orderId: string): Promise<MidtransStatus> {
      const { json } = await call(`${apiBase}/v2/${encodeURIComponent(orderId)}/status`, "GET");
      const str = (v: unknown) => (typeof v === "string" ? v : null);
      if (str(json.status_code) === "404")
        return { found: false, orderId: null, transactionStatus: null, fraudStatus: null, grossAmount: null };
      if (typeof json.transaction_status !== "string")
        throw new MidtransError(`status answer without transaction_status (${str(json.status_code)})`);
      return {
        found: true,
        orderId: str(json.order_id),
        transactionStatus: json.transaction_status,
        fraudStatus: str(json.fraud_status),
        grossAmount: str(json.gross_amount),
      };
    },
  };
}

/** The Midtrans client (made once by the composition root). */
export type MidtransClient = ReturnType<typeof createMidtransClient>;
