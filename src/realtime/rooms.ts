/**
 * The Socket.IO rooms of a shop (issue 13, outlets): which rooms an event goes to, and which
 * a socket joins. An event reaches a socket when they share a room, so the two functions
 * below are one rule read from both ends:
 * - `tenant:<shop>`: every socket of the shop (events every signed-in person may read);
 * - `tenant:<shop>:can:<permission>`: sockets holding the event's permission, of every outlet;
 * - `…:outlet:<outlet>`: the same, of a user limited to outlets, one room per outlet;
 * - `…:assignee:<user>[:outlet:<outlet>]`: a conversation's events for a user who reads only
 *   the conversations assigned to them (`inbox.view_assigned` without `inbox.view_all`);
 * - `…:shop`: events of the permission's holders whatever their outlets.
 * An event whose outlet is unknown (its number is gone) reaches only those of every outlet.
 */
import type { Permission } from "../lib/permissions.js";
import { EVENT_PERMISSIONS, type ServerEventType, type SocketData } from "./protocol.js";

/** Where an event of the shop happened. */
export interface EventWhere {
  /** The outlets of its number(s); empty: unknown (only sockets of every outlet hear it). */
  outletIds: readonly string[];
  /** A conversation's agent(s) (now, and before a transfer); none: unassigned. */
  assigneeIds?: readonly string[];
}

const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;

const label = (p: Permission | readonly Permission[]): string => (typeof p === "string" ? p : p.join("|"));

/** The rooms an event of `tenantId` goes to (see the file header). */
export function eventRooms(event: ServerEventType, tenantId: string, where: EventWhere): string[] {
  const { permission, reach } = EVENT_PERMISSIONS[event];
  if (!permission) return [tenantRoom(tenantId)];
  const base = `${tenantRoom(tenantId)}:can:${label(permission)}`;
  if (reach === "shop") return [`${base}:shop`];
  const rooms = [base, ...where.outletIds.map((o) => `${base}:outlet:${o}`)];
  if (reach === "conversation")
    for (const user of where.assigneeIds ?? []) {
      const mine = `${base}:assignee:${user}`;
      rooms.push(mine, ...where.outletIds.map((o) => `${mine}:outlet:${o}`));
    }
  return rooms;
}

/**
 * The rooms a socket joins, by its user's permissions and outlets (a change of either
 * closes the socket: sessions.ts, and it reconnects with the new ones).
 */
export function socketRooms(
  s: Pick<SocketData, "tenantId" | "userId" | "permissions" | "outletIds">,
): string[] {
  const held = new Set(s.permissions);
  const holds = (p: Permission | readonly Permission[]) =>
    typeof p === "string" ? held.has(p) : p.some((k) => held.has(k));
  const rooms = new Set([tenantRoom(s.tenantId)]);
  for (const { permission, reach } of Object.values(EVENT_PERMISSIONS)) {
    if (!permission || !holds(permission)) continue;
    let base = `${tenantRoom(s.tenantId)}:can:${label(permission)}`;
    if (reach === "shop") {
      rooms.add(`${base}:shop`);
      continue;
    }
    if (reach === "conversation" && !held.has("inbox.view_all")) {
      if (!held.has("inbox.view_assigned")) continue;
      base = `${base}:assignee:${s.userId}`;
    }
    if (!s.outletIds) rooms.add(base);
    else for (const o of s.outletIds) rooms.add(`${base}:outlet:${o}`);
  }
  return [...rooms];
}
