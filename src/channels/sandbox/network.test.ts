import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Transport } from "../transport.js";
import { TransportError } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";
import { defaultPhone } from "./behaviour.js";
import { realScheduler } from "./clock.js";
import { SandboxNetwork } from "./network.js";
import { MemorySandboxStore } from "./store.js";
import { connectPaired, openSandbox, recordEvents } from "./testing.js";

const CHANNEL = { id: "ch-1", phone: "+6281100000000" };
const NOW = new Date("2025-03-01T03:00:00Z").getTime();
const BUDI: VirtualPhone = {
  phone: "+6281234567890",
  name: "Budi Santoso",
  onWhatsApp: true,
  readRate: 0,
  replyRate: 0,
  latencyMs: 500,
};
const GHOST: VirtualPhone = { ...BUDI, phone: "+6281299999999", name: "Nobody", onWhatsApp: false };

const send = (transport: Transport, id: string) =>
  transport.send(BUDI.phone, { text: "Halo kak" }, { messageId: id });

async function sendError(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

describe("QR and pairing", () => {
  it("shows a new QR every 20 s, five times, then gives up with qr_timeout", async () => {
    const { network } = await openSandbox();
    const transport = network.transport(CHANNEL);
    const events = recordEvents(transport);
    await transport.connect();

    expect(events.states).toEqual([{ status: "qr" }]);
    expect(events.qrs).toEqual([{ qr: "kabar-sandbox:ch-1:1", expiresAt: NOW + 20_000 }]);
    await vi.advanceTimersByTimeAsync(4 * 20_000);
    expect(events.qrs.map((q) => q.qr)).toEqual([1, 2, 3, 4, 5].map((n) => `kabar-sandbox:ch-1:${n}`));
    expect(events.qrs.at(-1)?.expiresAt).toBe(NOW + 5 * 20_000);
    expect(transport.status).toBe("qr");

    await vi.advanceTimersByTimeAsync(20_000);
    expect(events.states.at(-1)).toEqual({ status: "disconnected", reason: "qr_timeout" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("scales QR lifetimes by timeScale", async () => {
    const { network } = await openSandbox({ timeScale: 0.5 });
    const transport = network.transport(CHANNEL);
    const events = recordEvents(transport);
    await transport.connect();
    expect(events.qrs[0]?.expiresAt).toBe(NOW + 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events.qrs).toHaveLength(2);
  });

  it("pairs and connects when the virtual phone scans the QR", async () => {
    const { network, store } = await openSandbox();
    const transport = network.transport(CHANNEL);
    const events = recordEvents(transport);
    await expect(network.scan(CHANNEL.id)).resolves.toBe(false); // no QR on screen yet
    await transport.connect();

    await expect(network.scan(CHANNEL.id)).resolves.toBe(true);
    expect(await store.isPaired(CHANNEL.id)).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.states).toEqual([
      { status: "qr" },
      { status: "connecting", reason: "qr_scanned" },
      { status: "connected" },
    ]);
    await vi.advanceTimersByTimeAsync(200_000);
    expect(events.qrs).toHaveLength(1);
  });

  it("scans by itself in demo mode (autoScan) after 3 s", async () => {
    const { network } = await openSandbox();
    const transport = network.transport({ ...CHANNEL, autoScan: true });
    await transport.connect();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(transport.status).toBe("qr");
    await vi.advanceTimersByTimeAsync(1);
    expect(transport.status).toBe("connecting");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.status).toBe("connected");
  });

  it("connects a paired channel without a QR; disconnect keeps the pairing, logout drops it", async () => {
    const { network, store } = await openSandbox();
    const transport = await connectPaired(network, store, CHANNEL);
    const events = recordEvents(transport);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.states).toEqual([{ status: "connected" }]);

    await transport.disconnect();
    expect(transport.status).toBe("disconnected");
    expect(await store.isPaired(CHANNEL.id)).toBe(true);
    await transport.connect();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(transport.status).toBe("connected");

    await transport.logout();
    expect(events.states.at(-1)).toEqual({ status: "logged_out", reason: "logout" });
    expect(await store.isPaired(CHANNEL.id)).toBe(false);
    await transport.connect();
    expect(transport.status).toBe("qr");
    expect(events.qrs).toHaveLength(1);
  });
});

describe("faults", () => {
  async function connected() {
    const { network, store } = await openSandbox({ phones: [BUDI] });
    const transport = await connectPaired(network, store, CHANNEL);
    await vi.advanceTimersByTimeAsync(1_000);
    return { network, store, transport, events: recordEvents(transport) };
  }

  it("disconnect: sends fail retryably until it reconnects by itself after 2 s", async () => {
    const { network, transport, events } = await connected();
    await network.injectFault(CHANNEL.id, { type: "disconnect" });
    expect(events.states).toEqual([{ status: "connecting", reason: "connection_lost" }]);
    const error = await sendError(send(transport, "m-1"));
    expect([error.code, error.retryable, error.stopChannel]).toEqual(["disconnected", true, false]);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(transport.status).toBe("connected");
    await expect(send(transport, "m-1")).resolves.toMatchObject({ messageId: "m-1" });
  });

  it("logout: the device is unlinked and the channel must stop", async () => {
    const { network, store, transport, events } = await connected();
    await network.injectFault(CHANNEL.id, { type: "logout" });
    expect(events.states).toEqual([{ status: "logged_out", reason: "device_removed" }]);
    expect(await store.isPaired(CHANNEL.id)).toBe(false);
    const error = await sendError(send(transport, "m-1"));
    expect([error.code, error.retryable, error.stopChannel]).toEqual(["logged_out", false, true]);
  });

  it("rate_limit: exactly the next `count` sends are throttled", async () => {
    const { network, transport } = await connected();
    await network.injectFault(CHANNEL.id, { type: "rate_limit", count: 3 });
    for (const id of ["m-1", "m-2", "m-3"]) {
      const error = await sendError(send(transport, id));
      expect([error.code, error.retryable]).toEqual(["rate_limited", true]);
    }
    await expect(send(transport, "m-1")).resolves.toMatchObject({ messageId: "m-1" });

    await network.injectFault(CHANNEL.id, { type: "rate_limit", count: 5 });
    expect((await sendError(send(transport, "m-2"))).code).toBe("rate_limited");
    network.clearFaults(CHANNEL.id);
    await expect(send(transport, "m-2")).resolves.toMatchObject({ messageId: "m-2" });
    await expect(network.injectFault(CHANNEL.id, { type: "rate_limit", count: -1 })).rejects.toThrow(
      RangeError,
    );
  });

  it("ban: blocked until the faults are cleared, then reconnects", async () => {
    const { network, transport, events } = await connected();
    await network.injectFault(CHANNEL.id, { type: "ban" });
    expect(events.states).toEqual([{ status: "blocked", reason: "banned" }]);
    const error = await sendError(send(transport, "m-1"));
    expect([error.code, error.retryable, error.stopChannel]).toEqual(["banned", false, true]);
    await transport.connect();
    expect(transport.status).toBe("blocked");

    network.clearFaults(CHANNEL.id);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.states.slice(1)).toEqual([
      { status: "disconnected", reason: "unbanned" },
      { status: "connecting" },
      { status: "connected" },
    ]);
    await expect(send(transport, "m-1")).resolves.toMatchObject({ messageId: "m-1" });
  });

  it("rejects faults for unknown channels", async () => {
    const { network } = await connected();
    await expect(network.injectFault("nope", { type: "ban" })).rejects.toThrow(/Unknown sandbox channel/);
    await expect(network.scan("nope")).rejects.toThrow(/Unknown sandbox channel/);
    expect(() => network.clearFaults("nope")).toThrow(/Unknown sandbox channel/);
  });
});

describe("customers writing first", () => {
  it("holds a message while the channel is offline and delivers it on connect", async () => {
    const { network, store } = await openSandbox({ phones: [BUDI] });
    await store.setPaired(CHANNEL.id, true);
    const transport = network.transport(CHANNEL);
    const events = recordEvents(transport);

    const messageId = await network.sendFromPhone(BUDI.phone, CHANNEL.phone, "Masih ada stok?");
    expect(messageId).toMatch(/^SBXP[0-9A-F]{24}$/);
    expect(events.messages).toEqual([]);
    await transport.connect();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.messages).toEqual([
      { messageId, from: BUDI.phone, profileName: "Budi Santoso", text: "Masih ada stok?", at: NOW },
    ]);
    expect(await store.listMessagesForPhone(BUDI.phone)).toEqual([
      { direction: "out", messageId, from: BUDI.phone, to: CHANNEL.phone, text: "Masih ada stok?", at: NOW },
    ]);
  });

  it("keeps messages for a number whose channel does not exist yet", async () => {
    const { network, store } = await openSandbox({ phones: [BUDI] });
    await network.sendFromPhone(BUDI.phone, CHANNEL.phone, "Halo");
    const transport = await connectPaired(network, store, CHANNEL);
    const events = recordEvents(transport);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.messages.map((m) => m.text)).toEqual(["Halo"]);
  });

  it("gives deterministic ids and refuses blank texts and senders without WhatsApp", async () => {
    const ids = async () => {
      const { network } = await openSandbox({ phones: [BUDI] });
      const first = await network.sendFromPhone(BUDI.phone, CHANNEL.phone, "a");
      return [first, await network.sendFromPhone(BUDI.phone, CHANNEL.phone, "b")];
    };
    const first = await ids();
    expect(await ids()).toEqual(first);
    expect(new Set(first).size).toBe(2);

    const { network } = await openSandbox({ phones: [BUDI, GHOST] });
    const blank = await sendError(network.sendFromPhone(BUDI.phone, CHANNEL.phone, "  "));
    expect(blank.code).toBe("invalid_message");
    const ghost = await sendError(network.sendFromPhone(GHOST.phone, CHANNEL.phone, "Halo"));
    expect(ghost.code).toBe("not_on_whatsapp");
  });
});

