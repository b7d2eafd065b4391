/**
 * Sending through the WhatsApp Cloud API against a fake Graph API: connecting checks the
 * token; text, reply buttons, media (link, uploaded id, local file) and approved templates go out with
 * the wamid as message id; free-form messages outside the 24-hour window are refused;
 * each class of Meta error has its effect on the recipient and the channel.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCloudApiSecrets } from "../src/channels/cloud-api/secrets.js";
import type { CloudApiOutgoing, CloudApiTransport } from "../src/channels/cloud-api/transport.js";
import { TransportError, type StateEvent } from "../src/channels/transport.js";
import { cloudTransport, createCloudChannel, wamid, type CloudChannel } from "./support/cloud-api.js";
import { FakeGraph } from "./support/fake-graph.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let graph: FakeGraph;
let channel: CloudChannel;
let transport: CloudApiTransport;
let dataDir: string;
const states: StateEvent[] = [];
let phones = 0;

beforeAll(async () => {
  graph = await FakeGraph.start();
  k = await startTestKabar(graph.operatorEnv);
  channel = await createCloudChannel(k, graph);
  ({ transport, dataDir } = await cloudTransport(k, channel));
  transport.on("state", (s) => states.push(s));
  await transport.connect();
});
afterAll(async () => {
  await graph?.close();
  await k?.close();
});

/** A customer who never wrote to the shop. */
function stranger(): string {
  return `+62812345${String(++phones).padStart(5, "0")}`;
}

/** A customer who wrote `hoursAgo` hours ago (the inbox stored their message). */
async function customerWhoWrote(hoursAgo = 1): Promise<{ phone: string; messageId: string }> {
  const phone = stranger();
  const messageId = wamid();
  await k.services.inbox.receive(channel, {
    messageId,
    from: phone,
    text: "Halo kak",
    at: Date.now() - hoursAgo * 3_600_000,
  });
  return { phone, messageId };
}

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<TransportError> {
  const err = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TransportError);
  return err as TransportError;
}

describe("connecting", () => {
  it("checks the token with the phone number node and becomes connected", () => {
    expect(transport.currentStatus).toBe("connected");
    expect(states.map((s) => s.status)).toEqual(["connecting", "connected"]);
    expect(graph.calls("phone")[0]!.authorization).toBe(`Bearer ${graph.accessToken}`);
  });

  it("asks for a new token when Meta says it expired (190)", async () => {
    const expired = await createCloudChannel(k, graph, { accessToken: "EAA-expired" });
    const { transport: t } = await cloudTransport(k, expired);
    const seen: StateEvent[] = [];
    t.on("state", (s) => seen.push(s));
    await t.connect();
    expect(t.currentStatus).toBe("needs_token");
    expect(seen.at(-1)!.reason).toMatch(/expired/);
  });

  it("stays disconnected, and retries, when Meta cannot be reached", async () => {
    const { transport: t } = await cloudTransport(k, channel);
    graph.dropNext("phone");
    await t.connect();
    expect(t.currentStatus).toBe("disconnected");
    await t.connect();
    expect(t.currentStatus).toBe("connected");
    await t.disconnect();
  });

  it("logs out by wiping the stored secrets", async () => {
    const other = await createCloudChannel(k, graph);
    const { transport: t } = await cloudTransport(k, other);
    await t.connect();
    await t.logout();
    expect(t.currentStatus).toBe("logged_out");
    expect(await loadCloudApiSecrets(k.database.db, Buffer.alloc(32, 7), other.id)).toBeNull();
    await t.connect();
    expect(t.currentStatus).toBe("needs_token");
  });
});

