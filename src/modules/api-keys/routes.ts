import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { apiKeySchema, createApiKeyBody, createdApiKeySchema } from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/**
 * API keys (owner only, signed in as a person: a key cannot manage keys): make one (the
 * whole key is in this answer only), list them, revoke one.
 */
export function apiKeyRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["api-keys"];
  app.post(
    "/api-keys",
    {
      schema: {
        tags,
        description:
          "Makes a key; the answer's `key` is shown this once and never again (only its hash is kept).",
        body: createApiKeyBody,
        response: { 201: createdApiKeySchema },
      },
    },
    async (req, reply) =>
      // The answer holds the whole key: no cache (browser, proxy) may keep it.
      reply
        .status(201)
        .header("cache-control", "no-store")
        .send(await services.apiKeys.create(req.actor, req.body)),
  );
  app.get("/api-keys", { schema: { tags, response: { 200: z.array(apiKeySchema) } } }, (req) =>
    services.apiKeys.list(req.actor),
  );
  app.delete(
    "/api-keys/:id",
    {
      schema: {
        tags,
        description: "Revokes the key: every request with it is refused (401) from now on.",
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await services.apiKeys.revoke(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
