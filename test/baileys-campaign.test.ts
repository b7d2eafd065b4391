/**
 * A campaign end to end over WhatsApp Web (Baileys) against the fake socket: link by QR,
 * send with the stable message ids, skip numbers not on WhatsApp, take receipts and a
 * customer's reply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWhatsApp } from "../src/channels/baileys/testing.js";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import { DEMO_LABEL } from "../src/modules/tenants/seed.js";
import { apiClient, ok, type Api } from "./support/api.js";
import { allRecipients, startCampaign, untilCampaign } from "./support/campaigns.js";
import { untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const whatsapp = new FakeWhatsApp();
let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar(
    {},
    { transports: { baileys: { makeSocket: whatsapp.makeSocket, downloadMedia: whatsapp.downloadMedia } } },
  );
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe("a campaign over WhatsApp Web", () => {
  it("links by QR, sends once per customer with the stable ids, and records receipts and replies", async () => {
    const contacts = (
      await ok(api<{ items: Array<{ phone: string }> }>("GET", `/contacts?label=${DEMO_LABEL}&pageSize=100`))
    ).items;
    const notOnWhatsApp = contacts.slice(0, 3).map((c) => c.phone);
    for (const c of contacts.slice(3)) whatsapp.onWhatsApp.add(c.phone);

    const channel = await ok(
      api<ChannelDto>("POST", "/channels", { name: "WA Toko", kind: "whatsapp_web" }),
      201,
    );
    await ok(api("POST", `/channels/${channel.id}/connect`));
    await waitFor(async () => (whatsapp.sockets.length > 0 ? true : undefined));
    whatsapp.last.showQr();
    await untilChannelStatus(api, channel.id, "qr");
    whatsapp.last.pair("6281100000099");
    whatsapp.last.open();
    await untilChannelStatus(api, channel.id, "connected");
    expect((await ok(api<ChannelDto>("GET", `/channels/${channel.id}`))).phone).toBe("+6281100000099");
    // Pacing off: this test is about the transport, not the anti-ban delays.
    await ok(api("PATCH", `/channels/${channel.id}`, { pacingPreset: "off" }));

    const campaign = await startCampaign(api, {
      name: "Lewat WA Web",
      channelId: channel.id,
      body: "Halo {{name}}!",
      audience: { type: "labels", labels: [DEMO_LABEL], match: "any" },
    });
    const done = await untilCampaign(api, campaign.id, (c) => c.status === "completed");
    expect(done.counts.skipped).toBe(3);
    expect(done.counts.sent + done.counts.delivered + done.counts.read).toBe(contacts.length - 3);

    const socket = whatsapp.last;
    const recipients = await allRecipients(api, campaign.id);
    const sentIds = socket.sent.map((s) => s.options?.messageId);
    expect(new Set(sentIds).size).toBe(sentIds.length); // nobody twice
    expect(sentIds.sort()).toEqual(
      recipients
        .filter((r) => r.status !== "skipped")
        .map((r) => r.messageId)
        .sort(),
    );
    for (const r of recipients.filter((x) => x.status === "skipped")) {
      expect(notOnWhatsApp).toContain(r.phone);
      expect(r.failureCode).toBe("not_on_whatsapp");
    }

    // Read receipt (status 4) and a reply from the first customer.
    const first = recipients.find((r) => r.status !== "skipped")!;
    const jid = `${first.phone.slice(1)}@s.whatsapp.net`;
    socket.update([{ key: { remoteJid: jid, fromMe: true, id: first.messageId }, update: { status: 4 } }]);
    socket.receive([
      {
        key: { remoteJid: jid, fromMe: false, id: "BALASAN1" },
        message: { conversation: "Mau pesan 2 ya kak" },
        pushName: "Pelanggan",
        messageTimestamp: Math.floor(Date.now() / 1000),
      },
    ]);
    await untilCampaign(api, campaign.id, (c) => c.counts.read === 1 && c.counts.replied === 1);
  });
});
