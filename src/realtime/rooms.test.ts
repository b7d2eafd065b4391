import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLE_SPECS, type Permission } from "../lib/permissions.js";
import { eventRooms, socketRooms } from "./rooms.js";

const T = "t1";
const socket = (permissions: readonly Permission[], outletIds: string[] | null, userId = "u1") =>
  new Set(socketRooms({ tenantId: T, userId, permissions: [...permissions], outletIds }));
/** Whether a socket in `rooms` hears the event sent to `to`. */
const hears = (rooms: Set<string>, to: string[]) => to.some((r) => rooms.has(r));
const AGENT = BUILT_IN_ROLE_SPECS.agent.permissions;

describe("socket rooms by outlet and agent", () => {
  it("an agent of outlet A hears A's message, not B's nor one of an unknown number; one of every outlet hears all", () => {
    const a = socket(AGENT, ["A"]);
    const all = socket(AGENT, null);
    const onA = eventRooms("message.new", T, { outletIds: ["A"] });
    const onB = eventRooms("message.new", T, { outletIds: ["B"] });
    const unknown = eventRooms("message.new", T, { outletIds: [] });
    expect([hears(a, onA), hears(a, onB), hears(a, unknown)]).toEqual([true, false, false]);
    expect([hears(all, onA), hears(all, onB), hears(all, unknown)]).toEqual([true, true, true]);
  });

  it("someone who reads only their own conversations hears those assigned to them, in their outlets", () => {
    const own = socket(["inbox.view_assigned", "inbox.notes"], ["A"], "me");
    expect(hears(own, eventRooms("message.new", T, { outletIds: ["A"], assigneeIds: ["me"] }))).toBe(true);
    expect(hears(own, eventRooms("conversation.note", T, { outletIds: ["A"], assigneeIds: ["me"] }))).toBe(
      true,
    );
    expect(hears(own, eventRooms("message.new", T, { outletIds: ["A"], assigneeIds: ["other"] }))).toBe(
      false,
    );
    expect(hears(own, eventRooms("message.new", T, { outletIds: ["A"] }))).toBe(false);
    expect(hears(own, eventRooms("message.new", T, { outletIds: ["B"], assigneeIds: ["me"] }))).toBe(false);
  });

  it("shop-wide events reach everyone of the shop, whatever their outlets", () => {
    expect(hears(socket([], ["A"]), eventRooms("agent.presence", T, { outletIds: [] }))).toBe(true);
    expect(hears(socket([], ["A"]), eventRooms("notification.new", T, { outletIds: [] }))).toBe(true);
  });
});
