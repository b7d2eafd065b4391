import { describe, expect, it } from "vitest";
import type { VirtualPhone } from "./behaviour.js";
import type { SandboxDelivery } from "./store.js";
import { MemorySandboxStore } from "./store.js";

const delivery = (messageId: string, channelId = "ch-1", to = "+6281200000001"): SandboxDelivery => ({
  channelId,
  messageId,
  from: "+6281100000000",
  to,
  text: `hello ${messageId}`,
  at: 1,
});

describe("MemorySandboxStore", () => {
  it("reports only the ids new to each channel", async () => {
    const store = new MemorySandboxStore();
    expect(await store.recordDeliveries([delivery("a"), delivery("b")])).toEqual(new Set(["a", "b"]));
    expect(await store.recordDeliveries([delivery("b"), delivery("c")])).toEqual(new Set(["c"]));
    expect(await store.recordDeliveries([delivery("a", "ch-2")])).toEqual(new Set(["a"]));
  });

  it("keeps each phone's chat, both directions, oldest first, limited", async () => {
    const store = new MemorySandboxStore();
    await store.recordDeliveries([delivery("a"), delivery("b"), delivery("x", "ch-1", "+6281200000002")]);
    await store.recordDeliveries([delivery("a")]); // a duplicate is not stored again
    const reply = { messageId: "r", from: "+6281200000001", to: "+6281100000000", text: "Oke", at: 2 };
    await store.recordPhoneMessage(reply);

    const chat = await store.listMessagesForPhone("+6281200000001");
    expect(chat.map((m) => [m.direction, m.messageId])).toEqual([
      ["in", "a"],
      ["in", "b"],
      ["out", "r"],
    ]);
    expect((await store.listMessagesForPhone("+6281200000001", 2)).map((m) => m.messageId)).toEqual([
      "b",
      "r",
    ]);
    expect(await store.listMessagesForPhone("+6281200000001", 0)).toEqual([]);
    expect(await store.listMessagesForPhone("+6289999999999")).toEqual([]);
  });

  it("lists a channel's deliveries since a time, oldest first, without the phones' replies", async () => {
    const store = new MemorySandboxStore();
    await store.recordDeliveries([
      { ...delivery("late"), at: 30 },
      { ...delivery("early"), at: 10 },
      delivery("other", "ch-2"),
    ]);
    await store.recordDeliveries([{ ...delivery("early"), at: 99 }]); // a duplicate changes nothing
    await store.recordPhoneMessage({
      messageId: "r",
      from: "+6281200000001",
      to: "+6281100000000",
      text: "Oke",
      at: 20,
    });

    expect((await store.listDeliveries("ch-1", 0)).map((d) => [d.messageId, d.at])).toEqual([
      ["early", 10],
      ["late", 30],
    ]);
    expect((await store.listDeliveries("ch-1", 11)).map((d) => d.messageId)).toEqual(["late"]);
    expect(await store.listDeliveries("ch-3", 0)).toEqual([]);
    expect(await store.listDeliveries("ch-2", 0)).toEqual([delivery("other", "ch-2")]);
  });

  it("records a phone message id once", async () => {
    const store = new MemorySandboxStore();
    const reply = { messageId: "r", from: "+6281200000001", to: "+6281100000000", text: "Oke", at: 2 };
    await store.recordPhoneMessage(reply);
    await store.recordPhoneMessage({ ...reply, at: 3 });
    expect(await store.listMessagesForPhone(reply.from)).toEqual([{ ...reply, direction: "out" }]);
  });

  it("remembers pairing and phones", async () => {
    const budi: VirtualPhone = {
      phone: "+6281200000001",
      name: "Budi",
      onWhatsApp: true,
      readRate: 1,
      replyRate: 0,
      latencyMs: 500,
    };
    const store = new MemorySandboxStore([budi]);
    await store.setPaired("ch-1", true);
    expect(await store.isPaired("ch-1")).toBe(true);
    await store.setPaired("ch-1", false);
    expect(await store.isPaired("ch-1")).toBe(false);

    await store.savePhones([{ ...budi, name: "Budi Santoso" }]);
    expect(await store.getPhones()).toEqual([{ ...budi, name: "Budi Santoso" }]);
  });
});
