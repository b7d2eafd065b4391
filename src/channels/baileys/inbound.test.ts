import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { proto, WAMessage } from "baileys";
import { extensionFor, receiptStatus } from "./inbound.js";
import { connectedBaileys, settle } from "./testing.js";

const SITI = "6281234567890";
const SITI_JID = `${SITI}@s.whatsapp.net`;
const SITI_LID = "123456789012345@lid";
const T = 1_740_800_000; // seconds, as WhatsApp stamps messages

const msg = (
  id: string,
  message: proto.IMessage,
  key: Partial<WAMessage["key"]> = {},
  extra: Partial<WAMessage> = {},
): WAMessage => ({
  key: { remoteJid: SITI_JID, fromMe: false, id, ...key },
  message,
  messageTimestamp: T,
  pushName: "Siti",
  ...extra,
});

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kabar-in-"));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe("receipts (messages.update)", () => {
  it("maps status 2/3/4/5 to sent / delivered / read / read (played counts as read), 0 (error) to failed", () => {
    expect([0, 1, 2, 3, 4, 5, null].map(receiptStatus)).toEqual([
      "failed",
      null,
      "sent",
      "delivered",
      "read",
      "read",
      null,
    ]);
  });

  it("a message the server refused (error ack) is a failed receipt with the code; 463 is reachout_locked", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.update([
      {
        key: { remoteJid: SITI_JID, fromMe: true, id: "R1" },
        update: { status: 0, messageStubParameters: ["479"] },
      },
      {
        key: { remoteJid: SITI_JID, fromMe: true, id: "R2" },
        update: { status: 0, messageStubParameters: ["463", "Your account is restricted"] },
      },
      {
        key: { remoteJid: SITI_JID, fromMe: true, id: "R3" },
        update: { status: 0, messageStubParameters: ["463"] },
      },
    ]);
    await settle();
    expect(events.receipts.map((r) => [r.messageId, r.status, r.error])).toEqual([
      ["R1", "failed", { code: "whatsapp_479", reason: "WhatsApp refused the message (error 479)" }],
      ["R2", "failed", { code: "reachout_locked", reason: "Your account is restricted" }],
      ["R3", "failed", { code: "reachout_locked", reason: "WhatsApp refused the message (error 463)" }],
    ]);
  });

  it("emits receipts for own messages, with the number Kabar sent to", async () => {
    const { whatsapp, transport, events } = await connectedBaileys({ dataDir });
    whatsapp.onWhatsApp.add(`+${SITI}`);
    await transport.send(`+${SITI}`, { text: "Halo" }, { messageId: "3EB0AAA" });
    const socket = whatsapp.last;
    socket.update([
      { key: { remoteJid: SITI_JID, fromMe: true, id: "3EB0AAA" }, update: { status: 2 } },
      { key: { remoteJid: SITI_LID, fromMe: true, id: "3EB0AAA" }, update: { status: 3 } },
      { key: { remoteJid: SITI_JID, fromMe: true, id: "3EB0AAA" }, update: { status: 5 } },
      { key: { remoteJid: SITI_JID, fromMe: false, id: "THEIRS" }, update: { status: 4 } },
      { key: { remoteJid: "1203630@g.us", fromMe: true, id: "GROUP" }, update: { status: 3 } },
      { key: { remoteJid: SITI_JID, fromMe: true, id: "EDIT" }, update: { message: {} } },
    ]);
    await settle();
    expect(events.receipts.map((r) => [r.messageId, r.status, r.to])).toEqual([
      ["3EB0AAA", "sent", `+${SITI}`],
      ["3EB0AAA", "delivered", `+${SITI}`],
      ["3EB0AAA", "read", `+${SITI}`],
    ]);
  });

  it("a receipt for a message sent by an earlier process finds the number from the JID", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.update([{ key: { remoteJid: SITI_JID, fromMe: true, id: "OLD" }, update: { status: 4 } }]);
    await settle();
    expect(events.receipts).toEqual([
      { messageId: "OLD", status: "read", to: `+${SITI}`, at: expect.any(Number) },
    ]);
  });
});

