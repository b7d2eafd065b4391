import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { E164, Restrictions } from "../transport.js";
import { TransportError } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";
import { CAP_CYCLE_MS, CapUsedAboveTotal, capState, warmUpQuota } from "./restrictions.js";
import { connectPaired, customer, openSandbox, recordEvents } from "./testing.js";
import type { SandboxTransport } from "./transport.js";

const NOW = new Date("2026-03-02T01:00:00Z").getTime();
const DAY = CAP_CYCLE_MS;
const CHANNEL = { id: "ch-cap", phone: "+6281100000001" as E164, since: NOW };

/** Customers who read but never answer (a reply would make them warm). */
const cold = (n: number): VirtualPhone[] =>
  Array.from({ length: n }, (_, i) =>
    customer({ phone: `+62812555${String(i).padStart(5, "0")}`, name: `Pelanggan ${i}`, replyRate: 0 }),
  );
const PHONES = cold(60);
const phoneAt = (i: number): E164 => PHONES[i]!.phone;

/** A connected channel on a network with the cap on, its restriction events recorded. */
async function open(options: Parameters<typeof openSandbox>[0] = {}) {
  const { network, store } = await openSandbox({ phones: PHONES, newChatCap: true, ...options });
  const transport = await connectPaired(network, store, CHANNEL);
  await vi.advanceTimersByTimeAsync(1_000);
  const changes: Restrictions[] = [];
  transport.on("restrictions", (r) => changes.push(r));
  return { network, store, transport, events: recordEvents(transport), changes };
}

/** Sends one message to phone `i`: "ok", "463" or another error code. */
async function send(transport: SandboxTransport, i: number, id: string): Promise<string> {
  try {
    await transport.send(phoneAt(i), { text: "Promo" }, { messageId: id });
    return "ok";
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    return error.code === "reachout_locked" ? "463" : error.code;
  }
}

