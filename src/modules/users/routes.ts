import { z } from "zod";
import { sessionToken } from "../../http/auth.js";
import type { App, HttpOptions } from "../../http/types.js";
import { sessionKey } from "../auth/index.js";
import {
  changePasswordBody,
  createUserBody,
  updateUserBody,
  userSchema,
  userWithPasswordSchema,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/**
 * GET /users, POST /users, PATCH /users/:id: the shop's staff, their roles, deactivation
 * and temporary passwords (users.*); POST /auth/password: anyone changes their own password.
 */
export function userRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["users"];
  app.get("/users", { schema: { tags, response: { 200: z.array(userSchema) } } }, (req) =>
    services.users.list(req.actor),
  );
  app.post(
    "/users",
    { schema: { tags, body: createUserBody, response: { 201: userWithPasswordSchema } } },
    async (req, reply) => reply.status(201).send(await services.users.create(req.actor, req.body)),
  );
  app.patch(
    "/users/:id",
    { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userWithPasswordSchema } } },
    (req) => services.users.update(req.actor, req.params.id, req.body),
  );
  app.post(
    "/auth/password",
    {
      schema: {
        tags: ["auth"],
        description:
          "Changes the caller's own password (also a temporary one); their other sessions end, this one stays.",
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await services.users.changeOwnPassword(req.actor, sessionKey(sessionToken(req) ?? ""), req.body);
      return reply.status(204).send(null);
    },
  );
}