describe("inbound messages (messages.upsert)", () => {
  it("text from conversation and extendedTextMessage, with profile name and time", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.receive([
      msg("IN1", { conversation: "Mau pesan 2" }),
      msg("IN2", { extendedTextMessage: { text: "cek https://contoh.test" } }),
    ]);
    await settle();
    expect(events.messages).toEqual([
      { messageId: "IN1", from: `+${SITI}`, profileName: "Siti", text: "Mau pesan 2", at: T * 1000 },
      {
        messageId: "IN2",
        from: `+${SITI}`,
        profileName: "Siti",
        text: "cek https://contoh.test",
        at: T * 1000,
      },
    ]);
  });

  it("skips history (append), own messages, groups, status and reactions", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    const socket = whatsapp.last;
    socket.receive([msg("H1", { conversation: "lama" })], "append");
    socket.receive([
      msg("OWN", { conversation: "dari saya" }, { fromMe: true }),
      msg("GRP", { conversation: "grup" }, { remoteJid: "1203630@g.us", participant: SITI_JID }),
      msg("STS", { conversation: "status" }, { remoteJid: "status@broadcast", participant: SITI_JID }),
      msg("RCT", { reactionMessage: { text: "👍", key: { id: "X" } } }),
    ]);
    await settle();
    expect(events.messages).toEqual([]);
  });

  it("downloads media into the channel media folder; the url is relative to the data dir", async () => {
    const { whatsapp, events, ctx } = await connectedBaileys({ dataDir, channelId: "ch-media" });
    whatsapp.media.set("IMG1", Buffer.from("jpeg-bytes"));
    whatsapp.last.receive([
      msg("IMG1", { imageMessage: { caption: "Ini barangnya", mimetype: "image/jpeg" } }),
      msg("DOC1", {
        documentWithCaptionMessage: {
          message: { documentMessage: { fileName: "Invoice.PDF", mimetype: "application/pdf" } },
        },
      }),
      msg("VOC1", { audioMessage: { mimetype: "audio/ogg; codecs=opus", ptt: true } }),
    ]);
    await vi.waitFor(() => expect(events.messages).toHaveLength(3));
    const [image, doc, voice] = events.messages;
    expect(image).toMatchObject({
      messageId: "IMG1",
      text: "Ini barangnya",
      media: { type: "image", url: "media/ch-media/IMG1.jpg", mimeType: "image/jpeg" },
    });
    expect(await readFile(join(ctx.mediaDir, "IMG1.jpg"), "utf8")).toBe("jpeg-bytes");
    expect(doc!.media).toEqual({
      type: "document",
      url: "media/ch-media/DOC1.pdf",
      mimeType: "application/pdf",
      filename: "Invoice.PDF",
    });
    expect(voice!.media).toMatchObject({ type: "audio", url: "media/ch-media/VOC1.ogg" });
    expect(await readFile(join(dataDir, voice!.media!.url), "utf8")).toBe("media of VOC1");
  });

  it("keeps a message whose media cannot be downloaded, without the media", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.receive([msg("BROKEN1", { imageMessage: { caption: "foto", mimetype: "image/png" } })]);
    await vi.waitFor(() => expect(events.messages).toHaveLength(1));
    expect(events.messages[0]).toEqual({
      messageId: "BROKEN1",
      from: `+${SITI}`,
      profileName: "Siti",
      text: "foto",
      at: T * 1000,
    });
  });

  it("extensionFor: the file name’s, else the MIME type’s, else bin", () => {
    expect(extensionFor("image/jpeg")).toBe("jpg");
    expect(extensionFor("audio/ogg; codecs=opus")).toBe("ogg");
    expect(extensionFor("application/pdf", "a.DOCX")).toBe("docx");
    expect(extensionFor("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(
      "bin",
    );
    expect(extensionFor(undefined)).toBe("bin");
  });
});

