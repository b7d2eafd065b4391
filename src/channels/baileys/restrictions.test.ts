import type { BaileysEventMap, NewChatMessageCapInfo, ReachoutTimelockState } from "baileys";
import { describe, expect, it } from "vitest";
import type { Restrictions } from "../transport.js";
import { capOf, timelockOf } from "./restrictions.js";
import { connectedBaileys, fakeBaileys, settle } from "./testing.js";

const CYCLE_START = 1_772_409_600; // epoch seconds, as WhatsApp sends them
const CYCLE_END = CYCLE_START + 86_400;
const capInfo = (fields: Record<string, unknown>) => fields as NewChatMessageCapInfo;
const lock = (fields: Record<string, unknown>) => fields as ReachoutTimelockState;

/** A connected WhatsApp Web channel with its `restrictions` events recorded. */
async function connected() {
  const h = await connectedBaileys();
  const pushed: Restrictions[] = [];
  h.transport.on("restrictions", (r) => pushed.push(r));
  return { ...h, pushed };
}

describe("a WhatsApp Web number's restrictions (Baileys 7.0.0-rc14)", () => {
  it("maps the cap's quota, state and cycle (seconds) and the timelock's end and type", () => {
    expect(
      capOf(
        capInfo({
          capping_status: "SECOND_WARNING",
          total_quota: 50,
          used_quota: 44,
          cycle_start_timestamp: String(CYCLE_START),
          cycle_end_timestamp: String(CYCLE_END),
        }),
      ),
    ).toEqual({
      state: "SECOND_WARNING",
      total: 50,
      used: 44,
      cycleStart: CYCLE_START * 1_000,
      cycleEnd: CYCLE_END * 1_000,
    });
    expect(capOf(capInfo({ capping_status: "SOMETHING_NEW", cycle_end_timestamp: "0" }))).toEqual({
      state: "NONE",
    });
    expect(capOf(undefined)).toEqual({ state: "NONE" });

    const ends = new Date("2026-03-03T08:00:00Z");
    expect(
      timelockOf(lock({ isActive: true, timeEnforcementEnds: ends, enforcementType: "BIZ_QUALITY" })),
    ).toEqual({ active: true, endsAt: ends.getTime(), type: "BIZ_QUALITY" });
    expect(timelockOf(lock({ isActive: false, enforcementType: "DEFAULT" }))).toEqual({ active: false });
  });

  it("reads both from WhatsApp, announcing them once, and again only when they change", async () => {
    const { whatsapp, transport, pushed } = await connected();
    whatsapp.cap = capInfo({ capping_status: "FIRST_WARNING", total_quota: 20, used_quota: 13 });

    const read = await transport.restrictions();
    expect(read).toEqual({
      cap: { state: "FIRST_WARNING", total: 20, used: 13 },
      timelock: { active: false },
      at: expect.any(Number),
    });
    await transport.restrictions();
    await settle();
    expect(pushed.map((r) => [r.cap, r.timelock])).toEqual([[read.cap, read.timelock]]);
  });

  it("announces a pushed cap update and a timelock in connection.update, keeping the other half", async () => {
    const { whatsapp, transport, pushed } = await connected();
    await transport.restrictions();
    const socket = whatsapp.last;

    socket.emit(
      "message-capping.update",
      capInfo({ capping_status: "CAPPED", total_quota: 20, used_quota: 20 }),
    );
    const ends = new Date(Date.now() + 3_600_000);
    socket.emit("connection.update", {
      reachoutTimeLock: lock({ isActive: true, timeEnforcementEnds: ends, enforcementType: "BIZ_QUALITY" }),
    } as BaileysEventMap["connection.update"]);
    await settle();

    expect(pushed.slice(1).map((r) => [r.cap?.state, r.timelock])).toEqual([
      ["CAPPED", { active: false }],
      ["CAPPED", { active: true, endsAt: ends.getTime(), type: "BIZ_QUALITY" }],
    ]);
  });

  it("cannot be read while not connected, and a failed read is a retryable network error", async () => {
    const idle = fakeBaileys();
    await expect(idle.transport.restrictions()).rejects.toMatchObject({
      code: "disconnected",
      retryable: true,
    });

    const { whatsapp, transport } = await connected();
    whatsapp.restrictionsError = new Error("timed out");
    await expect(transport.restrictions()).rejects.toMatchObject({ code: "network_error", retryable: true });
  });
});
