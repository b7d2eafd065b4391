/**
 * The Socket.IO protocol between Kabar and its web app: what the server pushes to a
 * tenant's room. Every payload is the bus event without `tenantId` (the room is the
 * tenant), except `campaign.progress`, which carries the campaign with fresh counts.
 */
import type { Role } from "../lib/actor.js";
import type { BusEvents } from "../lib/bus.js";
import type { Permission } from "../lib/permissions.js";
import type { CampaignDto } from "../modules/campaigns/index.js";
import type { SandboxMessageEvent, SandboxTypingBusEvent } from "./sandbox-events.js";

type WithoutTenant<T> = Omit<T, "tenantId">;

/** Server → client events (Socket.IO's typed events). */
export interface ServerToClientEvents {
  /** At most 4 a second per campaign; the last state always arrives. */
  "campaign.progress": (p: { campaign: CampaignDto }) => void;
  "campaign.status": (p: WithoutTenant<BusEvents["campaign.status"]>) => void;
  "notification.new": (p: WithoutTenant<BusEvents["notification.new"]>) => void;
  "channel.status": (p: WithoutTenant<BusEvents["channel.status"]>) => void;
  "channel.restrictions": (p: WithoutTenant<BusEvents["channel.restrictions"]>) => void;
  "channel.qr": (p: WithoutTenant<BusEvents["channel.qr"]>) => void;
  "channel.pairing-code": (p: WithoutTenant<BusEvents["channel.pairing-code"]>) => void;
  "message.new": (p: WithoutTenant<BusEvents["message.new"]>) => void;
  "message.status": (p: WithoutTenant<BusEvents["message.status"]>) => void;
  "conversation.opened": (p: WithoutTenant<BusEvents["conversation.opened"]>) => void;
  "conversation.updated": (p: WithoutTenant<BusEvents["conversation.updated"]>) => void;
  "conversation.note": (p: WithoutTenant<BusEvents["conversation.note"]>) => void;
  "sandbox.message": (p: WithoutTenant<SandboxMessageEvent>) => void;
  /** The shop's side of `channelId` starts or stops "typing…" to virtual phone `phone`. */
  "sandbox.typing": (p: WithoutTenant<SandboxTypingBusEvent>) => void;
  "conversation.assigned": (p: WithoutTenant<BusEvents["conversation.assigned"]>) => void;
  "agent.presence": (p: WithoutTenant<BusEvents["agent.presence"]>) => void;
  /** An order was created, edited or moved (after it committed): lists and pages showing it refresh. */
  "order.changed": (p: WithoutTenant<BusEvents["order.changed"]>) => void;
}

/** Every event type the server pushes. */
export type ServerEventType = keyof ServerToClientEvents;

/**
 * Which of the shop's sockets an event reaches besides the permission (issue 13, outlets):
 * - `shop`: every socket holding the permission (the caller's own things, presence);
 * - `outlet`: those whose user works in the outlet of the event's number (or in every outlet);
 * - `conversation`: as `outlet`, and among them those who read every conversation
 *   (`inbox.view_all`) or, holding only `inbox.view_assigned`, the conversation's agent.
 */
type EventReach = "shop" | "outlet" | "conversation";

/** Who may receive an event type, and the HTTP route that returns the same data. */
interface EventPermission {
  /**
   * The permission the route needs (src/http/route-permissions.ts): one key, or a list of
   * which any one opens it; null: every signed-in person.
   */
  permission: Permission | readonly Permission[] | null;
  /** The route whose permission check this mirrors (a change there must change this). */
  route: string;
  reach: EventReach;
}

const everyone = (route: string): EventPermission => ({ permission: null, route, reach: "shop" });
const holders = (
  permission: Permission | readonly Permission[],
  route: string,
  reach: EventReach = "outlet",
): EventPermission => ({ permission, route, reach });

