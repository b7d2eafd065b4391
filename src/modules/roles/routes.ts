import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { createRoleBody, roleSchema, updateRoleBody } from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Roles: the built-in ones (read-only) and the shop's custom roles (roles.*). */
export function roleRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["roles"];
  app.get(
    "/roles",
    {
      schema: {
        tags,
        description:
          "Built-in roles (no id, read-only) then the shop's custom roles, each with its permission keys.",
        response: { 200: z.array(roleSchema) },
      },
    },
    (req) => services.roles.list(req.actor),
  );
  app.post(
    "/roles",
    { schema: { tags, body: createRoleBody, response: { 201: roleSchema } } },
    async (req, reply) => reply.status(201).send(await services.roles.create(req.actor, req.body)),
  );
  app.get("/roles/:id", { schema: { tags, params: idParams, response: { 200: roleSchema } } }, (req) =>
    services.roles.get(req.actor, req.params.id),
  );
  app.patch(
    "/roles/:id",
    { schema: { tags, params: idParams, body: updateRoleBody, response: { 200: roleSchema } } },
    (req) => services.roles.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/roles/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await services.roles.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
