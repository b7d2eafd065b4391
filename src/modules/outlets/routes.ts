import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { createOutletBody, outletSchema, updateOutletBody } from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Outlets (issue 13): the shop's branches (outlets.read, outlets.manage). */
export function outletRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["outlets"];
  app.get(
    "/outlets",
    {
      schema: {
        tags,
        description: "The shop's outlets the caller works in, oldest first.",
        response: { 200: z.array(outletSchema) },
      },
    },
    (req) => services.outlets.list(req.actor),
  );
  app.post(
    "/outlets",
    { schema: { tags, body: createOutletBody, response: { 201: outletSchema } } },
    async (req, reply) => reply.status(201).send(await services.outlets.create(req.actor, req.body)),
  );
  app.get("/outlets/:id", { schema: { tags, params: idParams, response: { 200: outletSchema } } }, (req) =>
    services.outlets.get(req.actor, req.params.id),
  );
  app.patch(
    "/outlets/:id",
    { schema: { tags, params: idParams, body: updateOutletBody, response: { 200: outletSchema } } },
    (req) => services.outlets.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/outlets/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await services.outlets.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