describe("the sandbox's new-chat cap", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it("grows with the number's age: 20 on day one, 250 from two weeks", () => {
    expect([0, 1, 5, 9, 13, 14, 60].map(warmUpQuota)).toEqual([20, 24, 50, 103, 214, 250, 250]);
    expect([0, 11, 12, 16, 17, 19, 20].map((used) => capState(used, 20))).toEqual([
      "NONE",
      "NONE",
      "FIRST_WARNING",
      "FIRST_WARNING",
      "SECOND_WARNING",
      "SECOND_WARNING",
      "CAPPED",
    ]);
  });

  it("moves through the warnings to CAPPED as new chats start, announcing each state once", async () => {
    const { transport, changes } = await open();
    for (let i = 0; i < 20; i++) expect(await send(transport, i, `m-${i}`)).toBe("ok");
    // A second message in a chat the cycle already started does not count again.
    expect(await send(transport, 3, "m-3b")).toBe("ok");

    expect(changes.map((r) => [r.cap?.state, r.cap?.used])).toEqual([
      ["FIRST_WARNING", 12],
      ["SECOND_WARNING", 17],
      ["CAPPED", 20],
    ]);
    await expect(transport.restrictions()).resolves.toEqual({
      cap: { state: "CAPPED", total: 20, used: 20, cycleStart: NOW, cycleEnd: NOW + DAY },
      timelock: { active: false },
      at: Date.now(),
    });
  });

  it("starts again from NONE when the cycle ends, with the next day's quota", async () => {
    const { transport, changes } = await open();
    for (let i = 0; i < 13; i++) await send(transport, i, `m-${i}`);
    expect(changes.at(-1)?.cap?.state).toBe("FIRST_WARNING");

    await vi.advanceTimersByTimeAsync(NOW + DAY - Date.now() - 1);
    expect(changes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(changes).toHaveLength(2);
    expect(changes[1]!.cap).toEqual({
      state: "NONE",
      total: 24,
      used: 0,
      cycleStart: NOW + DAY,
      cycleEnd: NOW + 2 * DAY,
    });
  });

  it("locks the number after a cold send past the cap: 463 for most, silent drops for some, warm sends go", async () => {
    const { network, transport, events, changes } = await open();
    const warm = customer({ phone: "+6281299990000" as E164, replyRate: 0 });
    await network.addPhones([warm]);
    await network.sendFromPhone(warm.phone, CHANNEL.phone, "Halo kak, masih ada stok?");
    for (let i = 0; i < 20; i++) await send(transport, i, `m-${i}`);

    const outcomes: string[] = [];
    for (let i = 20; i < 60; i++) outcomes.push(await send(transport, i, `late-${i}`));
    const lockedAt = changes.find((r) => r.timelock?.active)!;
    expect(lockedAt.timelock).toEqual({ active: true, endsAt: lockedAt.at + DAY, type: "BIZ_QUALITY" });
    expect(outcomes.filter((o) => o === "463").length).toBeGreaterThan(20);
    const dropped = outcomes.flatMap((o, k) => (o === "ok" ? [`late-${k + 20}`] : []));
    expect(dropped.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o === "ok" || o === "463")).toBe(true);

    // A customer who wrote first still gets the shop's answer, and it is delivered.
    await transport.send(warm.phone, { text: "Masih, kak" }, { messageId: "answer" });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    const statuses = (id: string) => events.receipts.filter((r) => r.messageId === id).map((r) => r.status);
    expect(statuses("answer")).toEqual(["sent", "delivered", "read"]);
    // A dropped message got its 'sent' tick and nothing more, ever.
    for (const id of dropped) expect(statuses(id)).toEqual(["sent"]);

    // The lock ends by itself a day later; the cap still stands until the cycle ends.
    await vi.advanceTimersByTimeAsync(lockedAt.timelock!.endsAt! - Date.now() - 1);
    expect(changes.at(-1)?.timelock?.active).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(changes.at(-1)?.timelock).toEqual({ active: false });
  });

  it("plays the same drops and refusals under the same seed, and others under another", async () => {
    const run = async (seed: string) => {
      const { network, transport } = await open({ seed });
      await transport.injectFault({ type: "timelock", minutes: 60 });
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i++) outcomes.push(await send(transport, i, `m-${i}`));
      network.close();
      return outcomes.join(",");
    };
    const first = await run("toko-a");
    expect(await run("toko-a")).toBe(first);
    expect(await run("toko-b")).not.toBe(first);
  });

  it("leaves every send alone when the cap is off, until a fault engages it", async () => {
    const { transport, changes } = await open({ newChatCap: false });
    for (let i = 0; i < 40; i++) expect(await send(transport, i, `m-${i}`)).toBe("ok");
    expect((await transport.restrictions()).cap).toEqual({ state: "NONE" });
    expect(changes).toEqual([]);

    await transport.injectFault({ type: "cap", state: "CAPPED", total: 30 });
    expect(changes.at(-1)?.cap).toMatchObject({ state: "CAPPED", total: 30, used: 30 });
    for (let i = 45; i < 50; i++) expect(await send(transport, i, `m-${i}`)).toMatch(/^(ok|463)$/);
    expect((await transport.restrictions()).timelock?.active).toBe(true);
  });

  it("applies the cap, timelock and unlock faults, announcing each, and refuses bad values", async () => {
    const { transport, changes } = await open();
    await transport.injectFault({ type: "cap", total: 40, used: 25 });
    expect(changes.at(-1)?.cap).toMatchObject({ state: "FIRST_WARNING", total: 40, used: 25 });
    await transport.injectFault({ type: "cap", state: "SECOND_WARNING" });
    expect(changes.at(-1)?.cap).toMatchObject({ state: "SECOND_WARNING", total: 40, used: 34 });

    await transport.injectFault({ type: "timelock", minutes: 90 });
    expect(changes.at(-1)?.timelock).toEqual({
      active: true,
      endsAt: Date.now() + 90 * 60_000,
      type: "BIZ_QUALITY",
    });
    expect(await send(transport, 0, "cold-locked-1")).toMatch(/^(ok|463)$/);
    await transport.injectFault({ type: "unlock" });
    expect(changes.at(-1)?.timelock).toEqual({ active: false });
    expect(await send(transport, 1, "cold-unlocked")).toBe("ok");

    await expect(transport.injectFault({ type: "cap", used: 41 })).rejects.toBeInstanceOf(CapUsedAboveTotal);
    await expect(transport.injectFault({ type: "cap", total: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(transport.injectFault({ type: "timelock", minutes: 0 })).rejects.toBeInstanceOf(RangeError);
  });

  it("takes restriction faults forwarded from another process", async () => {
    const { transport, changes } = await open();
    await transport.control({ type: "fault", fault: { type: "timelock", minutes: 5 } });
    expect(changes.at(-1)?.timelock?.active).toBe(true);
    await transport.control({ type: "fault", fault: { type: "cap", state: "CAPPED" } });
    expect(changes.at(-1)?.cap).toMatchObject({ state: "CAPPED", total: 20, used: 20 });
    await transport.control({ type: "fault", fault: { type: "unlock" } });
    expect(changes.at(-1)?.timelock).toEqual({ active: false });
  });

  it("recounts the cycle's new chats from the store after a restart", async () => {
    const { network, store, transport } = await open();
    for (let i = 0; i < 14; i++) await send(transport, i, `m-${i}`);
    network.close();

    const again = await openSandbox({ store, newChatCap: true });
    const revived = await connectPaired(again.network, store, CHANNEL);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await revived.restrictions()).cap).toMatchObject({ state: "FIRST_WARNING", used: 14, total: 20 });
  });

  it("answers only while connected", async () => {
    const { transport } = await open();
    await transport.disconnect();
    await expect(transport.restrictions()).rejects.toMatchObject({ code: "disconnected" });
  });
});
