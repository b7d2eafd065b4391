/**
 * The file of a message in a thread: `GET /conversations/:id/messages/:messageId/media`
 * answers the bytes with the file's type and its original name, for a file an agent or a
 * campaign sent and one a customer sent; another shop, a message without a file and a
 * message of another conversation answer 404, and no answer names a path on disk.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VirtualPhone } from "../src/channels/sandbox/behaviour.js";
import type { ConversationDto, MessageDto } from "../src/modules/inbox/schemas.js";
import { addTenant, apiClient, errorOf, multipartBody, ok, untilConnected, type Api } from "./support/api.js";
import { startCampaign } from "./support/campaigns.js";
import { firstChannel } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const dataDir = mkdtempSync(join(tmpdir(), "kabar-conversation-media-"));
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
const PDF = Buffer.from("%PDF-1.4 nota pembelian");
const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");
let k: TestKabar;
let owner: Api;
let channelId: string;
let conversation: ConversationDto;
let other: ConversationDto;

async function customer(phone: string, name: string): Promise<ConversationDto> {
  const c: VirtualPhone = { phone, name, onWhatsApp: true, readRate: 1, replyRate: 0, latencyMs: 200 };
  await k.sandboxStore.savePhonesFor(k.owner.tenantId, [c]);
  await k.sandbox.addPhones([c]);
  await ok(
    owner("POST", `/sandbox/phones/${encodeURIComponent(phone)}/messages`, { channelId, text: "Halo" }),
  );
  return waitFor(
    async () =>
      (await ok(owner<ConversationDto[]>("GET", `/conversations?search=${encodeURIComponent(phone)}`)))[0],
  );
}

/** The raw answer of GET …/media (bytes kept as bytes). */
async function download(cookie: string, conversationId: string, messageId: string) {
  const r = await k.http!.inject({
    method: "GET",
    url: `/api/v1/conversations/${conversationId}/messages/${messageId}/media`,
    headers: { cookie },
  });
  return { status: r.statusCode, headers: r.headers, bytes: r.rawPayload, json: () => r.json() };
}

