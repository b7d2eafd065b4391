/**
 * Queuing an outgoing webhook event: one `webhook_deliveries` row and one `webhook-deliver`
 * job per subscribed, enabled endpoint, on the caller's transaction, so deliveries exist
 * exactly when the event commits.
 */
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import type { SqlExecutor } from "../../db/transaction.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import { webhookDeliverJob } from "./jobs/deliver.js";
import { insertDeliveries, subscribedEndpoints, type WebhookEvent } from "./queries.js";

/** One event of a shop, as sent (docs/webhooks.md documents each type's `data`). */
export interface WebhookEventInput {
  tenantId: string;
  /** A subscribable event, or `webhook.test` (the "send test event" button, one endpoint). */
  type: WebhookEvent | "webhook.test";
  data: Record<string, unknown>;
  /** When it happened (default: now). */
  at?: Date;
}

/**
 * The JSON text every attempt sends: `{ id, type, createdAt, tenantId, data }`.
 * @param eventId the event's id (the same for each endpoint)
 */
function eventBody(eventId: string, e: WebhookEventInput): string {
  return JSON.stringify({
    id: eventId,
    type: e.type,
    createdAt: (e.at ?? new Date()).toISOString(),
    tenantId: e.tenantId,
    data: e.data,
  });
}

/**
 * Queues `e` for each enabled endpoint of its shop that takes its type (or for
 * `onlyEndpoint` alone, whatever it takes: a test event), on `tx` / `raw`.
 * @returns the new deliveries' ids (none when no endpoint takes it)
 */
export async function queueWebhookEvent(
  tx: Db | Tx,
  raw: SqlExecutor,
  enqueue: Enqueue,
  e: WebhookEventInput,
  onlyEndpoint?: string,
): Promise<string[]> {
  const endpoints =
    onlyEndpoint !== undefined
      ? [onlyEndpoint]
      : e.type === "webhook.test"
        ? []
        : await subscribedEndpoints(tx, e.tenantId, e.type);
  if (endpoints.length === 0) return [];
  const eventId = randomUUID();
  const body = eventBody(eventId, e);
  const ids = await insertDeliveries(
    tx,
    endpoints.map((endpointId) => ({
      tenantId: e.tenantId,
      endpointId,
      eventId,
      eventType: e.type,
      body,
      ...(e.at ? { createdAt: e.at, retriesFrom: e.at } : {}),
    })),
  );
  for (const deliveryId of ids)
    await enqueue(
      webhookDeliverJob,
      { deliveryId, attempt: 0, manual: onlyEndpoint !== undefined },
      { tx: raw },
    );
  return ids;
}
