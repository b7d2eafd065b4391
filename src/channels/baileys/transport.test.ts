import { describe, expect, it } from "vitest";
import { TransportError } from "../transport.js";
import { NUMBER_CHECK_TTL_MS } from "./index.js";
import { boom, connectedBaileys, fakeBaileys } from "./testing.js";

const SITI = "+6281234567890";
const BUDI = "+6281298765432";

async function sendError(p: Promise<unknown>): Promise<TransportError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(TransportError);
  return e as TransportError;
}

describe("BaileysTransport.send", () => {
  it("sends to the phone JID with the stable message id", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    whatsapp.onWhatsApp.add(SITI);
    const result = await transport.send(
      SITI,
      { text: "Promo hari ini!" },
      { messageId: "3EB0ABCDEF0123456789AB" },
    );
    expect(result).toEqual({ messageId: "3EB0ABCDEF0123456789AB", at: expect.any(Number) });
    expect(whatsapp.last.sent).toEqual([
      {
        jid: "6281234567890@s.whatsapp.net",
        content: { text: "Promo hari ini!" },
        options: { messageId: "3EB0ABCDEF0123456789AB" },
      },
    ]);
  });

  it("fails not_on_whatsapp (not retryable) for a number WhatsApp does not know", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    const e = await sendError(transport.send(BUDI, { text: "Halo" }, { messageId: "M1" }));
    expect({ code: e.code, retryable: e.retryable }).toEqual({ code: "not_on_whatsapp", retryable: false });
    expect(whatsapp.last.sent).toEqual([]);
  });

  it("fails by status when not connected: disconnected (retryable), blocked and logged out stop the channel", async () => {
    const idle = fakeBaileys();
    expect((await sendError(idle.transport.send(SITI, { text: "x" }, { messageId: "M1" }))).code).toBe(
      "disconnected",
    );

    const banned = await connectedBaileys();
    banned.whatsapp.last.close(403);
    await new Promise((r) => setImmediate(r));
    const e = await sendError(banned.transport.send(SITI, { text: "x" }, { messageId: "M1" }));
    expect({ code: e.code, stop: e.stopChannel }).toEqual({ code: "banned", stop: true });

    const out = await connectedBaileys();
    await out.transport.logout();
    const l = await sendError(out.transport.send(SITI, { text: "x" }, { messageId: "M1" }));
    expect({ code: l.code, stop: l.stopChannel }).toEqual({ code: "logged_out", stop: true });
  });

  it("maps what Baileys throws: rate-overlimit → rate_limited, closed → disconnected, others → network_error", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    whatsapp.onWhatsApp.add(SITI);
    whatsapp.last.sendErrors.push(
      boom("rate-overlimit", undefined, 429),
      boom("Connection Closed", 428),
      new Error("ECONNRESET"),
    );
    const codes = [];
    for (const id of ["A", "B", "C"])
      codes.push((await sendError(transport.send(SITI, { text: "x" }, { messageId: id }))).code);
    expect(codes).toEqual(["rate_limited", "disconnected", "network_error"]);
  });

  it("refuses a message without id, text or a valid number (invalid_message)", async () => {
    const { transport } = await connectedBaileys();
    for (const [to, msg, id] of [
      [SITI, { text: "x" }, ""],
      [SITI, {}, "M1"],
      ["0812345", { text: "x" }, "M1"],
    ] as const) {
      expect((await sendError(transport.send(to, msg, { messageId: id }))).code).toBe("invalid_message");
    }
  });
});

describe("BaileysTransport.checkNumbers", () => {
  it("asks WhatsApp once, then answers from the cache until it is a week old", async () => {
    const { whatsapp, store, transport } = await connectedBaileys();
    whatsapp.onWhatsApp.add(SITI);
    expect(await transport.checkNumbers([SITI, BUDI, SITI, "bukan-nomor"])).toEqual(
      new Map([
        [SITI, true],
        [BUDI, false],
        ["bukan-nomor", false],
      ]),
    );
    expect(whatsapp.last.numberQueries).toEqual([["6281234567890", "6281298765432"]]);
    expect(await transport.checkNumbers([BUDI, SITI])).toEqual(
      new Map([
        [BUDI, false],
        [SITI, true],
      ]),
    );
    expect(whatsapp.last.numberQueries).toHaveLength(1);

    store.checks.get(BUDI)!.at = Date.now() - NUMBER_CHECK_TTL_MS - 1;
    await transport.checkNumbers([BUDI, SITI]);
    expect(whatsapp.last.numberQueries.at(-1)).toEqual(["6281298765432"]);
  });

  it("asks in chunks of 50", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    const phones = Array.from({ length: 120 }, (_, i) => `+62812000${String(i).padStart(5, "0")}`);
    await transport.checkNumbers(phones);
    expect(whatsapp.last.numberQueries.map((q) => q.length)).toEqual([50, 50, 20]);
  });

  it("answers cached numbers while disconnected, and fails only for the rest", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    whatsapp.onWhatsApp.add(SITI);
    await transport.checkNumbers([SITI]);
    await transport.disconnect();
    expect(await transport.checkNumbers([SITI])).toEqual(new Map([[SITI, true]]));
    expect((await sendError(transport.checkNumbers([BUDI]))).code).toBe("disconnected");
  });
});

describe("BaileysTransport.setTyping", () => {
  it("sends composing / paused presence to the chat, and does nothing when offline", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    await transport.setTyping(SITI, true);
    await transport.setTyping(SITI, false);
    expect(whatsapp.last.presences).toEqual([
      { type: "composing", jid: "6281234567890@s.whatsapp.net" },
      { type: "paused", jid: "6281234567890@s.whatsapp.net" },
    ]);
    await transport.disconnect();
    await expect(transport.setTyping(SITI, true)).resolves.toBeUndefined();
    expect(whatsapp.last.presences).toHaveLength(2);
  });
});

describe("createBaileysKind", () => {
  it("de-duplicates by message id", () => {
    expect(fakeBaileys().kind.dedupes).toBe(true);
  });
});
