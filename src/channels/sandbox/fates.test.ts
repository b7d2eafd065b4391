import { customer } from "./testing.js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReceiptEvent } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";
import { messageFate, replyMessageId } from "./behaviour.js";
import { fateTimeline, REPLAY_WINDOW_MS } from "./fates.js";
import { MemorySandboxStore } from "./store.js";
import { connectPaired, openSandbox, recordEvents } from "./testing.js";

const CHANNEL = { id: "ch-1", phone: "+6281100000000" };
const NOW = new Date("2025-03-01T03:00:00Z").getTime();
/** Reads and answers everything, so each message has a delivered, a read and a reply step. */
const SITI: VirtualPhone = customer();

/** When each step of message `id` to Siti is due, sent at `sentAt` in real time. */
function timesOf(id: string, sentAt: number) {
  const [delivered, read, reply] = fateTimeline(messageFate("test", id, SITI), sentAt, (ms) => ms).map(
    (s) => s.at,
  );
  return { delivered: delivered!, read: read!, reply: reply! };
}

const receiptsOf = (receipts: ReceiptEvent[], messageId: string) =>
  receipts.filter((r) => r.messageId === messageId).map((r) => [r.status, r.at]);

/**
 * A Kabar process: a network on `store` with CHANNEL paired, connected and its events
 * recorded (the handshake takes 1 s), and the replay it started on connect settled.
 */
async function boot(store: MemorySandboxStore, onError = vi.fn()) {
  const { network } = await openSandbox({ store, onError });
  const transport = await connectPaired(network, store, CHANNEL);
  const events = recordEvents(transport);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(transport.status).toBe("connected");
  return { network, transport, events, onError };
}

const send = (process: Awaited<ReturnType<typeof boot>>, id: string) =>
  process.transport.send(SITI.phone, { text: "Promo hari ini!" }, { messageId: id });

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

describe("fateTimeline", () => {
  it("adds the scaled delays up from the send time, in whole ms", () => {
    const steps = [
      { kind: "delivered", afterMs: 1_001 },
      { kind: "read", afterMs: 3_001 },
    ] as const;
    expect(fateTimeline([...steps], 100, (ms) => ms * 0.5)).toEqual([
      { step: steps[0], at: 100 + 501 },
      { step: steps[1], at: 100 + 2_001 },
    ]);
  });
});

