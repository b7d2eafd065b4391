import { z } from "zod";
import { BUILT_IN_ROLES } from "../../lib/permissions.js";

/** An agent (any user of the shop: owners answer conversations too) with presence and load. */
export const agentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Their role: a built-in one, or `custom` (a role of the shop's own). */
  role: z.enum([...BUILT_IN_ROLES, "custom"]),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  openConversations: z
    .number()
    .int()
    .describe("Unresolved (open or snoozed) conversations assigned to the agent"),
  maxOpenConversations: z
    .number()
    .int()
    .describe("Round robin gives the agent no more unresolved conversations than this"),
});
export type AgentDto = z.infer<typeof agentSchema>;

/** The answer of PUT /agents/me/presence: the caller as an agent, and what going online gave them. */
export const presenceSchema = agentSchema.extend({
  assigned: z
    .number()
    .int()
    .describe("Waiting conversations this change assigned to the caller (0 when going offline)"),
});
export type PresenceDto = z.infer<typeof presenceSchema>;

/** PUT /agents/me/presence. */
export const presenceBody = z.object({
  online: z.boolean().describe("true: take conversations by round robin; false: hand open ones over"),
});

/** PATCH /agents/:id (owner). */
export const updateAgentBody = z.object({
  maxOpenConversations: z.number().int().min(0).max(1000).describe("0: never assigned by round robin"),
});

/** POST /conversations/:id/assign. */
export const assignBody = z.object({
  userId: z
    .uuid()
    .nullable()
    .describe("The agent to give the conversation to; null puts it back in the waiting queue"),
});

/** The answer of POST /conversations/:id/assign. */
export const assignmentSchema = z.object({
  conversationId: z.uuid(),
  assigneeId: z.uuid().nullable(),
});
export type AssignmentDto = z.infer<typeof assignmentSchema>;

/** PUT /channels/:id/agents (owner): the channel's team. */
export const channelTeamBody = z.object({
  userIds: z
    .array(z.uuid())
    .max(500)
    .describe("The users who answer this channel; empty: every user of the shop"),
});

/** A channel's team. */
export const channelTeamSchema = z.object({
  channelId: z.uuid(),
  userIds: z.array(z.uuid()),
  everyone: z.boolean().describe("true when the team is empty: every user of the shop answers the channel"),
});
export type ChannelTeamDto = z.infer<typeof channelTeamSchema>;

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(agentSchema, { id: "Agent" });
z.globalRegistry.add(presenceSchema, { id: "Presence" });

// Request bodies: named so the web app's request types are generated too (`XInput`, scripts/api-types.ts).
z.globalRegistry.add(presenceBody, { id: "SetPresence" });
z.globalRegistry.add(updateAgentBody, { id: "UpdateAgent" });
z.globalRegistry.add(assignBody, { id: "AssignConversation" });
z.globalRegistry.add(channelTeamBody, { id: "SetChannelTeam" });
