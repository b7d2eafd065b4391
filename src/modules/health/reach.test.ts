import { describe, expect, it } from "vitest";
import type { NewChatCap } from "../../channels/transport.js";
import { type ReachInput, reachToday } from "./reach.js";

const NOW = Date.UTC(2026, 11, 6, 6, 0, 0);
const HOUR = 3600_000;

function input(over: Partial<ReachInput> = {}): ReachInput {
  return {
    kind: "whatsapp_web",
    status: "connected",
    restrictions: null,
    dailyCap: 0,
    sentLastDay: 0,
    now: NOW,
    ...over,
  };
}
const withCap = (cap: NewChatCap, over: Partial<ReachInput> = {}) =>
  reachToday(input({ restrictions: { cap, timelock: null, at: NOW }, ...over }));

describe("how many new customers a number can reach today", () => {
  it("is what is left of pacing's daily cap when WhatsApp said nothing", () => {
    expect(reachToday(input({ dailyCap: 36, sentLastDay: 10 }))).toEqual({
      newChats: 26,
      limitedBy: "daily_cap",
    });
    expect(reachToday(input({ dailyCap: 20, sentLastDay: 25 }))).toEqual({
      newChats: 0,
      limitedBy: "daily_cap",
    });
  });

  it("is the smaller of the cap left (total − used) and the daily cap left", () => {
    const cap: NewChatCap = { state: "NONE", total: 50, used: 38, cycleEnd: NOW + 5 * HOUR };
    expect(withCap(cap, { dailyCap: 100 })).toEqual({
      newChats: 12,
      limitedBy: "new_chat_cap",
      until: NOW + 5 * HOUR,
    });
    expect(withCap(cap, { dailyCap: 20, sentLastDay: 15 })).toEqual({ newChats: 5, limitedBy: "daily_cap" });
    expect(withCap(cap)).toMatchObject({ newChats: 12, limitedBy: "new_chat_cap" });
    expect(withCap({ state: "FIRST_WARNING", total: 50, used: 40 }, { dailyCap: 800 })).toMatchObject({
      newChats: 10,
    });
  });

  it("ignores a cap whose total or used WhatsApp did not tell", () => {
    expect(withCap({ state: "NONE", total: 50 }, { dailyCap: 20 })).toEqual({
      newChats: 20,
      limitedBy: "daily_cap",
    });
  });

  it("is 0 while locked, capped or at the second warning, with when it ends", () => {
    const lock = { active: true, endsAt: NOW + 2 * HOUR };
    expect(
      reachToday(input({ dailyCap: 800, restrictions: { cap: null, timelock: lock, at: NOW } })),
    ).toEqual({
      newChats: 0,
      limitedBy: "timelock",
      until: NOW + 2 * HOUR,
    });
    expect(withCap({ state: "CAPPED", cycleEnd: NOW + HOUR }, { dailyCap: 800 })).toEqual({
      newChats: 0,
      limitedBy: "capped",
      until: NOW + HOUR,
    });
    expect(withCap({ state: "SECOND_WARNING", total: 50, used: 45 })).toMatchObject({
      newChats: 0,
      limitedBy: "second_warning",
    });
  });

  it("forgets a lock or a cap cycle that has ended", () => {
    const ended = { active: true, endsAt: NOW - 1 };
    expect(
      reachToday(input({ dailyCap: 20, restrictions: { cap: null, timelock: ended, at: NOW } })),
    ).toEqual({
      newChats: 20,
      limitedBy: "daily_cap",
    });
    expect(withCap({ state: "CAPPED", cycleEnd: NOW }, { dailyCap: 20 })).toMatchObject({ newChats: 20 });
  });

  it("is 0 for a banned or logged-out number", () => {
    expect(reachToday(input({ status: "blocked", dailyCap: 20 }))).toEqual({
      newChats: 0,
      limitedBy: "blocked",
    });
    expect(reachToday(input({ status: "logged_out" }))).toEqual({ newChats: 0, limitedBy: "logged_out" });
  });

  it("has no WhatsApp Web limit on a Cloud API number, and none when nothing is known or set", () => {
    expect(reachToday(input({ kind: "cloud_api", dailyCap: 250 }))).toEqual({
      newChats: null,
      limitedBy: "cloud_api",
    });
    expect(reachToday(input({ kind: "sandbox" }))).toEqual({ newChats: null, limitedBy: "none" });
  });
});
