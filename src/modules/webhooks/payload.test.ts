import { describe, expect, it } from "vitest";
import { inboundMessage, statusUpdate, webhookPayload } from "../../../test/support/cloud-api.js";
import { locationText, parseWebhook } from "./payload.js";

const PHONE_ID = "106540352242922";

describe("parseWebhook", () => {
  it("reads text, media, location, button and interactive replies with the profile name", () => {
    const first = inboundMessage("6281234567890", "text", { body: "Masih ada stok?" }, "wamid.1");
    const payload = webhookPayload(PHONE_ID, {
      contacts: [{ wa_id: "6281234567890", name: "Bu Rina" }],
      messages: [
        first,
        inboundMessage(
          "6281234567890",
          "image",
          { id: "555", mime_type: "image/jpeg", sha256: "x", caption: "yang ini" },
          "wamid.2",
        ),
        inboundMessage(
          "6281234567890",
          "document",
          { id: "556", mime_type: "application/pdf", filename: "nota.pdf" },
          "wamid.3",
        ),
        inboundMessage(
          "6281234567890",
          "location",
          { latitude: -7.7928, longitude: 110.3657, name: "Toko Sinar Jaya", address: "Jl. Malioboro 12" },
          "wamid.4",
        ),
        inboundMessage(
          "6281234567890",
          "button",
          { text: "Berhenti promo", payload: "STOP_PROMO" },
          "wamid.5",
        ),
        inboundMessage(
          "6281234567890",
          "interactive",
          { type: "list_reply", list_reply: { id: "r1", title: "Kirim besok", description: "" } },
          "wamid.6",
        ),
        inboundMessage(
          "6281234567890",
          "interactive",
          { type: "button_reply", button_reply: { id: "b1", title: "Ya, pesan" } },
          "wamid.7",
        ),
        inboundMessage("6281234567890", "reaction", { message_id: "wamid.x", emoji: "👍" }, "wamid.8"),
      ],
    });
    const { messages, ignored } = parseWebhook(payload, PHONE_ID);
    expect(ignored).toBe(1); // the reaction
    expect(messages.map((m) => [m.messageId, m.text])).toEqual([
      ["wamid.1", "Masih ada stok?"],
      ["wamid.2", "yang ini"],
      ["wamid.3", undefined],
      ["wamid.4", "📍 Toko Sinar Jaya, Jl. Malioboro 12 — https://maps.google.com/?q=-7.7928,110.3657"],
      ["wamid.5", "Berhenti promo"],
      ["wamid.6", "Kirim besok"],
      ["wamid.7", "Ya, pesan"],
    ]);
    expect(messages[0]).toMatchObject({ from: "+6281234567890", profileName: "Bu Rina" });
    expect(messages[1]!.media).toEqual({ id: "555", type: "image", mimeType: "image/jpeg" });
    expect(messages[2]!.media).toEqual({
      id: "556",
      type: "document",
      mimeType: "application/pdf",
      filename: "nota.pdf",
    });
    // Meta's timestamp (epoch seconds) as epoch milliseconds.
    expect(messages[0]!.at).toBe(Number(first.timestamp) * 1000);
  });

  it("keeps a tapped button's id or payload, the answered wamid (context.id) and a location's url", () => {
    const context = { from: "6281100001234", id: "wamid.SHOP" };
    const payload = webhookPayload(PHONE_ID, {
      messages: [
        { ...inboundMessage("6281234567890", "button", { text: "Ya", payload: "YA" }, "wamid.b"), context },
        {
          ...inboundMessage(
            "6281234567890",
            "interactive",
            { type: "list_reply", list_reply: { id: "r1", title: "Kirim besok" } },
            "wamid.l",
          ),
          context,
        },
        inboundMessage(
          "6281234567890",
          "location",
          { latitude: -6.2, longitude: 106.8, url: "https://toko.example/peta" },
          "wamid.p",
        ),
      ],
    });
    const [button, list, place] = parseWebhook(payload, PHONE_ID).messages;
    expect(button).toMatchObject({
      text: "Ya",
      button: { kind: "quick_reply", id: "YA", title: "Ya" },
      answering: "wamid.SHOP",
    });
    expect(list).toMatchObject({ button: { kind: "list_row", id: "r1" }, answering: "wamid.SHOP" });
    expect(place!.location).toEqual({ latitude: -6.2, longitude: 106.8, url: "https://toko.example/peta" });
    expect(place).not.toHaveProperty("answering");
  });

  it("reads statuses, with Meta's errors on a failed one", () => {
    const payload = webhookPayload(PHONE_ID, {
      statuses: [
        statusUpdate("wamid.a", "delivered", "6281234567890"),
        statusUpdate("wamid.b", "failed", "6281234567890", [
          {
            code: 131026,
            title: "Message undeliverable",
            message: "Message undeliverable",
            error_data: { details: "Unable to deliver" },
          },
        ]),
        statusUpdate("wamid.c", "deleted", "6281234567890"),
      ],
    });
    const { statuses, ignored } = parseWebhook(payload, PHONE_ID);
    expect(ignored).toBe(1);
    expect(statuses[0]).toMatchObject({ messageId: "wamid.a", status: "delivered", to: "+6281234567890" });
    expect(statuses[1]).toMatchObject({
      messageId: "wamid.b",
      status: "failed",
      errors: [{ code: 131026, title: "Message undeliverable", details: "Unable to deliver" }],
    });
  });

  it("reads Meta's per-message pricing of a status: category and whether it is billed", () => {
    const priced = (id: string, pricing: Record<string, unknown>) => ({
      ...statusUpdate(id, "delivered", "6281234567890"),
      pricing,
    });
    const payload = webhookPayload(PHONE_ID, {
      statuses: [
        priced("wamid.m", { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" }),
        priced("wamid.s", {
          billable: false,
          pricing_model: "PMP",
          type: "free_customer_service",
          category: "service",
        }),
        priced("wamid.u", { pricing_model: "PMP", type: "regular", category: "utility" }),
        statusUpdate("wamid.n", "read", "6281234567890"),
      ],
    });
    const { statuses } = parseWebhook(payload, PHONE_ID);
    expect(statuses.map((s) => s.pricing)).toEqual([
      { category: "marketing", billable: true },
      { category: "service", billable: false },
      { category: "utility", billable: true },
      undefined,
    ]);
  });

  it("ignores other phone numbers, other fields and malformed items without losing the rest", () => {
    const other = webhookPayload("999", { messages: [inboundMessage("628111", "text", { body: "x" })] });
    expect(parseWebhook(other, PHONE_ID)).toEqual({ messages: [], statuses: [], ignored: 1 });
    const mixed = webhookPayload(PHONE_ID, {
      messages: [{ id: "broken" }, inboundMessage("628111", "text", { body: "ok" })],
    });
    expect(parseWebhook(mixed, PHONE_ID).messages.map((m) => m.text)).toEqual(["ok"]);
    expect(
      parseWebhook({ object: "page", entry: [{ changes: [{ field: "feed", value: {} }] }] }).ignored,
    ).toBe(1);
    expect(parseWebhook("not an object")).toEqual({ messages: [], statuses: [], ignored: 0 });
  });

  it("writes a location without a name as a map link", () => {
    expect(locationText({ latitude: -6.2, longitude: 106.8 })).toBe(
      "📍 https://maps.google.com/?q=-6.2,106.8",
    );
  });
});
