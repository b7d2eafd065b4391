import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import {
  createRuleBody,
  logEntrySchema,
  logQuery,
  ruleSchema,
  testBody,
  testResultSchema,
  updateRuleBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Auto-reply rules, their log, and the "test a message" dry run. Writes are owner-only (checked in the service). */
export function automationRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["automation"];
  app.get("/automation/rules", { schema: { tags, response: { 200: z.array(ruleSchema) } } }, (req) =>
    services.automation.list(req.actor),
  );
  app.post(
    "/automation/rules",
    { schema: { tags, body: createRuleBody, response: { 201: ruleSchema } } },
    async (req, reply) => reply.status(201).send(await services.automation.create(req.actor, req.body)),
  );
  app.post(
    "/automation/test",
    { schema: { tags, body: testBody, response: { 200: testResultSchema } } },
    (req) => services.automation.test(req.actor, req.body),
  );
  app.get(
    "/automation/rules/:id",
    { schema: { tags, params: idParams, response: { 200: ruleSchema } } },
    (req) => services.automation.get(req.actor, req.params.id),
  );
  app.patch(
    "/automation/rules/:id",
    { schema: { tags, params: idParams, body: updateRuleBody, response: { 200: ruleSchema } } },
    (req) => services.automation.update(req.actor, req.params.id, req.body),
  );
  app.delete(
    "/automation/rules/:id",
    { schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await services.automation.remove(req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/automation/rules/:id/log",
    { schema: { tags, params: idParams, querystring: logQuery, response: { 200: z.array(logEntrySchema) } } },
    (req) => services.automation.log(req.actor, req.params.id, req.query.limit),
  );
}
