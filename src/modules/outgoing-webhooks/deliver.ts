/**
 * One attempt of an outgoing webhook delivery: POST the stored body, signed, through the
 * outbound guard; log the answer; on a 2xx the delivery is done, otherwise the next retry
 * is queued with exponential backoff (30 s doubling, at most 2 h apart) until 24 h after
 * the series began. An endpoint whose attempts have all failed for 24 h is turned off and
 * the shop notified.
 */
import { performance } from "node:perf_hooks";
import type { Db } from "../../db/client.js";
import { rawExecutor } from "../../db/transaction.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import { open } from "../../lib/crypto.js";
import { openGuarded, OutboundError } from "../../lib/outbound/index.js";
import { webhookDeliverJob, type WebhookDeliverPayload } from "./jobs/deliver.js";
import {
  claimAttempt,
  deliveryToSend,
  disableFailingEndpoint,
  insertAttempt,
  loggedAttempts,
  markEndpointAnswering,
  markEndpointFailing,
  setDelivery,
} from "./queries.js";
import { signatureHeader } from "./sign.js";

/** How long a delivery is retried after its event (or its manual redeliver), ms. */
const RETRY_WINDOW_MS = 24 * 3600_000;
/** How long an endpoint may fail without one 2xx before it is turned off, ms. */
const DISABLE_AFTER_MS = 24 * 3600_000;
/** First retry delay, ms (then doubling). */
const FIRST_RETRY_MS = 30_000;
/** Longest gap between two retries, ms. */
const MAX_RETRY_GAP_MS = 2 * 3600_000;
/** Longest wait for a receiver's answer, ms. */
const TIMEOUT_MS = 10_000;
/** The answer's characters kept in the log. */
const EXCERPT_CHARS = 500;
/** Bytes of the answer read (enough for the excerpt); the rest is dropped unread. */
const READ_BYTES = 4096;

/** Wait before the retry that follows attempt number `attempts` (1-based), ms. */
function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_GAP_MS);
}

/** What {@link deliverWebhook} needs. */
interface DeliverDeps {
  db: Db;
  /** KABAR_SECRET_KEY: opens the endpoint's secret. */
  secretKey: Buffer | null;
  enqueue: Enqueue;
  /** Tells the shop an endpoint was turned off (the notifications module). */
  endpointDisabled(tenantId: string, url: string): Promise<void>;
  now(): Date;
}

/** What one HTTP exchange gave. */
interface Outcome {
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
}

/** POSTs `body` to `url`; never throws (a failure is an outcome). */
async function post(url: string, headers: Record<string, string>, body: string): Promise<Outcome> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const res = await openGuarded(url, {
      method: "POST",
      headers,
      body,
      timeoutMs: TIMEOUT_MS,
      maxBytes: 10 * 1024 * 1024,
    });
    const chunks: Buffer[] = [];
    let read = 0;
    try {
      for await (const chunk of res.body) {
        chunks.push(chunk as Buffer);
        read += (chunk as Buffer).length;
        if (read >= READ_BYTES) break;
      }
    } catch {
      // A cut body still has its status: the excerpt is what arrived.
    } finally {
      res.body.destroy();
    }
    const excerpt = Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_CHARS);
    return { statusCode: res.status, latencyMs: latency(), excerpt, error: null };
  } catch (err) {
    const error = err instanceof OutboundError ? err.message : "The request failed";
    return { statusCode: null, latencyMs: latency(), excerpt: null, error };
  }
}

/**
 * Takes the attempt `payload` names: counts it when the delivery has made exactly
 * `payload.attempt` attempts. A pg-boss retry of the same job (`rerun`: the handler threw
 * or its process died after counting the attempt but before logging it) takes it again.
 * @returns whether this run makes the attempt
 */
async function takeAttempt(
  deps: DeliverDeps,
  delivery: { id: string; attempts: number },
  payload: WebhookDeliverPayload,
  rerun: boolean,
): Promise<boolean> {
  if (delivery.attempts === payload.attempt) return claimAttempt(deps.db, delivery.id, payload.attempt);
  return (
    rerun &&
    delivery.attempts === payload.attempt + 1 &&
    (await loggedAttempts(deps.db, delivery.id)) === payload.attempt
  );
}

/**
 * Makes the attempt a `webhook-deliver` job asks for. Does nothing for a stale job (the
 * delivery moved on, or another worker took the attempt) and, unless `manual`, marks the
 * delivery failed without sending when its endpoint is off.
 * @param rerun this is a pg-boss retry of the job (its first run threw or died)
 */
export async function deliverWebhook(
  deps: DeliverDeps,
  payload: WebhookDeliverPayload,
  rerun = false,
): Promise<void> {
  const found = await deliveryToSend(deps.db, payload.deliveryId);
  if (!found) return;
  const { delivery, endpoint } = found;
  if (delivery.status !== "pending") return;
  if (!endpoint.enabled && !payload.manual) {
    await setDelivery(deps.db, delivery.id, { status: "failed", nextAttemptAt: null });
    return;
  }
  if (!deps.secretKey) throw new Error("no KABAR_SECRET_KEY in this process: cannot sign webhooks");
  if (!(await takeAttempt(deps, delivery, payload, rerun))) return;
  const at = deps.now();
  const secret = open(deps.secretKey, endpoint.secretSealed, endpoint.id).toString("utf8");
  const outcome = await post(
    endpoint.url,
    {
      "content-type": "application/json",
      "user-agent": "Kabar-Webhooks/1",
      "kabar-signature": signatureHeader(secret, delivery.body, at),
      "kabar-event": delivery.eventType,
      "kabar-delivery": delivery.id,
    },
    delivery.body,
  );
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const attempts = payload.attempt + 1;
  const disabled = await deps.db.transaction(async (tx) => {
    await insertAttempt(tx, {
      deliveryId: delivery.id,
      attemptedAt: at,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      responseExcerpt: outcome.excerpt,
      error: outcome.error ?? (ok ? null : `HTTP ${outcome.statusCode}`),
    });
    if (ok) {
      await setDelivery(tx, delivery.id, { status: "succeeded", nextAttemptAt: null });
      await markEndpointAnswering(tx, endpoint.id);
      return false;
    }
    const next = new Date(at.getTime() + retryDelayMs(attempts));
    if (next.getTime() - delivery.retriesFrom.getTime() > RETRY_WINDOW_MS) {
      await setDelivery(tx, delivery.id, { status: "failed", nextAttemptAt: null });
    } else {
      await setDelivery(tx, delivery.id, { status: "pending", nextAttemptAt: next });
      await deps.enqueue(
        webhookDeliverJob,
        { deliveryId: delivery.id, attempt: attempts, manual: false },
        { tx: rawExecutor(tx), startAfter: next },
      );
    }
    const failingSince = await markEndpointFailing(tx, endpoint.id, at);
    return (
      at.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS &&
      (await disableFailingEndpoint(tx, endpoint.id))
    );
  });
  if (disabled) await deps.endpointDisabled(endpoint.tenantId, endpoint.url);
}