/** Reading conversations: all of them, or only those assigned to oneself (src/modules/inbox). */
const INBOX_READ = ["inbox.view_all", "inbox.view_assigned"] as const satisfies readonly Permission[];

/**
 * The permission of every socket event type, as its HTTP route checks it. A `Record` over
 * every event type: a new event cannot be added to {@link ServerToClientEvents} without an
 * entry here. Events always go to their own tenant only, and to the sockets of those who
 * hold the permission (one room per permission and tenant).
 */
export const EVENT_PERMISSIONS: Record<ServerEventType, EventPermission> = {
  "campaign.progress": holders("campaigns.read", "GET /campaigns/:id"),
  "campaign.status": holders("campaigns.read", "GET /campaigns/:id"),
  "notification.new": everyone("GET /notifications"),
  "channel.status": holders("channels.read", "GET /channels/:id"),
  "channel.restrictions": holders("channels.read", "GET /channels/:id"),
  // The QR and the pairing code link a phone to the shop's number, like the link routes.
  "channel.qr": holders("channels.connect", "GET /channels/:id/link"),
  "channel.pairing-code": holders("channels.connect", "POST /channels/:id/pairing-code"),
  "message.new": holders(INBOX_READ, "GET /conversations/:id/messages", "conversation"),
  "message.status": holders(INBOX_READ, "GET /conversations/:id/messages", "conversation"),
  "conversation.opened": holders(INBOX_READ, "GET /conversations/:id", "conversation"),
  "conversation.updated": holders(INBOX_READ, "GET /conversations/:id", "conversation"),
  "conversation.note": holders("inbox.notes", "GET /conversations/:id/notes", "conversation"),
  "sandbox.message": holders("channels.read", "GET /sandbox/phones/:phone/messages"),
  "sandbox.typing": holders("channels.read", "GET /sandbox/phones/:phone/messages"),
  "conversation.assigned": holders(INBOX_READ, "GET /conversations/:id", "conversation"),
  "agent.presence": everyone("GET /agents"),
  "order.changed": holders("orders.read", "GET /orders/:id"),
};

/** Every event type the server pushes (from {@link EVENT_PERMISSIONS}). */
export const SERVER_EVENT_TYPES = Object.keys(EVENT_PERMISSIONS) as ServerEventType[];

/** The bus events forwarded to the tenant's room as they are (less `tenantId`). */
export const FORWARDED_EVENTS = [
  "notification.new",
  "campaign.status",
  "channel.status",
  "channel.restrictions",
  "channel.qr",
  "channel.pairing-code",
  "message.new",
  "message.status",
  "conversation.opened",
  "conversation.updated",
  "conversation.note",
  "sandbox.message",
  "sandbox.typing",
  "conversation.assigned",
  "agent.presence",
  "order.changed",
] as const satisfies readonly ServerEventType[];

/** Client → server events: none; the client only listens. */
export type ClientToServerEvents = Record<string, never>;

/** What the server keeps on each socket. */
export interface SocketData {
  tenantId: string;
  userId: string;
  role: Role;
  /** The custom role, when `role` is `custom`. */
  roleId: string | null;
  /** What the user may do, in registry order (a change closes the socket: sessions.ts). */
  permissions: Permission[];
  /** The key of the socket's session (SHA-256 of its token, see `sessionKey` in modules/auth). */
  sessionKey: string;
  /** When the session expires, epoch ms (the socket is closed then). */
  sessionExpiresAt: number;
  /** The outlets the user works in (issue 13); null: every outlet (a change closes the socket). */
  outletIds: readonly string[] | null;
}

/** The room of one user's sockets (all their tabs and devices), for events meant for them only. */
export const userRoom = (userId: string): string => `user:${userId}`;

/** The room of one session's sockets (all of them are closed when it is signed out). */
export const sessionRoom = (sessionKey: string): string => `session:${sessionKey}`;

/** Socket.IO's path (the default), proxied by the Vite dev server. */
export const SOCKET_PATH = "/socket.io";