describe("replaying fates after a restart", () => {
  it("emits the receipts that fell due while Kabar was down at once, and later steps at their time", async () => {
    const store = new MemorySandboxStore([SITI]);
    const first = await boot(store);
    const sentAt = Date.now();
    const due = timesOf("m-1", sentAt);
    await send(first, "m-1");
    await vi.advanceTimersByTimeAsync(due.delivered - sentAt);
    expect(receiptsOf(first.events.receipts, "m-1")).toEqual([
      ["sent", sentAt],
      ["delivered", due.delivered],
    ]);
    first.network.close(); // killed: the read and the reply are lost with its timers

    await vi.advanceTimersByTimeAsync(due.read - Date.now()); // Kabar is down while it is read
    const second = await boot(store);
    expect(Date.now()).toBeLessThan(due.reply);
    // Each receipt once, stamped with when it happened; the delivered one again (harmless).
    expect(receiptsOf(second.events.receipts, "m-1")).toEqual([
      ["delivered", due.delivered],
      ["read", due.read],
    ]);
    expect(second.events.messages).toEqual([]);

    await vi.advanceTimersByTimeAsync(due.reply - Date.now() - 1);
    expect(second.events.messages).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const replyId = replyMessageId("test", CHANNEL.id, "m-1");
    expect(second.events.messages).toEqual([
      { messageId: replyId, from: SITI.phone, profileName: SITI.name, text: "Mau pesan 2 ya", at: due.reply },
    ]);
    expect(second.onError).not.toHaveBeenCalled();
  });

  it("delivers a reply that came in while Kabar was down, stored once at the phone however often it replays", async () => {
    const store = new MemorySandboxStore([SITI]);
    const first = await boot(store);
    const due = timesOf("m-1", Date.now());
    await send(first, "m-1");
    first.network.close();

    await vi.advanceTimersByTimeAsync(due.reply - Date.now() + 60_000);
    const replyId = replyMessageId("test", CHANNEL.id, "m-1");
    for (let restart = 0; restart < 2; restart++) {
      const { network, events } = await boot(store);
      expect(receiptsOf(events.receipts, "m-1")).toEqual([
        ["delivered", due.delivered],
        ["read", due.read],
      ]);
      expect(events.messages.map((m) => [m.messageId, m.at])).toEqual([[replyId, due.reply]]);
      network.close();
    }
    const chat = await store.listMessagesForPhone(SITI.phone);
    expect(chat.map((m) => [m.direction, m.messageId])).toEqual([
      ["in", "m-1"],
      ["out", replyId],
    ]);
  });

  it("never replays what this process sent, nor twice when the channel reconnects", async () => {
    const store = new MemorySandboxStore([SITI]);
    const first = await boot(store);
    const old = timesOf("m-old", Date.now());
    await send(first, "m-old");
    first.network.close();

    const second = await boot(store);
    const due = timesOf("m-new", Date.now());
    await send(second, "m-new"); // every step still ahead, scheduled by this process
    await second.network.injectFault(CHANNEL.id, { type: "disconnect" });
    await vi.advanceTimersByTimeAsync(2_000); // comes back by itself
    expect(second.transport.status).toBe("connected");
    await second.transport.disconnect();
    await second.transport.connect();
    await vi.advanceTimersByTimeAsync(Math.max(old.reply, due.reply) - Date.now());

    for (const id of ["m-old", "m-new"]) {
      const statuses = receiptsOf(second.events.receipts, id).map(([status]) => status);
      expect(statuses).toEqual(id === "m-old" ? ["delivered", "read"] : ["sent", "delivered", "read"]);
    }
    expect(receiptsOf(second.events.receipts, "m-new").slice(1)).toEqual([
      ["delivered", due.delivered],
      ["read", due.read],
    ]);
    const replies = ["m-old", "m-new"].map((id) => replyMessageId("test", CHANNEL.id, id));
    expect(second.events.messages.map((m) => m.messageId).sort()).toEqual(replies.sort());
  });

  it("when the channel comes back to a process that held it before, replays what the other holder sent meanwhile", async () => {
    const store = new MemorySandboxStore([SITI]);
    const a = await boot(store);
    await send(a, "m-a");
    await a.transport.disconnect(); // A hands the channel over and keeps running

    const b = await boot(store); // B takes it, sends, and hands it back before the fates play out
    const sentAt = Date.now();
    const due = timesOf("m-b", sentAt);
    await send(b, "m-b");
    await vi.advanceTimersByTimeAsync(due.delivered - sentAt);
    expect(receiptsOf(b.events.receipts, "m-b").map(([status]) => status)).toEqual(["sent", "delivered"]);
    await b.transport.disconnect();

    await a.transport.connect();
    await vi.advanceTimersByTimeAsync(due.reply - Date.now());
    expect(receiptsOf(a.events.receipts, "m-b")).toEqual([
      ["delivered", due.delivered],
      ["read", due.read],
    ]);
    const replyB = replyMessageId("test", CHANNEL.id, "m-b");
    expect(a.events.messages.filter((m) => m.messageId === replyB).map((m) => m.at)).toEqual([due.reply]);
    // A's own message is not replayed by A (its timers played it, held while offline).
    expect(receiptsOf(a.events.receipts, "m-a").map(([status]) => status)).toEqual([
      "sent",
      "delivered",
      "read",
    ]);
    expect(a.onError).not.toHaveBeenCalled();
  });

  it("looks back 24 h only", async () => {
    const store = new MemorySandboxStore([SITI]);
    const first = await boot(store);
    await send(first, "m-1");
    first.network.close();
    vi.setSystemTime(Date.now() + REPLAY_WINDOW_MS);

    const { events } = await boot(store);
    expect(events.receipts).toEqual([]);
    expect(events.messages).toEqual([]);
  });

  it("reports a store failure and replays on the next connect instead", async () => {
    const store = new MemorySandboxStore([SITI]);
    const first = await boot(store);
    await send(first, "m-1");
    first.network.close();
    await vi.advanceTimersByTimeAsync(10 * 60_000);

    const failure = new Error("database is down");
    const list = vi.spyOn(store, "listDeliveries").mockRejectedValueOnce(failure);
    const second = await boot(store);
    expect(second.onError).toHaveBeenCalledWith(failure);
    expect(second.events.receipts).toEqual([]);

    await second.transport.disconnect();
    await second.transport.connect();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(receiptsOf(second.events.receipts, "m-1").map(([status]) => status)).toEqual([
      "delivered",
      "read",
    ]);
    expect(second.events.messages).toHaveLength(1);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it("holds replayed events while the channel is offline", async () => {
    const store = new MemorySandboxStore([SITI]);
    const first = await boot(store);
    await send(first, "m-1");
    first.network.close();
    await vi.advanceTimersByTimeAsync(10 * 60_000);

    const { network } = await openSandbox({ store });
    const transport = await connectPaired(network, store, CHANNEL);
    const events = recordEvents(transport);
    let release = (): void => undefined;
    const listDeliveries = store.listDeliveries.bind(store);
    vi.spyOn(store, "listDeliveries").mockImplementationOnce(async (...args) => {
      await new Promise<void>((resolve) => (release = resolve));
      return listDeliveries(...args);
    });
    await vi.advanceTimersByTimeAsync(1_000);
    await transport.disconnect(); // offline again before the replay's query answers
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.receipts).toEqual([]);

    await transport.connect();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.receipts.map((r) => r.status)).toEqual(["delivered", "read"]);
    expect(events.messages).toHaveLength(1);
  });
});