describe("sending", () => {
  it("sends text inside the window and answers the wamid, never Kabar's own id", async () => {
    const { phone } = await customerWhoWrote(2);
    const result = await transport.send(
      phone,
      { text: "Pesanan Kakak sudah dikirim 🚚" },
      { messageId: "kabar-recipient-1" },
    );
    expect(result.messageId).toMatch(/^wamid\./);
    const req = graph.calls("messages").at(-1)!;
    expect(req.json).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: phone.slice(1),
      type: "text",
      text: { body: "Pesanan Kakak sudah dikirim 🚚", preview_url: false },
    });
    expect(JSON.stringify(req.json)).not.toContain("kabar-recipient-1");
  });

  it("refuses a free-form message outside the 24-hour window, saying a template is needed", async () => {
    const before = graph.calls("messages").length;
    for (const phone of [stranger(), (await customerWhoWrote(25)).phone]) {
      const err = await rejection(transport.send(phone, { text: "Promo!" }, { messageId: "x" }));
      expect(err).toMatchObject({ code: "outside_window", retryable: false, stopChannel: false });
      expect(err.message).toMatch(/template/);
    }
    expect(graph.calls("messages")).toHaveLength(before);
  });

  it("sends text with reply buttons as Meta's interactive message inside the window only, and refuses a 4th button before asking Meta", async () => {
    const { phone } = await customerWhoWrote(3);
    const buttons = [
      { id: "cod:yes:1", title: "YA" },
      { id: "cod:cancel:1", title: "BATAL" },
    ];
    const msg: CloudApiOutgoing = { text: "Konfirmasi pesanan COD?", buttons };
    expect((await transport.send(phone, msg, { messageId: "btn" })).messageId).toMatch(/^wamid\./);
    expect(graph.calls("messages").at(-1)!.json).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: phone.slice(1),
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Konfirmasi pesanan COD?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "cod:yes:1", title: "YA" } },
            { type: "reply", reply: { id: "cod:cancel:1", title: "BATAL" } },
          ],
        },
      },
    });
    const before = graph.calls("messages").length;
    const four = [...buttons, { id: "a", title: "NANTI" }, { id: "b", title: "STOP" }];
    expect(
      await rejection(
        transport.send(phone, { text: "x", buttons: four } as CloudApiOutgoing, { messageId: "b4" }),
      ),
    ).toMatchObject({
      code: "invalid_message",
      retryable: false,
    });
    expect(await rejection(transport.send(stranger(), msg, { messageId: "b5" }))).toMatchObject({
      code: "outside_window",
    });
    expect(graph.calls("messages")).toHaveLength(before);
  });

  it("sends media by link, by uploaded id, and uploads a local file once", async () => {
    const { phone } = await customerWhoWrote();
    await transport.send(
      phone,
      { text: "Katalog", media: { type: "image", url: "https://toko.test/katalog.jpg" } },
      { messageId: "a" },
    );
    expect(graph.calls("messages").at(-1)!.json).toMatchObject({
      type: "image",
      image: { link: "https://toko.test/katalog.jpg", caption: "Katalog" },
    });
    await transport.send(phone, { media: { type: "audio", url: "wa-media:777" } }, { messageId: "b" });
    expect(graph.calls("messages").at(-1)!.json).toMatchObject({ type: "audio", audio: { id: "777" } });

    await mkdir(join(dataDir, "uploads"), { recursive: true });
    await writeFile(join(dataDir, "uploads", "nota.pdf"), "%PDF-1.4 nota");
    const doc = { type: "document" as const, url: "uploads/nota.pdf", filename: "Nota Juni.pdf" };
    await transport.send(phone, { media: doc }, { messageId: "c" });
    await transport.send(phone, { media: doc }, { messageId: "d" });
    const uploads = graph.calls("media-upload");
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.form).toMatchObject({
      messaging_product: "whatsapp",
      type: "application/pdf",
      file: { filename: "Nota Juni.pdf", size: 13 },
    });
    const id = [...graph.media.keys()].at(-1);
    expect(graph.calls("messages").at(-1)!.json).toMatchObject({
      type: "document",
      document: { id, filename: "Nota Juni.pdf" },
    });
  });

  it("sends an approved template any time, with header media, body and button parameters", async () => {
    const phone = stranger();
    await writeFile(join(dataDir, "uploads", "lebaran.jpg"), "jpeg-bytes");
    const msg: CloudApiOutgoing = {
      template: {
        name: "promo_lebaran",
        language: "id",
        headerMedia: { type: "image" as const, url: "uploads/lebaran.jpg" },
        body: ["Bu Sari", "DISKON20"],
        buttons: [{ index: 0, subType: "quick_reply" as const, parameter: "STOP_PROMO" }],
      },
    };
    const result = await transport.send(phone, msg, { messageId: "e" });
    expect(result.messageId).toMatch(/^wamid\./);
    const id = [...graph.media.keys()].at(-1);
    expect(graph.calls("messages").at(-1)!.json).toMatchObject({
      to: phone.slice(1),
      type: "template",
      template: {
        name: "promo_lebaran",
        language: { code: "id" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { id } }] },
          {
            type: "body",
            parameters: [
              { type: "text", text: "Bu Sari" },
              { type: "text", text: "DISKON20" },
            ],
          },
          {
            type: "button",
            sub_type: "quick_reply",
            index: "0",
            parameters: [{ type: "payload", payload: "STOP_PROMO" }],
          },
        ],
      },
    });
  });

  it("answers every number as on WhatsApp (the Cloud API has no lookup)", async () => {
    expect(await transport.checkNumbers(["+628111", "+628222"])).toEqual(
      new Map([
        ["+628111", true],
        ["+628222", true],
      ]),
    );
  });

  it("shows typing only as an answer to the customer's last message inside the window", async () => {
    const { phone, messageId } = await customerWhoWrote();
    await transport.setTyping(phone, true);
    expect(graph.calls("messages").at(-1)!.json).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: messageId,
      typing_indicator: { type: "text" },
    });
    const before = graph.calls("messages").length;
    await transport.setTyping(stranger(), true);
    await transport.setTyping(phone, false);
    expect(graph.calls("messages")).toHaveLength(before);
  });
});

