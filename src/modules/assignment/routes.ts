import { z } from "zod";
import type { App, HttpOptions } from "../../http/types.js";
import {
  agentSchema,
  assignBody,
  assignmentSchema,
  channelTeamBody,
  channelTeamSchema,
  presenceBody,
  presenceSchema,
  updateAgentBody,
} from "./schemas.js";

const idParams = z.object({ id: z.uuid() });

/** Agents (presence, caps), channel teams and manual assignment of conversations. */
export function assignmentRoutes(app: App, { services }: HttpOptions): void {
  const tags = ["assignment"];
  const s = services.assignment;
  app.get("/agents", { schema: { tags, response: { 200: z.array(agentSchema) } } }, (req) =>
    s.listAgents(req.actor),
  );
  app.put(
    "/agents/me/presence",
    { schema: { tags, body: presenceBody, response: { 200: presenceSchema } } },
    (req) => s.setMyPresence(req.actor, req.body.online),
  );
  app.patch(
    "/agents/:id",
    { schema: { tags, params: idParams, body: updateAgentBody, response: { 200: agentSchema } } },
    (req) => s.updateAgent(req.actor, req.params.id, req.body),
  );
  app.post(
    "/conversations/:id/assign",
    { schema: { tags, params: idParams, body: assignBody, response: { 200: assignmentSchema } } },
    (req) => s.assign(req.actor, req.params.id, req.body.userId),
  );
  app.get(
    "/channels/:id/agents",
    { schema: { tags, params: idParams, response: { 200: channelTeamSchema } } },
    (req) => s.getChannelTeam(req.actor, req.params.id),
  );
  app.put(
    "/channels/:id/agents",
    { schema: { tags, params: idParams, body: channelTeamBody, response: { 200: channelTeamSchema } } },
    (req) => s.setChannelTeam(req.actor, req.params.id, req.body.userIds),
  );
}
