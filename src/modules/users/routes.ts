import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import { createUserBody, updateUserBody, userSchema } from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** GET /users, POST /users, PATCH /users/:id: the shop's staff and their roles (users.*). */
export function userRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["users"];
  app.get("/users", { schema: { tags, response: { 200: z.array(userSchema) } } }, (req) =>
    services.users.list(req.actor),
  );
  app.post(
    "/users",
    { schema: { tags, body: createUserBody, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await services.users.create(req.actor, req.body)),
  );
  app.patch(
    "/users/:id",
    { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userSchema } } },
    (req) => services.users.update(req.actor, req.params.id, req.body),
  );
}
