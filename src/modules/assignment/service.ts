/**
 * Conversation assignment: agent presence, caps, channel teams, round robin, manual
 * assignment and transfer. The rules are in docs/ARCHITECTURE.md "Assignment".
 */
import type { Db } from "../../db/client.js";
import { can, requirePermission, type Actor } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { commonErrors } from "../../lib/common-errors.js";
import { channelErrors } from "../channels/index.js";
import { inboxErrors } from "../inbox/index.js";
import { channelIdsInScope } from "../outlets/index.js";
import { assignmentErrors } from "./errors.js";
import * as engine from "./engine.js";
import { PresenceTracker, type Presence } from "./presence.js";
import * as q from "./queries.js";
import type { AgentDto, AssignmentDto, ChannelTeamDto, PresenceDto } from "./schemas.js";

interface AssignmentDeps {
  db: Db;
  bus: Bus;
  /** How long an agent stays online after their last socket closes, ms (KABAR_PRESENCE_GRACE_MS). */
  presenceGraceMs: number;
}

/** The caller's own user id. @throws KabarError 403 for a caller that is no user (an API key). */
function selfOf(actor: Actor): string {
  if (!actor.userId) throw commonErrors.forbidden();
  return actor.userId;
}

const toDto = (a: q.AgentRow): AgentDto => ({ ...a, lastSeenAt: a.lastSeenAt?.toISOString() ?? null });

