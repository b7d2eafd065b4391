import type { App, HttpOptions } from "../../http/types.js";
import { createUserBody, userSchema } from "./schemas.js";

/** POST /users: an owner adds an owner or agent to the shop. */
export function userRoutes(app: App, { services }: HttpOptions): void {
  app.post(
    "/users",
    { schema: { tags: ["users"], body: createUserBody, response: { 201: userSchema } } },
    async (req, reply) => reply.status(201).send(await services.users.create(req.actor, req.body)),
  );
}