describe("answers: buttons, lists, quotes and locations", () => {
  const quoting = (stanzaId: string) => ({ stanzaId, participant: "6281100001234@s.whatsapp.net" });

  it("a reply button, a template quick-reply button and a list row keep their id, label and the answered message", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.receive([
      msg("BTN1", {
        buttonsResponseMessage: {
          selectedButtonId: "kirim-hari-ini",
          selectedDisplayText: "Hari ini",
          contextInfo: quoting("3EB0SHOP1"),
        },
      }),
      msg("TPL1", {
        templateButtonReplyMessage: {
          selectedId: "STOP",
          selectedDisplayText: "Berhenti langganan",
          selectedIndex: 1,
          contextInfo: quoting("3EB0SHOP2"),
        },
      }),
      msg("LST1", {
        listResponseMessage: {
          title: "Besok pagi",
          description: "08.00–11.00",
          singleSelectReply: { selectedRowId: "slot-pagi" },
          contextInfo: quoting("3EB0SHOP3"),
        },
      }),
    ]);
    await vi.waitFor(() => expect(events.messages).toHaveLength(3));
    expect(
      events.messages.map(({ messageId, text, button, answering }) => ({
        messageId,
        text,
        button,
        answering,
      })),
    ).toEqual([
      {
        messageId: "BTN1",
        text: "Hari ini",
        button: { kind: "reply_button", id: "kirim-hari-ini", title: "Hari ini" },
        answering: "3EB0SHOP1",
      },
      {
        messageId: "TPL1",
        text: "Berhenti langganan",
        button: { kind: "quick_reply", id: "STOP", title: "Berhenti langganan" },
        answering: "3EB0SHOP2",
      },
      {
        messageId: "LST1",
        text: "Besok pagi",
        button: { kind: "list_row", id: "slot-pagi", title: "Besok pagi" },
        answering: "3EB0SHOP3",
      },
    ]);
  });

  it("a text that quotes one of the shop's messages names it; a plain text answers nothing", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.receive([
      msg("Q1", { extendedTextMessage: { text: "Yang ini masih ada?", contextInfo: quoting("3EB0SHOP4") } }),
      msg("Q2", { conversation: "Halo" }),
    ]);
    await vi.waitFor(() => expect(events.messages).toHaveLength(2));
    expect(events.messages[0]).toMatchObject({ text: "Yang ini masih ada?", answering: "3EB0SHOP4" });
    expect(events.messages[1]).not.toHaveProperty("answering");
    expect(events.messages[1]).not.toHaveProperty("button");
  });

  it("a location keeps its coordinates, name, address and url, and reads as text", async () => {
    const { whatsapp, events } = await connectedBaileys({ dataDir });
    whatsapp.last.receive([
      msg("LOC1", {
        locationMessage: {
          degreesLatitude: -7.7928,
          degreesLongitude: 110.3657,
          name: "Toko Sinar Jaya",
          address: "Jl. Malioboro 12",
          url: "https://sinarjaya.example/lokasi",
        },
      }),
    ]);
    await vi.waitFor(() => expect(events.messages).toHaveLength(1));
    expect(events.messages[0]).toMatchObject({
      messageId: "LOC1",
      text: "📍 Toko Sinar Jaya, Jl. Malioboro 12 — https://maps.google.com/?q=-7.7928,110.3657",
      location: {
        latitude: -7.7928,
        longitude: 110.3657,
        name: "Toko Sinar Jaya",
        address: "Jl. Malioboro 12",
        url: "https://sinarjaya.example/lokasi",
      },
    });
  });
});

describe("LID and phone-number JIDs are one contact", () => {
  it("a message from a LID with its phone JID is from the E.164 number, and the LID is recorded", async () => {
    const { whatsapp, store, events } = await connectedBaileys({ dataDir });
    store.contacts.add(`+${SITI}`);
    whatsapp.last.receive([
      msg(
        "L1",
        { conversation: "halo" },
        { remoteJid: `123456789012345:2@lid`, remoteJidAlt: SITI_JID, addressingMode: "lid" },
      ),
    ]);
    await settle();
    expect(events.messages.map((m) => m.from)).toEqual([`+${SITI}`]);
    expect(store.jidRows.get(SITI_LID)).toBe(`+${SITI}`);
  });

  it("lid-mapping.update teaches the pair: a later LID-only message is resolved", async () => {
    const { whatsapp, store, events } = await connectedBaileys({ dataDir });
    whatsapp.last.emit("lid-mapping.update", { lid: SITI_LID, pn: SITI_JID });
    await settle();
    expect(store.jidRows.size).toBe(0); // no such contact yet: nothing recorded
    whatsapp.last.receive([msg("L2", { conversation: "halo lagi" }, { remoteJid: SITI_LID })]);
    await settle();
    expect(events.messages.map((m) => m.from)).toEqual([`+${SITI}`]);
  });

  it("a LID known only to Baileys’ LID store or to whatsapp_jids is resolved", async () => {
    const { whatsapp, store, events } = await connectedBaileys({ dataDir });
    whatsapp.lids.set("111@lid", "6281111111111@s.whatsapp.net");
    store.jidRows.set("222@lid", "+6282222222222");
    whatsapp.last.receive([
      msg("A", { conversation: "a" }, { remoteJid: "111@lid" }),
      msg("B", { conversation: "b" }, { remoteJid: "222@lid" }),
    ]);
    await settle();
    expect(events.messages.map((m) => m.from)).toEqual(["+6281111111111", "+6282222222222"]);
  });

  it("a LID nobody knows is skipped with a warning, and later messages still arrive", async () => {
    const { whatsapp, events, ctx } = await connectedBaileys({ dataDir });
    const warn = vi.spyOn(ctx.log, "warn");
    whatsapp.last.receive([
      msg("U1", { conversation: "?" }, { remoteJid: "999@lid" }),
      msg("K1", { conversation: "ok" }),
    ]);
    await settle();
    expect(events.messages.map((m) => m.messageId)).toEqual(["K1"]);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ jid: "999@lid" }),
      expect.stringMatching(/LID/),
    );
  });
});
