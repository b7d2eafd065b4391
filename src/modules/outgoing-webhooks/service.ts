import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import { rawExecutor, type SqlExecutor } from "../../db/transaction.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import type { Actor } from "../../lib/actor.js";
import type { Permission } from "../../lib/permissions.js";
import { seal } from "../../lib/crypto.js";
import { checkUrl } from "../../lib/outbound/index.js";
import { requireShopWidePerson } from "../outlets/index.js";
import { deliverWebhook } from "./deliver.js";
import { outgoingWebhookErrors as errors } from "./errors.js";
import { queueWebhookEvent, type WebhookEventInput } from "./events.js";
import { webhookDeliverJob, type WebhookDeliverPayload } from "./jobs/deliver.js";
import {
  deleteEndpoint,
  deliveriesOf,
  deliveryOf,
  endpointById,
  endpointsOf,
  insertEndpoint,
  setDelivery,
  updateEndpoint,
  type AttemptRow,
  type DeliveryRow,
  type EndpointRow,
} from "./queries.js";
import type {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from "./schemas.js";
import { newWebhookSecret } from "./sign.js";

/** How many deliveries the log of an endpoint shows (newest first). */
const LOG_LIMIT = 50;

function toDto(r: EndpointRow): WebhookEndpointDto {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    enabled: r.enabled,
    disabledReason: r.disabledReason ?? null,
    failingSince: r.failingSince?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

function deliveryDto(d: DeliveryRow & { attemptRows: AttemptRow[] }): WebhookDeliveryDto {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attempts: d.attemptRows.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
  };
}

/** The URL as stored, or a 400 naming `url` (see the outbound guard's policy). */
function checkedUrl(raw: string): string {
  try {
    return checkUrl(raw).url.toString();
  } catch {
    throw errors.badUrl();
  }
}

/** What {@link createOutgoingWebhookService} needs. */
interface OutgoingWebhookDeps {
  db: Db;
  /** KABAR_SECRET_KEY: seals and opens the endpoints' secrets; null in a process without it. */
  secretKey: Buffer | null;
  enqueue: Enqueue;
  /** Tells the shop an endpoint failed for 24 h and was turned off. */
  endpointDisabled(tenantId: string, url: string): Promise<void>;
  /** The clock of attempts (tests inject one). */
  now?: () => Date;
}

/**
 * A shop's outgoing webhooks (docs/webhooks.md): endpoints (owner only), their signed
 * deliveries, retries, the delivery log and redelivery, and the queuing of events.
 */
export function createOutgoingWebhookService(deps: OutgoingWebhookDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const sealSecret = (endpointId: string, secret: string) => {
    if (!deps.secretKey) throw errors.noSecretKey();
    return seal(deps.secretKey, secret, endpointId);
  };
  const owned = async (actor: Actor, id: string, key: Permission) => {
    requireShopWidePerson(actor, key);
    const row = await endpointById(db, actor.tenantId, id);
    if (!row) throw errors.endpointNotFound();
    return row;
  };

  return {
    /**
     * Adds an endpoint, on, with a new secret (in this answer only).
     * @throws KabarError 403 `forbidden` / `all_outlets_only`; 400 `webhook_url_not_allowed`; 503 `webhook_no_secret_key`
     */
    async create(actor: Actor, input: CreateWebhookEndpointInput): Promise<WebhookEndpointWithSecretDto> {
      requireShopWidePerson(actor, "webhooks.create");
      const url = checkedUrl(input.url);
      const id = randomUUID();
      const secret = newWebhookSecret();
      const row = await insertEndpoint(db, {
        id,
        tenantId: actor.tenantId,
        url,
        events: [...input.events],
        secretSealed: sealSecret(id, secret),
      });
      return { ...toDto(row), secret };
    },

    /** The shop's endpoints, newest first. @throws KabarError 403 `forbidden` / `all_outlets_only` (an API key, someone limited to outlets) */
    async list(actor: Actor): Promise<WebhookEndpointDto[]> {
      requireShopWidePerson(actor, "webhooks.read");
      return (await endpointsOf(db, actor.tenantId)).map(toDto);
    },

    /**
     * Changes the URL, the events or the switch; turning it on clears Kabar's failing mark.
     * @throws KabarError 403, 404 `webhook_endpoint_not_found`, 400 `webhook_url_not_allowed`
     */
    async update(actor: Actor, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointDto> {
      await owned(actor, id, "webhooks.update");
      const row = await updateEndpoint(db, actor.tenantId, id, {
        ...(input.url !== undefined ? { url: checkedUrl(input.url) } : {}),
        ...(input.events !== undefined ? { events: [...input.events] } : {}),
        ...(input.enabled !== undefined
          ? { enabled: input.enabled, disabledReason: null, ...(input.enabled ? { failingSince: null } : {}) }
          : {}),
      });
      if (!row) throw errors.endpointNotFound();
      return toDto(row);
    },

    /** Removes an endpoint and its log. @throws KabarError 403, 404 `webhook_endpoint_not_found` */
    async remove(actor: Actor, id: string): Promise<void> {
      requireShopWidePerson(actor, "webhooks.delete");
      if (!(await deleteEndpoint(db, actor.tenantId, id))) throw errors.endpointNotFound();
    },

    /**
     * A new secret (in this answer only); the old one stops signing at once.
     * @throws KabarError 403, 404 `webhook_endpoint_not_found`, 503 `webhook_no_secret_key`
     */
    async rotateSecret(actor: Actor, id: string): Promise<WebhookEndpointWithSecretDto> {
      await owned(actor, id, "webhooks.update");
      const secret = newWebhookSecret();
      const row = await updateEndpoint(db, actor.tenantId, id, { secretSealed: sealSecret(id, secret) });
      if (!row) throw errors.endpointNotFound();
      return { ...toDto(row), secret };
    },

    /**
     * Queues a `webhook.test` event (`data: { test: true, message }`) for this endpoint
     * alone, sent even when it is off.
     * @throws KabarError 403, 404 `webhook_endpoint_not_found`
     */
    async sendTest(actor: Actor, id: string): Promise<WebhookDeliveryDto> {
      await owned(actor, id, "webhooks.update");
      const [deliveryId] = await db.transaction((tx) =>
        queueWebhookEvent(
          tx,
          rawExecutor(tx),
          deps.enqueue,
          {
            tenantId: actor.tenantId,
            type: "webhook.test",
            data: { test: true, message: "Kabar test event" },
            at: now(),
          },
          id,
        ),
      );
      const d = await deliveryOf(db, actor.tenantId, id, deliveryId!);
      return deliveryDto({ ...d!, attemptRows: [] });
    },

    /** The endpoint's newest deliveries with their attempts. @throws KabarError 403, 404 `webhook_endpoint_not_found` */
    async deliveries(actor: Actor, id: string): Promise<WebhookDeliveryDto[]> {
      await owned(actor, id, "webhooks.read");
      return (await deliveriesOf(db, actor.tenantId, id, LOG_LIMIT)).map(deliveryDto);
    },

    /**
     * Sends a delivery again now (same id and body, new signature), with a new 24 h series
     * of retries if it fails; sent even when the endpoint is off.
     * @throws KabarError 403, 404 `webhook_endpoint_not_found` / `webhook_delivery_not_found`
     */
    async redeliver(actor: Actor, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
      await owned(actor, id, "webhooks.update");
      const d = await deliveryOf(db, actor.tenantId, id, deliveryId);
      if (!d) throw errors.deliveryNotFound();
      const at = now();
      await db.transaction(async (tx) => {
        await setDelivery(tx, d.id, { status: "pending", nextAttemptAt: at, retriesFrom: at });
        await deps.enqueue(
          webhookDeliverJob,
          { deliveryId: d.id, attempt: d.attempts, manual: true },
          { tx: rawExecutor(tx) },
        );
      });
      const [row] = (await deliveriesOf(db, actor.tenantId, id, LOG_LIMIT)).filter((x) => x.id === d.id);
      return deliveryDto(row ?? { ...d, attemptRows: [] });
    },

    /** One attempt a `webhook-deliver` job asks for (see deliver.ts); `rerun`: a pg-boss retry of the job. */
    deliver(payload: WebhookDeliverPayload, rerun = false): Promise<void> {
      return deliverWebhook({ ...deps, now }, payload, rerun);
    },

    /** Queues an event on the caller's open transaction. @returns the deliveries' ids */
    queue(tx: Db | Tx, raw: SqlExecutor, e: WebhookEventInput): Promise<string[]> {
      return queueWebhookEvent(tx, raw, deps.enqueue, e);
    },
  };
}

export type OutgoingWebhookService = ReturnType<typeof createOutgoingWebhookService>;