/** A message a customer sent with a file the transport stored under the data directory. */
async function receiveFile(
  phone: string,
  file: { name: string; bytes: Buffer; type: "image" | "document"; mimeType: string; filename?: string },
): Promise<MessageDto> {
  const rel = `media/${channelId}/${file.name}`;
  mkdirSync(join(dataDir, "media", channelId), { recursive: true });
  writeFileSync(join(dataDir, rel), file.bytes);
  await k.services.inbox.receive(
    { id: channelId, tenantId: k.owner.tenantId },
    {
      messageId: `masuk-${file.name}`,
      from: phone,
      media: {
        type: file.type,
        url: rel,
        mimeType: file.mimeType,
        ...(file.filename ? { filename: file.filename } : {}),
      },
      at: Date.now(),
    },
  );
  const thread = await ok(owner<MessageDto[]>("GET", `/conversations/${conversation.id}/messages`));
  return thread.find((m) => m.direction === "in" && m.media?.mimeType === file.mimeType)!;
}

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir });
  owner = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(owner)).id;
  await untilConnected(owner, channelId);
  conversation = await customer("+6285723459911", "Dewi Lestari");
  other = await customer("+6285723459912", "Rina Wati");
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /conversations/:id/messages/:messageId/media", () => {
  it("a photo an agent sent: its bytes, image/png, shown inline under its original name", async () => {
    const { payload, headers } = multipartBody([
      { name: "file", filename: "kaos merah.png", value: PNG, contentType: "image/png" },
    ]);
    const uploaded = await ok(
      owner<{ type: string; id: string }>("POST", `/conversations/${conversation.id}/media`, payload, {
        headers,
      }),
      201,
    );
    const sent = await ok(
      owner<MessageDto>("POST", `/conversations/${conversation.id}/messages`, {
        media: { type: uploaded.type, id: uploaded.id },
        text: "Ini kaos merahnya kak",
      }),
      201,
    );
    const r = await download(k.cookie, conversation.id, sent.id);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(r.bytes, PNG)).toBe(0);
    expect(r.headers["content-disposition"]).toBe(
      `inline; filename="kaos merah.png"; filename*=UTF-8''kaos%20merah.png`,
    );
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("a document a customer sent: its bytes, its type, as a download under the name it had", async () => {
    const m = await receiveFile(conversation.phone, {
      name: "a1.pdf",
      bytes: PDF,
      type: "document",
      mimeType: "application/pdf",
      filename: "nota pembelian.pdf",
    });
    const r = await download(k.cookie, conversation.id, m.id);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    expect(r.bytes.toString()).toBe(PDF.toString());
    expect(r.headers["content-disposition"]).toBe(
      `attachment; filename="nota pembelian.pdf"; filename*=UTF-8''nota%20pembelian.pdf`,
    );
  });

  it("a photo a customer sent without a name gets a readable one, never the path on disk", async () => {
    const m = await receiveFile(conversation.phone, {
      name: "b2.jpg",
      bytes: JPEG,
      type: "image",
      mimeType: "image/jpeg",
    });
    const r = await download(k.cookie, conversation.id, m.id);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("image/jpeg");
    expect(Buffer.compare(r.bytes, JPEG)).toBe(0);
    const disposition = String(r.headers["content-disposition"]);
    expect(disposition).toMatch(/^inline; filename="image-[0-9a-f]{8}\.jpg"/);
    expect(disposition).not.toContain(channelId);
    expect(disposition).not.toContain("media/");
  });

  it("a campaign's photo (a template upload) in the thread: the same file, under its original name", async () => {
    const { payload, headers } = multipartBody([
      { name: "file", filename: "promo-gajian.png", value: PNG, contentType: "image/png" },
    ]);
    const uploaded = await ok(
      owner<{ type: string; id: string }>("POST", "/templates/media", payload, { headers }),
      201,
    );
    await ok(owner("PATCH", `/contacts/${other.contactId}`, { labels: ["promo-media"] }));
    await ok(owner("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
    const campaign = await startCampaign(owner, {
      name: "Promo Gajian",
      channelId,
      body: "Promo gajian!",
      media: { type: "image", id: uploaded.id },
      audience: { type: "labels", labels: ["promo-media"], match: "any" },
    });
    const sent = await waitFor(async () =>
      (await ok(owner<MessageDto[]>("GET", `/conversations/${other.id}/messages`))).find(
        (m) => m.campaignId === campaign.id,
      ),
    );
    const r = await download(k.cookie, other.id, sent.id);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(r.bytes, PNG)).toBe(0);
    expect(r.headers["content-disposition"]).toContain('filename="promo-gajian.png"');
  });

  it("a message without a file, or of another conversation, answers 404", async () => {
    const text = await ok(
      owner<MessageDto>("POST", `/conversations/${conversation.id}/messages`, { text: "Tanpa lampiran" }),
      201,
    );
    const none = await download(k.cookie, conversation.id, text.id);
    expect(none.status).toBe(404);
    expect(none.json().error.code).toBe("media_not_found");
    const thread = await ok(owner<MessageDto[]>("GET", `/conversations/${conversation.id}/messages`));
    const withFile = thread.find((m) => m.media?.id)!;
    // A message of this conversation asked for through another conversation of the shop.
    const elsewhere = await download(k.cookie, other.id, withFile.id);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json()).toEqual(none.json());
  });

  it("another shop gets 404 for this shop's message, like for an unknown one", async () => {
    const thread = await ok(owner<MessageDto[]>("GET", `/conversations/${conversation.id}/messages`));
    const withFile = thread.find((m) => m.media?.id)!;
    const shop = await addTenant(k, "Toko Lain Media", "pemilik@toko-lain-media.test", "rahasia-lain-123");
    const r = await shop.api("GET", `/conversations/${conversation.id}/messages/${withFile.id}/media`);
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe("conversation_not_found");
    const unknown = await shop.api(
      "GET",
      `/conversations/00000000-0000-4000-8000-00000000abcd/messages/${withFile.id}/media`,
    );
    expect(unknown.body).toEqual(r.body);
    expect(r.text).not.toContain(dataDir);
  });
});
