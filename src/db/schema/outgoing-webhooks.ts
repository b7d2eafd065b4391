import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";
import { bytea } from "./whatsapp.js";

/** The events a shop's webhook endpoint may subscribe to (docs/webhooks.md documents each `data`). */
export const WEBHOOK_EVENTS = [
  "order.created",
  "order.status_changed",
  "message.received",
  "message.status",
  "campaign.completed",
  "contact.opted_out",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Where a delivery stands: waiting for an attempt (or a retry), answered 2xx, or given up. */
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * A shop's outgoing webhook endpoint (owner-managed): an https URL (fetched through the
 * outbound guard), the events it takes, and its signing secret (`whsec_…`) sealed with
 * AES-256-GCM under KABAR_SECRET_KEY, the endpoint id as associated data. `failingSince`
 * is the first failed attempt since the last 2xx; 24 h of failures disable the endpoint
 * (`disabledReason` `failing`).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events", { enum: WEBHOOK_EVENTS }).array().notNull(),
    secretSealed: bytea("secret_sealed").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why Kabar turned it off (`failing`); null when the owner did, or while it is on. */
    disabledReason: text("disabled_reason", { enum: ["failing"] }),
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_tenant_idx").on(t.tenantId)],
);

/**
 * One event for one endpoint: written (with its pg-boss job) in the event's transaction.
 * `body` is the exact JSON sent on every attempt (the signature covers it); the id is the
 * `Kabar-Delivery` header, stable across retries and redeliveries.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    /** Attempts made so far (a job carries the count it expects, so a stale job does nothing). */
    attempts: integer("attempts").notNull().default(0),
    /** When the next retry is due; null when none is planned. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** Start of the current series of retries (creation, or the last manual redeliver): retries stop 24 h after it. */
    retriesFrom: timestamp("retries_from", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt)],
);

/** One HTTP attempt of a delivery: what the receiver answered (or why nothing came back). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull(),
    /** The answer's HTTP status; null when no answer came (unreachable, timeout, blocked). */
    statusCode: integer("status_code"),
    latencyMs: integer("latency_ms").notNull(),
    /** The answer's first 500 characters. */
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt)],
);
