import type { Server } from "socket.io";
import type { Logger } from "pino";
import type { Actor } from "../lib/actor.js";
import type { Bus, BusEvents } from "../lib/bus.js";
import type { CampaignService } from "../modules/campaigns/index.js";
import {
  FORWARDED_EVENTS,
  type ClientToServerEvents,
  type ServerEventType,
  type ServerToClientEvents,
  type SocketData,
} from "./protocol.js";
import { eventRooms, type EventWhere } from "./rooms.js";
import type { EventScope } from "./scope.js";
import { keyedThrottle } from "./throttle.js";

interface ForwardDeps {
  bus: Bus;
  campaigns: Pick<CampaignService, "get">;
  /** Where each event happened (its number's outlet, its conversation's agent): ./scope.ts. */
  scope: EventScope;
  log: Logger;
  /** Least time between two progress events of one campaign (default 250 ms: ≤ 4/s). */
  progressIntervalMs?: number;
}

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Reads a tenant's data for its own sockets: a viewer of that tenant (read-only). */
const readerOf = (tenantId: string): Actor => ({ tenantId, userId: null, role: "viewer" });

type Forwarded = (typeof FORWARDED_EVENTS)[number];

const NOWHERE: EventWhere = { outletIds: [] };

/** The outlets of a number, as {@link EventWhere} wants them. */
const outletsOf = async (scope: EventScope, channelId: string | null): Promise<readonly string[]> => {
  const outletId = channelId ? await scope.channelOutlet(channelId) : null;
  return outletId ? [outletId] : [];
};

/** Where an event the intake named with its agent happened: its number's outlet (cached), that agent. */
const namedAgentWhere = (
  scope: EventScope,
  channelId: string,
  assigneeId: string | null,
): Promise<EventWhere> =>
  outletsOf(scope, channelId).then((outletIds) => ({
    outletIds,
    assigneeIds: assigneeId ? [assigneeId] : [],
  }));

/** Where an order's event happened: the outlet the event names (no read). */
const orderWhere = (p: BusEvents["order.changed"]): EventWhere => ({
  outletIds: p.outletId ? [p.outletId] : [],
});

/** Where a conversation's event happened: its number's outlet and its agent(s). */
async function conversationWhere(
  scope: EventScope,
  by: { id: string } | { channelId: string; contactId: string },
  channelId: string | null,
  alsoAssignees: ReadonlyArray<string | null> = [],
): Promise<EventWhere> {
  const conversation = await scope.conversation(by);
  const assigneeIds = [conversation?.assigneeId ?? null, ...alsoAssignees].filter(
    (a): a is string => a !== null,
  );
  return {
    outletIds: await outletsOf(scope, channelId ?? conversation?.channelId ?? null),
    assigneeIds: [...new Set(assigneeIds)],
  };
}

/**
 * Where an event happened, when that is known without waiting: the hot path (a customer's
 * message named with its agent, a number's events) whose number's outlet is cached, and an
 * order's event (it names its outlet); else undefined (see {@link whereOf}).
 */
function whereNow(scope: EventScope, event: Forwarded, p: BusEvents[Forwarded]): EventWhere | undefined {
  if (event === "notification.new" || event === "agent.presence") return NOWHERE;
  if (event === "order.changed") return orderWhere(p as BusEvents["order.changed"]);
  const { channelId, assigneeId } = p as { channelId?: string; assigneeId?: string | null };
  if (!channelId) return undefined;
  const conversational = event === "message.new" || event === "conversation.opened";
  if (conversational && assigneeId === undefined) return undefined;
  if (!conversational && !event.startsWith("channel.") && !event.startsWith("sandbox.")) return undefined;
  const outlet = scope.channelOutletNow(channelId);
  if (!outlet) return undefined;
  return {
    outletIds: outlet.value ? [outlet.value] : [],
    assigneeIds: conversational && assigneeId ? [assigneeId] : [],
  };
}