describe("Meta errors", () => {
  it("retries rate limits (131056, 130429, 4, 80007) with backoff", async () => {
    const { phone } = await customerWhoWrote();
    for (const code of [131056, 130429, 4, 80007]) {
      graph.failNext("messages", { code, status: code === 4 ? 400 : 429 });
      expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "r" }))).toMatchObject({
        code: "rate_limited",
        retryable: true,
        stopChannel: false,
      });
    }
    expect(transport.currentStatus).toBe("connected");
  });

  it("fails the recipient with Meta's reason (131026, 131047, 132001, 100)", async () => {
    const { phone } = await customerWhoWrote();
    graph.failNext("messages", {
      code: 131026,
      message: "Message undeliverable",
      details: "Message Undeliverable.",
    });
    const undeliverable = await rejection(transport.send(phone, { text: "x" }, { messageId: "f" }));
    expect(undeliverable).toMatchObject({ code: "invalid_message", retryable: false, stopChannel: false });
    expect(undeliverable.message).toMatch(/Meta #131026: Message Undeliverable/);
    graph.failNext("messages", { code: 131047 });
    expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "f" }))).toMatchObject({
      code: "outside_window",
      retryable: false,
    });
    for (const code of [132001, 100]) {
      graph.failNext("messages", { code });
      expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "f" }))).toMatchObject({
        code: "invalid_message",
        retryable: false,
      });
    }
    expect(transport.currentStatus).toBe("connected");
  });

  it("does not resend when the answer never came (the outcome is unknown)", async () => {
    const { phone } = await customerWhoWrote();
    graph.dropNext("messages");
    expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "n" }))).toMatchObject({
      code: "network_error",
      retryable: false,
    });
  });

  it("stops the channel and tells the owner on 131048 / 368", async () => {
    const { phone } = await customerWhoWrote();
    for (const code of [131048, 368]) {
      graph.failNext("messages", { code });
      expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "s" }))).toMatchObject({
        code: "banned",
        retryable: false,
        stopChannel: true,
      });
      expect(transport.currentStatus).toBe("blocked");
      expect(states.at(-1)).toMatchObject({ status: "blocked" });
      const before = graph.calls("messages").length;
      expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "s" }))).toMatchObject({
        stopChannel: true,
      });
      expect(graph.calls("messages")).toHaveLength(before);
      await transport.connect();
    }
  });

  it("moves the channel to needs_token on 190", async () => {
    const { phone } = await customerWhoWrote();
    graph.failNext("messages", {
      code: 190,
      subcode: 463,
      message: "Error validating access token: Session has expired",
    });
    expect(await rejection(transport.send(phone, { text: "x" }, { messageId: "t" }))).toMatchObject({
      code: "logged_out",
      stopChannel: true,
    });
    expect(transport.currentStatus).toBe("needs_token");
    expect(states.at(-1)).toMatchObject({ status: "needs_token" });
    await transport.connect(); // the owner entered a new token
    expect(transport.currentStatus).toBe("connected");
  });
});
