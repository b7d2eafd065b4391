import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import {
  createWebhookEndpointBody,
  updateWebhookEndpointBody,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });
const deliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

/**
 * Outgoing webhooks (owner only, signed in as a person): endpoints, their secret (in the
 * answers of create and rotate only), a test event, the delivery log and redelivery.
 */
export function outgoingWebhookRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["webhook-endpoints"];
  const hooks = services.outgoingWebhooks;
  app.post(
    "/webhook-endpoints",
    {
      schema: {
        tags,
        description: "Adds an endpoint; the answer's `secret` (whsec_…) is shown this once.",
        body: createWebhookEndpointBody,
        response: { 201: webhookEndpointWithSecretSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .header("cache-control", "no-store")
        .send(await hooks.create(req.actor, req.body)),
  );
  app.get(
    "/webhook-endpoints",
    { schema: { tags, response: { 200: z.array(webhookEndpointSchema) } } },
    (req) => hooks.list(req.actor),
  );
  app.patch(
    "/webhook-endpoints/:id",
    {
      schema: {
        tags,
        params: idParams,
        body: updateWebhookEndpointBody,
        response: { 200: webhookEndpointSchema },
      },
    },
    (req) => hooks.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/webhook-endpoints/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await hooks.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/webhook-endpoints/:id/rotate-secret",
    {
      schema: {
        tags,
        description: "A new secret (shown this once); the old one stops signing at once.",
        params: idParams,
        response: { 200: webhookEndpointWithSecretSchema },
      },
    },
    async (req, reply) =>
      reply.header("cache-control", "no-store").send(await hooks.rotateSecret(req.actor, req.params.id)),
  );
  app.post(
    "/webhook-endpoints/:id/test",
    {
      schema: {
        tags,
        description: "Queues a `webhook.test` event for this endpoint alone (sent even when it is off).",
        params: idParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (req, reply) => reply.status(202).send(await hooks.sendTest(req.actor, req.params.id)),
  );
  app.get(
    "/webhook-endpoints/:id/deliveries",
    {
      schema: {
        tags,
        description: "The endpoint's 50 newest deliveries, each with its attempts (oldest first).",
        params: idParams,
        response: { 200: z.array(webhookDeliverySchema) },
      },
    },
    (req) => hooks.deliveries(req.actor, req.params.id),
  );
  app.post(
    "/webhook-endpoints/:id/deliveries/:deliveryId/redeliver",
    {
      schema: {
        tags,
        description:
          "Sends the delivery again now (same id and body, new signature), with a new 24 h of retries.",
        params: deliveryParams,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await hooks.redeliver(req.actor, req.params.id, req.params.deliveryId)),
  );
}