/** Where a forwarded bus event happened (its tenant aside). */
function whereOf(scope: EventScope, event: Forwarded, p: BusEvents[Forwarded]): Promise<EventWhere> {
  switch (event) {
    case "notification.new":
    case "agent.presence":
      return Promise.resolve(NOWHERE);
    case "campaign.status":
      return scope
        .campaignChannel((p as BusEvents["campaign.status"]).campaignId)
        .then(async (channelId) => ({ outletIds: await outletsOf(scope, channelId) }));
    case "order.changed":
      return Promise.resolve(orderWhere(p as BusEvents["order.changed"]));
    case "message.new": {
      const m = p as BusEvents["message.new"];
      // The inbox's intake names the agent: no lookup on the hot path but the number's outlet (cached).
      if (m.assigneeId !== undefined) return namedAgentWhere(scope, m.channelId, m.assigneeId);
      return conversationWhere(
        scope,
        m.conversationId ? { id: m.conversationId } : { channelId: m.channelId, contactId: m.contactId },
        m.channelId,
      );
    }
    case "message.status": {
      const m = p as BusEvents["message.status"];
      return conversationWhere(scope, { channelId: m.channelId, contactId: m.contactId }, m.channelId);
    }
    case "conversation.opened": {
      const c = p as BusEvents["conversation.opened"];
      if (c.assigneeId !== undefined) return namedAgentWhere(scope, c.channelId, c.assigneeId);
      return conversationWhere(scope, { id: c.conversationId }, c.channelId);
    }
    case "conversation.updated":
    case "conversation.note":
      return conversationWhere(scope, { id: (p as { conversationId: string }).conversationId }, null);
    case "conversation.assigned": {
      // The previous agent hears it too: the conversation leaves their list.
      const a = p as BusEvents["conversation.assigned"];
      scope.assigned(a.conversationId, a.assigneeId);
      return conversationWhere(scope, { id: a.conversationId }, null, [a.assigneeId, a.previousAssigneeId]);
    }
    default:
      // Every other forwarded event names its number.
      return outletsOf(scope, (p as { channelId: string }).channelId).then((outletIds) => ({ outletIds }));
  }
}

/**
 * Forwards bus events to the rooms of their tenant (never another's) whose sockets hold the
 * event's permission (EVENT_PERMISSIONS in protocol.ts) and may see where it happened: its
 * number's outlet, its conversation's agent for those who read only their own (./rooms.ts).
 * The lookups run at once; the emits keep the bus's order per tenant. `campaign.progress`
 * is throttled per campaign and carries the campaign with fresh counts (the inbox announces
 * a reply as progress of the campaign it answered).
 * @returns a function that stops forwarding
 */
export function forwardBus(
  io: Io,
  { bus, campaigns, scope, log, progressIntervalMs = 250 }: ForwardDeps,
): () => void {
  const emitTo = (rooms: string[], event: ServerEventType, payload: unknown) =>
    (io.to(rooms).emit as (e: string, p: unknown) => boolean)(event, payload);
  // Keyed by "tenant id/campaign id".
  const progress = keyedThrottle(
    progressIntervalMs,
    async (key) => {
      const [tenantId = "", campaignId = ""] = key.split("/");
      const campaign = await campaigns.get(readerOf(tenantId), campaignId);
      const outletIds = await outletsOf(scope, campaign.channelId);
      emitTo(eventRooms("campaign.progress", tenantId, { outletIds }), "campaign.progress", { campaign });
    },
    (err, key) => log.warn({ err, campaign: key }, "could not send campaign progress"),
  );
  const campaignMoved = (tenantId: string, campaignId: string) =>
    progress.trigger(`${tenantId}/${campaignId}`);

  // Per tenant, the last emit waiting for its lookup: the next one goes after it.
  const tails = new Map<string, Promise<void>>();
  const forward = (event: Forwarded, tenantId: string, payload: unknown, full: BusEvents[Forwarded]) => {
    // Known at once and nothing of this shop waiting: emitted now, in order.
    const known = tails.has(tenantId) ? undefined : whereNow(scope, event, full);
    if (known) {
      emitTo(eventRooms(event, tenantId, known), event, payload);
      return;
    }
    const ready = whereOf(scope, event, full).then(
      (w) => () => emitTo(eventRooms(event, tenantId, w), event, payload),
      (err: unknown) => () => log.warn({ err, event }, "could not send a socket event"),
    );
    const tail = (tails.get(tenantId) ?? Promise.resolve()).then(() => ready).then((send) => void send());
    tails.set(tenantId, tail);
    void tail.then(() => tails.get(tenantId) === tail && tails.delete(tenantId));
  };

  const offs = [
    bus.on("campaign.progress", ({ tenantId, campaignId }) => campaignMoved(tenantId, campaignId)),
    ...FORWARDED_EVENTS.map((event) =>
      bus.on(event, (full: BusEvents[Forwarded]) => {
        const { tenantId, ...payload } = full;
        // A status change also changes what the campaign shows: send its fresh state too.
        if (event === "campaign.status")
          campaignMoved(tenantId, (payload as { campaignId: string }).campaignId);
        forward(event, tenantId, payload, full);
      }),
    ),
  ];
  return () => {
    for (const off of offs) off();
    progress.close();
  };
}