/** The assignment service; `start` subscribes it to the bus (one per process). */
export function createAssignmentService({ db, bus, presenceGraceMs }: AssignmentDeps) {
  const emit = (events: engine.AssignedEvent[]) => {
    for (const e of events) bus.emit("conversation.assigned", e);
  };
  let onError: (err: unknown) => void = () => {};

  /** Sets presence and announces it; shared by the route and the grace timer. */
  async function applyPresence(
    tenantId: string,
    userId: string,
    online: boolean,
    onlyIfSeenBy?: q.SeenStamp,
  ): Promise<number> {
    const { changed, events } = await engine.setPresence(db, tenantId, userId, online, onlyIfSeenBy);
    if (changed) bus.emit("agent.presence", { tenantId, userId, online });
    emit(events);
    return events.filter((e) => e.assigneeId === userId).length;
  }

  const tracker = new PresenceTracker({
    db,
    graceMs: presenceGraceMs,
    expire: async (userId, tenantId, seenAt) => {
      await applyPresence(tenantId, userId, false, seenAt);
    },
    onError: (err) => onError(err),
  });

  async function agent(tenantId: string, userId: string): Promise<AgentDto> {
    const [row] = await q.listAgents(db, tenantId, userId);
    if (!row) throw assignmentErrors.agentNotFound();
    return toDto(row);
  }

  async function team(tenantId: string, channelId: string): Promise<ChannelTeamDto> {
    const userIds = await q.channelTeam(db, tenantId, channelId);
    return { channelId, userIds, everyone: userIds.length === 0 };
  }

  const opened = async (tenantId: string, conversationId: string) =>
    emit(await engine.routeOpened(db, tenantId, conversationId));
  const freed = async (tenantId: string) => emit(await engine.drain(db, tenantId));

  return {
    /** Socket counting for the realtime layer (src/realtime calls it on connect and disconnect). */
    presence: tracker as Presence,

    /**
     * The shop's users with presence, unresolved conversations and cap, by name; for an actor
     * limited to outlets, those who work in them, counting their outlets' conversations only.
     */
    async listAgents(actor: Actor): Promise<AgentDto[]> {
      return (await q.listAgents(db, actor.tenantId, undefined, actor)).map(toDto);
    },

    /**
     * A user was deactivated (the users module calls it): they go offline and their open
     * conversations go back to the queue or to online agents, as when an agent goes offline.
     */
    async releaseAgent(tenantId: string, userId: string): Promise<void> {
      const { changed, events } = await engine.releaseAgent(db, tenantId, userId);
      if (changed) bus.emit("agent.presence", { tenantId, userId, online: false });
      emit(events);
    },

    /**
     * Sets the caller online (they take waiting conversations at once) or offline (their
     * open conversations go to online agents or back to the queue).
     * @returns the caller as an agent, and `assigned`: how many conversations this change gave them
     * @throws KabarError 403 for a caller that is no user
     */
    async setMyPresence(actor: Actor, online: boolean): Promise<PresenceDto> {
      const userId = selfOf(actor);
      const assigned = await applyPresence(actor.tenantId, userId, online);
      return { ...(await agent(actor.tenantId, userId)), assigned };
    },

    /**
     * The caller replied in a conversation (the inbox's send calls it): an unassigned
     * conversation becomes theirs and every agent hears it (`conversation.assigned`); one
     * someone handles stays with them. A caller that is no user (an API key) changes nothing.
     */
    async repliedBy(actor: Actor, conversationId: string): Promise<void> {
      if (!actor.userId) return;
      emit(await engine.takeOnReply(db, actor.tenantId, conversationId, actor.userId));
    },

    /**
     * Sets an agent's cap of unresolved conversations (owner); a raised cap takes waiting ones.
     * @throws KabarError 403 (not owner), 404 agent_not_found
     */
    async updateAgent(
      actor: Actor,
      userId: string,
      patch: { maxOpenConversations: number },
    ): Promise<AgentDto> {
      requirePermission(actor, "users.update");
      if (!(await q.findUser(db, actor, userId))) throw assignmentErrors.agentNotFound();
      emit(await engine.setCap(db, actor.tenantId, userId, patch.maxOpenConversations));
      return agent(actor.tenantId, userId);
    },

    /**
     * Assigns a conversation by hand (`userId` null: back to the queue). With `inbox.reply`
     * one may take an unassigned conversation for oneself, and transfer or give back one's
     * own; giving an unassigned one to someone else needs `inbox.assign`, moving one someone
     * else holds needs `inbox.transfer`. Caps and presence do not limit a manual assignment.
     * An actor limited to outlets assigns only conversations on their outlets' numbers, to
     * people who work there.
     * @throws KabarError 404 conversation_not_found, 400 unknown_agent (fields.userId), 403
     */
    async assign(actor: Actor, conversationId: string, userId: string | null): Promise<AssignmentDto> {
      requirePermission(actor, "inbox.reply");
      if (actor.outletIds && !(await q.conversationInScope(db, actor, conversationId)))
        throw inboxErrors.conversationNotFound();
      const canTransfer = can(actor, "inbox.transfer");
      const self = canTransfer ? actor.userId : selfOf(actor);
      const { assigneeId, events } = await engine.assignManually(
        db,
        actor.tenantId,
        conversationId,
        userId,
        self,
        async (current, channelId) => {
          // Another outlet's conversation answers like an unknown one; its assignee must work at its outlet.
          const mine = await channelIdsInScope(db, actor);
          if (mine && !mine.has(channelId)) throw inboxErrors.conversationNotFound();
          if (userId !== null && !(await q.worksAt(db, actor.tenantId, userId, channelId)))
            throw assignmentErrors.unknownAgent({ field: "userId" });
          const mayAct =
            current === self ||
            (current === null ? userId === self || can(actor, "inbox.assign") : canTransfer);
          if (!mayAct) throw commonErrors.forbidden();
        },
      );
      if (assigneeId === undefined) throw inboxErrors.conversationNotFound();
      emit(events);
      return { conversationId, assigneeId };
    },

    /**
     * A channel's team (empty: every user answers it).
     * @throws KabarError 404 channel_not_found (also a number out of the actor's outlets)
     */
    async getChannelTeam(actor: Actor, channelId: string): Promise<ChannelTeamDto> {
      if (!(await q.channelExists(db, actor.tenantId, channelId, actor))) throw channelErrors.notFound();
      return team(actor.tenantId, channelId);
    },

    /**
     * Replaces a channel's team (owner); waiting conversations may go to new members at once.
     * An actor limited to outlets names only numbers of their outlets and people who work there.
     * @throws KabarError 403, 404 channel_not_found, 400 unknown_agent (fields.userIds)
     */
    async setChannelTeam(actor: Actor, channelId: string, userIds: string[]): Promise<ChannelTeamDto> {
      requirePermission(actor, "channels.manage");
      if (!(await q.channelExists(db, actor.tenantId, channelId, actor))) throw channelErrors.notFound();
      const unique = [...new Set(userIds)];
      const known = await q.usersOfTenant(db, actor, unique);
      const bad = unique.findIndex((id) => !known.has(id));
      if (bad >= 0)
        throw assignmentErrors.unknownAgent({ field: `userIds.${userIds.indexOf(unique[bad]!)}` });
      emit(await engine.setTeam(db, actor.tenantId, channelId, unique));
      return team(actor.tenantId, channelId);
    },

    /** A conversation needs an agent (the `conversation.opened` listener; callable directly). */
    conversationOpened: opened,

    /**
     * An agent may have room (a conversation resolved): the oldest waiting conversations go
     * to agents with room (the `conversation.resolved` listener; callable directly).
     */
    agentFreed: freed,

    /**
     * Listens to `conversation.opened` and `conversation.resolved` on the bus.
     * @returns stop: unsubscribes and stops presence timers
     */
    start(report: (err: unknown) => void): () => void {
      onError = report;
      const offs = [
        bus.on("conversation.opened", (e) => void opened(e.tenantId, e.conversationId).catch(report)),
        bus.on("conversation.resolved", (e) => void freed(e.tenantId).catch(report)),
      ];
      return () => {
        for (const off of offs) off();
        tracker.close();
      };
    },
  };
}
