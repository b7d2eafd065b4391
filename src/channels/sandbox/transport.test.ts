import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { E164, ReceiptEvent } from "../transport.js";
import { TransportError } from "../transport.js";
import { makeVirtualCustomers, messageFate, replyMessageId } from "./behaviour.js";
import { connectPaired, openSandbox, recordEvents } from "./testing.js";
import { customer } from "./testing.js";

const CHANNEL = { id: "ch-1", phone: "+6281100000000" };
const NOW = new Date("2025-03-01T03:00:00Z").getTime();

/** A network with CHANNEL paired and connected, and the channel's events recorded. */
async function connected(options: Parameters<typeof openSandbox>[0] = {}) {
  const { network, store } = await openSandbox(options);
  const transport = await connectPaired(network, store, CHANNEL);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(transport.status).toBe("connected");
  return { network, store, transport, events: recordEvents(transport) };
}

const statusesOf = (receipts: ReceiptEvent[], messageId: string) =>
  receipts.filter((r) => r.messageId === messageId).map((r) => r.status);

async function sendError(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe("SandboxTransport.send", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it("acknowledges, then delivers, reads and replies, each after its simulated delay", async () => {
    const siti = customer();
    const { store, transport, events } = await connected({ phones: [siti] });
    const [delivered, read, reply] = messageFate("test", "m-1", siti);
    const sentAt = Date.now();

    await expect(
      transport.send(siti.phone, { text: "Promo hari ini!" }, { messageId: "m-1" }),
    ).resolves.toEqual({
      messageId: "m-1",
      at: sentAt,
    });
    expect(events.receipts).toEqual([{ messageId: "m-1", status: "sent", to: siti.phone, at: sentAt }]);

    await vi.advanceTimersByTimeAsync(delivered!.afterMs - 1);
    expect(statusesOf(events.receipts, "m-1")).toEqual(["sent"]);
    await vi.advanceTimersByTimeAsync(1);
    const deliveredReceipt = { messageId: "m-1", status: "delivered", to: siti.phone, at: Date.now() };
    expect(events.receipts.at(-1)).toEqual(deliveredReceipt);

    await vi.advanceTimersByTimeAsync(read!.afterMs);
    expect(statusesOf(events.receipts, "m-1")).toEqual(["sent", "delivered", "read"]);
    expect(events.messages).toEqual([]);

    await vi.advanceTimersByTimeAsync(reply!.afterMs);
    const replyId = replyMessageId("test", CHANNEL.id, "m-1");
    expect(events.messages).toEqual([
      {
        messageId: replyId,
        from: siti.phone,
        profileName: "Siti Rahayu",
        text: "Mau pesan 2 ya",
        at: Date.now(),
      },
    ]);
    const chat = await store.listMessagesForPhone(siti.phone);
    expect(chat.map((m) => [m.direction, m.messageId, m.text])).toEqual([
      ["in", "m-1", "Promo hari ini!"],
      ["out", replyId, "Mau pesan 2 ya"],
    ]);
  });

  it("delivers a message id once, like WhatsApp, whether resent later or in the same tick", async () => {
    const siti = customer();
    const { transport, events } = await connected({ phones: [siti] });
    const send = (id: string) => transport.send(siti.phone, { text: "Halo" }, { messageId: id });

    expect((await send("m-1")).duplicate).toBeUndefined();
    expect(await send("m-1")).toMatchObject({ messageId: "m-1", duplicate: true });
    const same = await Promise.all([send("m-2"), send("m-2"), send("m-2")]);
    expect(same.map((r) => r.duplicate ?? false)).toEqual([false, true, true]);

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(statusesOf(events.receipts, "m-1")).toEqual(["sent", "delivered", "read"]);
    expect(statusesOf(events.receipts, "m-2")).toEqual(["sent", "delivered", "read"]);
    expect(events.messages).toHaveLength(2);
  });

  it("rejects a number that is not on WhatsApp without recording anything", async () => {
    const ghost = customer({ phone: "+6281299999999", onWhatsApp: false });
    const { store, transport, events } = await connected({ phones: [ghost, customer()] });
    const record = vi.spyOn(store, "recordDeliveries");

    const error = await sendError(transport.send(ghost.phone, { text: "Halo" }, { messageId: "m-1" }));
    expect([error.code, error.retryable, error.stopChannel]).toEqual(["not_on_whatsapp", false, false]);
    expect(record).not.toHaveBeenCalled();
    expect(events.receipts).toEqual([]);
    await expect(transport.checkNumbers([ghost.phone, "+6281234567890"])).resolves.toEqual(
      new Map([
        [ghost.phone, false],
        [customer().phone, true],
      ]),
    );
  });

  it("rejects empty messages and accepts media without text", async () => {
    const { transport } = await connected({ phones: [customer()] });
    const to = customer().phone;
    for (const [msg, messageId] of [
      [{}, "m-1"],
      [{ text: "   " }, "m-2"],
      [{ text: "Halo" }, ""],
    ] as const) {
      expect((await sendError(transport.send(to, msg, { messageId }))).code).toBe("invalid_message");
    }
    const media = { media: { type: "image", url: "https://example.com/promo.jpg" } } as const;
    await expect(transport.send(to, media, { messageId: "m-3" })).resolves.toMatchObject({
      messageId: "m-3",
    });
  });

  it("needs a connection to send or check numbers", async () => {
    const { network } = await openSandbox();
    const transport = network.transport(CHANNEL);
    const error = await sendError(transport.send("+6281234567890", { text: "Halo" }, { messageId: "m-1" }));
    expect([error.code, error.retryable]).toEqual(["disconnected", true]);
    expect((await sendError(transport.checkNumbers(["+6281234567890"]))).code).toBe("disconnected");
  });

  it("fails retryably with network_error when the store fails", async () => {
    const { store, transport } = await connected({ phones: [customer()] });
    const cause = new Error("connection refused");
    vi.spyOn(store, "recordDeliveries").mockRejectedValueOnce(cause);
    const error = await sendError(transport.send(customer().phone, { text: "Halo" }, { messageId: "m-1" }));
    expect([error.code, error.retryable, error.cause]).toEqual(["network_error", true, cause]);
    await expect(transport.send(customer().phone, { text: "Halo" }, { messageId: "m-1" })).resolves.toEqual({
      messageId: "m-1",
      at: Date.now(),
    });
  });

  it("holds receipts while the channel is offline and delivers them once it is back", async () => {
    const quiet = customer({ readRate: 0, replyRate: 0 });
    const { network, transport, events } = await connected({ phones: [quiet] });
    await transport.send(quiet.phone, { text: "Halo" }, { messageId: "m-1" });
    await network.injectFault(CHANNEL.id, { type: "disconnect" });

    await vi.advanceTimersByTimeAsync(1_999); // delivered after ≤ 1 250 ms, reconnect at 2 000 ms
    expect(statusesOf(events.receipts, "m-1")).toEqual(["sent"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events.states.at(-1)).toEqual({ status: "connected" });
    expect(statusesOf(events.receipts, "m-1")).toEqual(["sent", "delivered"]);
  });

  it("records the typing state, which the message arriving ends", async () => {
    const { transport } = await connected({ phones: [customer()] });
    await transport.setTyping("+6281234567890", true);
    expect(transport.isTyping("+6281234567890")).toBe(true);
    await transport.setTyping("+6281234567890", false);
    expect(transport.isTyping("+6281234567890")).toBe(false);

    await transport.setTyping("+6281234567890", true);
    await transport.send("+6281234567890", { text: "Halo" }, { messageId: "m-1" });
    expect(transport.isTyping("+6281234567890")).toBe(false);
  });

  it("tells the network's onTyping each change, the message arriving included", async () => {
    const seen: Array<{ channelId: string; phone: string; typing: boolean }> = [];
    const { transport } = await connected({ phones: [customer()], onTyping: (e) => seen.push(e) });
    await transport.setTyping("+6281234567890", true);
    await transport.setTyping("+6281234567890", true); // no change: not told again
    await transport.send("+6281234567890", { text: "Halo" }, { messageId: "m-1" });
    await transport.setTyping("+6281234567890", false); // already ended by the message
    expect(seen).toEqual([
      { channelId: CHANNEL.id, phone: "+6281234567890", typing: true },
      { channelId: CHANNEL.id, phone: "+6281234567890", typing: false },
    ]);
  });

  it("registers a virtual phone for every number it writes to, with the behaviour it already had", async () => {
    const { network, store, transport } = await connected({ phones: [customer()] });
    const stranger = "+6285791000077";
    const before = network.phone(stranger);
    expect((await store.getPhones()).map((p) => p.phone)).toEqual(["+6281234567890"]);
    await transport.send(stranger, { text: "Halo" }, { messageId: "m-2" });
    expect(await store.getPhones()).toEqual([customer(), before]);
    // A registered phone keeps its own profile.
    await transport.send("+6281234567890", { text: "Halo" }, { messageId: "m-3" });
    expect(await store.getPhones()).toEqual([customer(), before]);
  });
});

describe("determinism", () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  const customers = makeVirtualCustomers("order", 60);
  const recipients: E164[] = [
    ...customers.map((c) => c.phone),
    ...Array.from({ length: 40 }, (_, i) => `+62813${50_000_000 + i}`), // unregistered
  ];

  /** Sends message `m-i` to recipient i in the given order; what happened to each id. */
  async function outcome(seed: string, order: number[]) {
    const { network, transport, events } = await connected({ seed, phones: customers });
    const failures = new Map<string, string>();
    await Promise.all(
      order.map((i) =>
        transport
          .send(recipients[i]!, { text: "Diskon 20% hari ini" }, { messageId: `m-${i}` })
          .catch((e: TransportError) => failures.set(`m-${i}`, e.code)),
      ),
    );
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    network.close();
    return recipients.map((_to, i) => {
      const messageId = `m-${i}`;
      const receipts = events.receipts.filter((r) => r.messageId === messageId);
      const reply = events.messages.find((m) => m.messageId === replyMessageId(seed, CHANNEL.id, messageId));
      expect(receipts.map((r) => r.at)).toEqual(receipts.map((r) => r.at).sort((a, b) => a - b));
      return {
        messageId,
        failure: failures.get(messageId),
        statuses: receipts.map((r) => r.status),
        reply: reply && { from: reply.from, text: reply.text },
      };
    });
  }

  it("gives the same receipts and replies per message whatever the send order", async () => {
    const forward = recipients.map((_, i) => i);
    const first = await outcome("order", forward);
    const second = await outcome("order", [...forward].reverse());
    expect(second).toEqual(first);

    for (const { failure, statuses } of first) {
      if (failure) expect([failure, statuses]).toEqual(["not_on_whatsapp", []]);
      else
        expect([
          ["sent", "delivered"],
          ["sent", "delivered", "read"],
        ]).toContainEqual(statuses);
    }
    expect(first.some((o) => o.failure)).toBe(true);
    expect(first.some((o) => o.reply)).toBe(true);
    expect(await outcome("another seed", forward)).not.toEqual(first);
  });
});

describe("throughput", () => {
  it("batches 2,000 concurrent sends into a handful of store calls", async () => {
    const { network, store } = await openSandbox({ timeScale: 0.001 });
    const record = vi.spyOn(store, "recordDeliveries");
    const transport = await connectPaired(network, store, CHANNEL);
    await vi.waitFor(() => expect(transport.status).toBe("connected"));

    const results = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        transport
          .send(`+62812${30_000_000 + i}`, { text: "Halo" }, { messageId: `m-${i}` })
          .catch(() => null),
      ),
    );
    // The rest are not on WhatsApp (~5 %; which numbers is fixed by the seed "test").
    expect(results.filter((r) => r && !r.duplicate).length).toBe(1_904);
    expect(record.mock.calls.length).toBeLessThanOrEqual(5);
    network.close();
  });
});
