/**
 * Quick replies with a file (issue 11, item 13): a quick reply may carry one of the shop's
 * files; rendering it for a conversation answers the file with the text, and sending it
 * sends both. Another shop's file is refused by name.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, MessageDto, QuickReplyDto } from "../src/modules/inbox/schemas.js";
import { addTenant, apiClient, errorOf, multipartBody, ok, untilConnected, type Api } from "./support/api.js";
import { firstChannel } from "./support/channels.js";
import { customerWrites, sandboxCustomer } from "./support/customers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const dataDir = mkdtempSync(join(tmpdir(), "kabar-quick-reply-media-"));
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
const phone = "+6285723459951";
let k: TestKabar;
let owner: Api;
let channelId: string;
let conversation: ConversationDto;

const upload = async (api: Api, filename: string) => {
  const { payload, headers } = multipartBody([
    { name: "file", filename, value: PNG, contentType: "image/png" },
  ]);
  const { size: _size, ...media } = await ok(
    api<{ size: number; type: "image"; id: string }>("POST", "/templates/media", payload, { headers }),
    201,
  );
  return media;
};

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir });
  owner = apiClient(k.http!, { cookie: k.cookie });
  channelId = (await firstChannel(owner)).id;
  await untilConnected(owner, channelId);
  await sandboxCustomer(k, { phone, name: "Dewi Lestari", readRate: 1, latencyMs: 200 });
  conversation = await customerWrites(owner, k.bus, channelId, phone, "Ada katalog?");
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a quick reply with a file", () => {
  it("is saved with it, rendered with it, and sent with it to the customer", async () => {
    const media = await upload(owner, "katalog.png");
    const saved = await ok(
      owner<QuickReplyDto>("POST", "/quick-replies", {
        shortcut: "katalog",
        body: "Ini katalog kami, {{name|kak}}",
        media,
      }),
      201,
    );
    expect(saved.media).toMatchObject({ type: "image", id: media.id });
    const listed = (await ok(owner<QuickReplyDto[]>("GET", "/quick-replies"))).find((r) => r.id === saved.id);
    expect(listed?.media).toMatchObject({ type: "image", id: media.id });

    const rendered = await ok(
      owner<{ text: string; media: unknown }>("POST", `/quick-replies/${saved.id}/render`, {
        conversationId: conversation.id,
      }),
    );
    expect(rendered).toMatchObject({
      text: "Ini katalog kami, Dewi Lestari",
      media: { type: "image", id: media.id },
    });

    const sent = await ok(
      owner<MessageDto>("POST", `/conversations/${conversation.id}/messages`, { quickReplyId: saved.id }),
      201,
    );
    expect(sent).toMatchObject({
      text: "Ini katalog kami, Dewi Lestari",
      media: { type: "image", id: media.id },
    });
    const onPhone = await waitFor(async () => {
      const got = await ok(
        owner<Array<{ text?: string; media?: { type: string } }>>(
          "GET",
          `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
        ),
      );
      return got.find((m) => m.text === "Ini katalog kami, Dewi Lestari");
    });
    expect(onPhone.media).toMatchObject({ type: "image" });

    const plain = await ok(
      owner<QuickReplyDto>("PUT", `/quick-replies/${saved.id}`, {
        shortcut: "katalog",
        body: "Katalog",
        media: null,
      }),
    );
    expect(plain.media).toBeNull();
  });

  it("refuses another shop's file by naming the field", async () => {
    const other = await addTenant(k, "Toko Lain", "lain@toko-lain.test", "rahasia-lain-123");
    const theirs = await upload(other.api, "punya-lain.png");
    const r = await owner("POST", "/quick-replies", { shortcut: "curang", body: "Halo", media: theirs });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: "unknown_media", fields: { "media.id": "unknown media" } });
  });
});
