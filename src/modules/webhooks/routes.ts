/**
 * The Cloud API webhook endpoint of each channel, `/webhooks/cloud-api/:channelId`
 * (outside /api/v1: Meta calls it, no session). Graph API, "Webhooks — Getting started"
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started):
 * - GET is the verification request: `hub.mode=subscribe`, `hub.verify_token` (the token
 *   the owner typed in the app dashboard) and `hub.challenge`, which must be echoed back;
 * - POST is an event notification, signed in `X-Hub-Signature-256` over the raw body.
 */
import type { FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { WebhookService } from "./service.js";
import { httpErrors } from "../../http/error-catalogue.js";
import { errorHandler } from "../../http/errors.js";
import { channelErrors } from "../channels/index.js";
import { webhookErrors } from "./errors.js";
import { secretsEqual, SIGNATURE_HEADER, verifySignature } from "./signature.js";

const params = z.object({ channelId: z.uuid() });
const verification = z.object({
  "hub.mode": z.string().optional(),
  "hub.verify_token": z.string().optional(),
  "hub.challenge": z.string().max(512).optional(),
});

/**
 * Largest delivery accepted, bytes: Meta documents webhook payloads of up to 3 MB (batched
 * changes) and retries a refused one for days, so this route takes more than the rest of
 * the API (1 MiB, src/http/app.ts).
 */
const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/**
 * Registers the webhook routes in their own encapsulated plugin, whose `application/json`
 * parser keeps the body as raw bytes (a Buffer) for the signature check: only these
 * routes see raw bytes, every other route keeps Fastify's JSON parser.
 * - GET → 200 `text/plain` with `hub.challenge` when `hub.mode` is "subscribe" and
 *   `hub.verify_token` equals the channel's verify token (constant-time); 403 otherwise.
 * - POST → 404 for a channel without Cloud API secrets; 401 when `X-Hub-Signature-256`
 *   is missing or not the HMAC-SHA256 of the raw body under the app secret; 400 when the
 *   body is not JSON; 415 for another content type; otherwise the parsed body is queued
 *   and Meta gets 200 at once.
 * Refusals are KabarErrors answered by the one mapper (src/http/errors.ts), set on the
 * plugin so the routes answer the same when mounted on a bare Fastify instance.
 * Use: `await app.register(webhookRoutes, service)` (or `await webhookRoutes(app, service)`), with
 * `service` from `createWebhookService` (./service.ts).
 */
export async function webhookRoutes(
  // biome-ignore lint/suspicious/noExplicitAny: registered on the root instance, whatever its type provider
  app: FastifyInstance<any, any, any, any, any>,
  deps: WebhookService,
): Promise<void> {
  await app.register(async (scope) => {
    scope.setValidatorCompiler(validatorCompiler);
    scope.setSerializerCompiler(serializerCompiler);
    scope.setErrorHandler(errorHandler);
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) =>
      done(null, body),
    );
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.get(
      "/webhooks/cloud-api/:channelId",
      { config: { public: true }, schema: { hide: true, params, querystring: verification } },
      async (req, reply) => {
        const { "hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge } = req.query;
        const secrets =
          mode === "subscribe" && token && challenge ? await deps.secrets(req.params.channelId) : null;
        if (!secrets || !secretsEqual(token!, secrets.verifyToken)) throw webhookErrors.verificationFailed();
        return reply.status(200).type("text/plain; charset=utf-8").send(challenge);
      },
    );

    routes.post(
      "/webhooks/cloud-api/:channelId",
      { config: { public: true }, bodyLimit: WEBHOOK_BODY_LIMIT, schema: { hide: true, params } },
      async (req, reply) => {
        const { channelId } = req.params;
        const secrets = await deps.secrets(channelId);
        if (!secrets) throw channelErrors.notFound();
        if (!Buffer.isBuffer(req.body)) throw httpErrors.unsupportedMediaType();
        if (!verifySignature(secrets.appSecret, req.body, req.headers[SIGNATURE_HEADER])) {
          throw webhookErrors.invalidSignature();
        }
        let body: unknown;
        try {
          body = JSON.parse(req.body.toString("utf8"));
        } catch {
          throw httpErrors.invalidJson();
        }
        await deps.enqueue({ channelId, body });
        return reply.status(200).send({ received: true });
      },
    );
  });
}
