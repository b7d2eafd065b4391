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
import { insertDeliveries, insertEventDeliveries, type WebhookEvent } from "./queries.js";

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
 * Queues each event for each enabled endpoint of its shop that takes its type, on `tx` /
 * `raw`: one statement inserts every delivery of the batch (none, and no more round trips,
 * when no endpoint takes them), then one `webhook-deliver` job per delivery.
 * @returns the new deliveries' ids
 */
export async function queueWebhookEvents(
  tx: Db | Tx,
  raw: SqlExecutor,
  enqueue: Enqueue,
  events: Array<WebhookEventInput & { type: WebhookEvent }>,
): Promise<string[]> {
  const ids = await insertEventDeliveries(
    tx,
    events.map((e) => {
      const eventId = randomUUID();
      const at = e.at ?? new Date();
      return { tenantId: e.tenantId, eventType: e.type, eventId, at, body: eventBody(eventId, { ...e, at }) };
    }),
  );
  for (const deliveryId of ids)
    await enqueue(webhookDeliverJob, { deliveryId, attempt: 0, manual: false }, { tx: raw });
  return ids;
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
  if (onlyEndpoint === undefined)
    return e.type === "webhook.test" ? [] : queueWebhookEvents(tx, raw, enqueue, [{ ...e, type: e.type }]);
  const eventId = randomUUID();
  const [deliveryId] = await insertDeliveries(tx, [
    {
      tenantId: e.tenantId,
      endpointId: onlyEndpoint,
      eventId,
      eventType: e.type,
      body: eventBody(eventId, e),
      ...(e.at ? { createdAt: e.at, retriesFrom: e.at } : {}),
    },
  ]);
  await enqueue(webhookDeliverJob, { deliveryId: deliveryId!, attempt: 0, manual: true }, { tx: raw });
  return [deliveryId!];
}
