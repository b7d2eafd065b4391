/** The outgoing webhooks contract (zod DTOs, also the OpenAPI document). */
import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS } from "../../db/schema/outgoing-webhooks.js";

const events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .max(WEBHOOK_EVENTS.length)
  .refine((e) => new Set(e).size === e.length, "each event once")
  .describe("The events sent to this endpoint");

const url = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .describe("Where deliveries are POSTed: https (plain http only for hosts the operator allows)");

/** POST /webhook-endpoints (owner only). */
export const createWebhookEndpointBody = z.object({ url, events });
export type CreateWebhookEndpointInput = z.infer<typeof createWebhookEndpointBody>;

/** PATCH /webhook-endpoints/:id (owner only): only the fields sent change. Turning it on again clears Kabar's "failing" mark. */
export const updateWebhookEndpointBody = z.object({
  url: url.optional(),
  events: events.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateWebhookEndpointInput = z.infer<typeof updateWebhookEndpointBody>;

/** An endpoint as the API lists it (never its secret). */
export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  enabled: z.boolean(),
  /** `failing`: Kabar turned it off after 24 h of failed deliveries; null otherwise. */
  disabledReason: z.enum(["failing"]).nullable(),
  /** First failed attempt since the last 2xx; null while deliveries succeed. */
  failingSince: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookEndpointDto = z.infer<typeof webhookEndpointSchema>;

/** The answer of POST /webhook-endpoints and of a rotation: the endpoint and, this once, its secret. */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({
  secret: z.string().describe("The signing secret (whsec_…): shown this once, never again"),
});
export type WebhookEndpointWithSecretDto = z.infer<typeof webhookEndpointWithSecretSchema>;

/** One HTTP attempt of a delivery. */
const webhookAttemptSchema = z.object({
  attemptedAt: z.string(),
  /** The receiver's HTTP status; null when no answer came. */
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** The answer's first 500 characters. */
  responseExcerpt: z.string().nullable(),
  /** Why no usable answer came (unreachable, timeout, …); null for an answer. */
  error: z.string().nullable(),
});

/** One event for one endpoint, with its attempts (oldest first). */
export const webhookDeliverySchema = z.object({
  id: z.uuid().describe("The Kabar-Delivery header: stable across retries and redeliveries"),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  attempts: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;

z.globalRegistry.add(webhookEndpointSchema, { id: "WebhookEndpoint" });
z.globalRegistry.add(webhookEndpointWithSecretSchema, { id: "WebhookEndpointWithSecret" });
z.globalRegistry.add(webhookDeliverySchema, { id: "WebhookDelivery" });
z.globalRegistry.add(createWebhookEndpointBody, { id: "CreateWebhookEndpoint" });
z.globalRegistry.add(updateWebhookEndpointBody, { id: "UpdateWebhookEndpoint" });
