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

/** Who may receive an event type, and the HTTP route that returns the same data. */
interface EventPermission {
  /** The permission the route needs (src/http/route-permissions.ts); null: every signed-in person. */
  permission: Permission | null;
  /** The route whose permission check this mirrors (a change there must change this). */
  route: string;
}

const everyone = (route: string): EventPermission => ({ permission: null, route });
const holders = (permission: Permission, route: string): EventPermission => ({ permission, route });

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
  "message.new": holders("inbox.view_all", "GET /conversations/:id/messages"),
  "message.status": holders("inbox.view_all", "GET /conversations/:id/messages"),
  "conversation.opened": holders("inbox.view_all", "GET /conversations/:id"),
  "conversation.updated": holders("inbox.view_all", "GET /conversations/:id"),
  "conversation.note": holders("inbox.notes", "GET /conversations/:id/notes"),
  "sandbox.message": holders("channels.read", "GET /sandbox/phones/:phone/messages"),
  "sandbox.typing": holders("channels.read", "GET /sandbox/phones/:phone/messages"),
  "conversation.assigned": holders("inbox.view_all", "GET /conversations/:id"),
  "agent.presence": everyone("GET /agents"),
  "order.changed": holders("orders.read", "GET /orders/:id"),
};

/** The permissions some event needs: a socket joins one room for each of these it holds. */
const EVENT_ROOM_PERMISSIONS = [
  ...new Set(Object.values(EVENT_PERMISSIONS).flatMap((p) => (p.permission ? [p.permission] : []))),
];

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
}

/** The room of all a tenant's sockets. */
const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;

/** The room of the tenant's sockets whose user holds `permission` (see {@link EVENT_PERMISSIONS}). */
const permissionRoom = (tenantId: string, permission: Permission): string =>
  `tenant:${tenantId}:can:${permission}`;

/** The room an event of `tenantId` goes to: the tenant's, or that of the holders of its permission. */
export function eventRoom(event: ServerEventType, tenantId: string): string {
  const { permission } = EVENT_PERMISSIONS[event];
  return permission ? permissionRoom(tenantId, permission) : tenantRoom(tenantId);
}

/** The rooms a socket joins in its tenant, by the permissions its user holds (a change closes the socket: sessions.ts). */
export function tenantRoomsOf(tenantId: string, permissions: readonly Permission[]): string[] {
  const held = new Set(permissions);
  return [
    tenantRoom(tenantId),
    ...EVENT_ROOM_PERMISSIONS.filter((p) => held.has(p)).map((p) => permissionRoom(tenantId, p)),
  ];
}

/** The room of one user's sockets (all their tabs and devices), for events meant for them only. */
export const userRoom = (userId: string): string => `user:${userId}`;

/** The room of one session's sockets (all of them are closed when it is signed out). */
export const sessionRoom = (sessionKey: string): string => `session:${sessionKey}`;

/** Socket.IO's path (the default), proxied by the Vite dev server. */
export const SOCKET_PATH = "/socket.io";