describe("the network", () => {
  it("close() cancels every pending timer and stops all channels", async () => {
    const { network, store } = await openSandbox({ phones: [{ ...BUDI, readRate: 1, replyRate: 1 }] });
    const transport = await connectPaired(network, store, CHANNEL);
    await vi.advanceTimersByTimeAsync(1_000);
    const other = network.transport({ id: "ch-2", phone: "+6281100000002" });
    await other.connect(); // shows a QR, rotation pending
    await send(transport, "m-1"); // delivery, read and reply pending
    const queued = send(transport, "m-2"); // still waiting for its store batch
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    network.close();
    expect(vi.getTimerCount()).toBe(0);
    expect((await sendError(queued)).code).toBe("disconnected");
    expect((await sendError(send(transport, "m-3"))).code).toBe("disconnected");
    await expect(transport.connect()).rejects.toThrow(/closed/);
    await expect(network.sendFromPhone(BUDI.phone, CHANNEL.phone, "Halo")).rejects.toThrow(/closed/);
  });

  it("must be started, and keeps one transport per channel and number", async () => {
    const store = new MemorySandboxStore();
    const network = new SandboxNetwork({ seed: "s", timeScale: 1, store });
    expect(() => network.transport(CHANNEL)).toThrow(/start\(\)/);
    await network.start();
    const transport = network.transport(CHANNEL);
    expect(network.transport(CHANNEL)).toBe(transport);
    expect(() => network.transport({ ...CHANNEL, phone: "+6281100000009" })).toThrow(/already has number/);
    expect(() => network.transport({ id: "ch-2", phone: CHANNEL.phone })).toThrow(/already belongs/);
    expect(() => new SandboxNetwork({ seed: "s", timeScale: -1, store })).toThrow(RangeError);
  });

  it("uses registered phones, added ones and seed defaults", async () => {
    const { network, store } = await openSandbox({ phones: [BUDI] });
    expect(network.phone(BUDI.phone)).toEqual(BUDI);
    const siti = { ...BUDI, phone: "+6281234567891", name: "Siti Rahayu" };
    await network.addPhones([siti]);
    expect(network.phone(siti.phone)).toEqual(siti);
    expect(await store.getPhones()).toEqual([BUDI, siti]);
    const unregistered = "+6281300000000";
    expect(network.phone(unregistered)).toEqual(defaultPhone("test", unregistered));
  });

  it("lets numbers nobody registered answer at their seed rate, or never when strangers do not reply", async () => {
    const stranger = "+6281234567001";
    const talkative = await openSandbox();
    expect(talkative.network.phone(stranger).replyRate).toBeGreaterThan(0);
    const quiet = await openSandbox({ strangersReply: false, phones: [BUDI] });
    expect(quiet.network.phone(stranger)).toEqual({ ...defaultPhone("test", stranger), replyRate: 0 });
    expect(quiet.network.phone(BUDI.phone)).toEqual(BUDI);
    const transport = await connectPaired(quiet.network, quiet.store, CHANNEL);
    await vi.advanceTimersByTimeAsync(1_000);
    const events = recordEvents(transport);
    for (let i = 0; i < 60; i++) await transport.send(stranger, { text: "Halo" }, { messageId: `q-${i}` });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(events.receipts.length).toBeGreaterThan(0);
    expect(events.messages).toEqual([]);
    expect(await quiet.store.getPhones()).toContainEqual({ ...defaultPhone("test", stranger), replyRate: 0 });
  });

  it("registers on start the numbers channels wrote to that have no phone (messages stored before they got one)", async () => {
    const store = new MemorySandboxStore([BUDI]);
    const stranger = "+6281300000001";
    await store.recordDeliveries([
      { channelId: CHANNEL.id, messageId: "m-1", from: CHANNEL.phone, to: BUDI.phone, text: "Halo", at: 1 },
      { channelId: CHANNEL.id, messageId: "m-2", from: CHANNEL.phone, to: stranger, text: "Halo", at: 2 },
    ]);
    await openSandbox({ store });
    expect(await store.getPhones()).toEqual([BUDI, defaultPhone("test", stranger)]);
    expect(await store.unregisteredRecipients()).toEqual([]);
  });

  it("reports a throwing listener instead of crashing", async () => {
    const onError = vi.fn();
    const { network } = await openSandbox({ onError });
    const transport = network.transport(CHANNEL);
    const boom = new Error("listener bug");
    transport.on("state", () => {
      throw boom;
    });
    await transport.connect();
    expect(onError).toHaveBeenCalledWith(boom);
  });
});

describe("realScheduler", () => {
  it("never keeps the process alive", () => {
    vi.useRealTimers();
    const handle = realScheduler.setTimeout(() => undefined, 60_000) as NodeJS.Timeout;
    expect(handle.hasRef()).toBe(false);
    realScheduler.clearTimeout(handle);
  });
});
