/**
 * An agent attaches a file in the inbox: `POST /conversations/:id/media` stores it under
 * the data directory, then `POST /conversations/:id/messages` sends it with a caption to the
 * customer's (sandbox) phone. Bad files are refused naming `file`; another shop's
 * conversation is not found.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDto, MessageDto } from "../src/modules/inbox/schemas.js";
import {
  addTenant,
  apiClient,
  errorOf,
  multipartBody,
  ok,
  signIn,
  untilConnected,
  type Api,
} from "./support/api.js";
import { factory } from "./support/factory.js";
import { firstChannel } from "./support/channels.js";
import { customerWrites, sandboxCustomer } from "./support/customers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { waitFor } from "./support/wait.js";

const dataDir = mkdtempSync(join(tmpdir(), "kabar-inbox-media-"));
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
let k: TestKabar;
let owner: Api;
let agent: Api;
let channelId: string;
let conversation: ConversationDto;
const phone = "+6285723459901";

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir });
  owner = apiClient(k.http!, { cookie: k.cookie });
  await factory(k).user("agent", { email: "agen-media@toko-contoh.test", password: "agen-rahasia-123" });
  agent = apiClient(k.http!, {
    cookie: (await signIn(k.http!, "agen-media@toko-contoh.test", "agen-rahasia-123")).cookie,
  });
  channelId = (await firstChannel(owner)).id;
  await untilConnected(owner, channelId);
  await sandboxCustomer(k, { phone, name: "Dewi Lestari", readRate: 1, latencyMs: 200 });
  conversation = await customerWrites(owner, k.bus, channelId, phone, "Boleh lihat fotonya kak?");
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const upload = (api: Api, conversationId: string, filename: string, value: Buffer, contentType: string) => {
  const { payload, headers } = multipartBody([{ name: "file", filename, value, contentType }]);
  return api("POST", `/conversations/${conversationId}/media`, payload, { headers });
};

describe("POST /conversations/:id/media", () => {
  it("an agent uploads a photo and sends it with a caption: stored with its media, received by the phone", async () => {
    const media = await ok(upload(agent, conversation.id, "kaos-merah.png", PNG, "image/png"), 201);
    expect(media).toMatchObject({
      type: "image",
      mimeType: "image/png",
      size: PNG.length,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const { size: _size, ...attachment } = media as { size: number; id: string };
    expect(await readFile(join(dataDir, "media", "inbox", k.owner.tenantId, `${attachment.id}.png`))).toEqual(
      PNG,
    );

    const sent = await ok(
      agent<MessageDto>("POST", `/conversations/${conversation.id}/messages`, {
        media: attachment,
        text: "Ini kaos merahnya kak",
      }),
      201,
    );
    expect(sent).toMatchObject({ direction: "out", text: "Ini kaos merahnya kak", media: attachment });
    const thread = await ok(owner<MessageDto[]>("GET", `/conversations/${conversation.id}/messages`));
    expect(thread.at(-1)).toMatchObject({ id: sent.id, text: "Ini kaos merahnya kak", media: attachment });
    const onPhone = await waitFor(async () => {
      const got = await ok(
        owner<Array<{ text?: string; media?: { type: string } }>>(
          "GET",
          `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
        ),
      );
      return got.find((m) => m.text === "Ini kaos merahnya kak");
    });
    expect(onPhone.media).toMatchObject({ type: "image", mimeType: "image/png" });
  });

  it("a file that is not an image, video or audio goes as a document with its name", async () => {
    const media = await ok(
      upload(agent, conversation.id, "daftar-harga.pdf", Buffer.from("%PDF-1.4 harga"), "application/pdf"),
      201,
    );
    expect(media).toMatchObject({ type: "document", filename: "daftar-harga.pdf", id: expect.any(String) });
  });

  it("refuses an empty file (400), a too-large image (413) and a missing file (400), naming `file`", async () => {
    const empty = await upload(agent, conversation.id, "kosong.png", Buffer.alloc(0), "image/png");
    expect(empty.status).toBe(400);
    expect(errorOf(empty).fields).toHaveProperty("file");
    const big = await upload(
      agent,
      conversation.id,
      "besar.png",
      Buffer.alloc(5 * 1024 * 1024 + 1, 1),
      "image/png",
    );
    expect(big.status).toBe(413);
    expect(errorOf(big)).toMatchObject({ code: "file_too_large", fields: { file: expect.any(String) } });
    const none = multipartBody([{ name: "catatan", value: "tanpa berkas" }]);
    const missing = await agent("POST", `/conversations/${conversation.id}/media`, none.payload, {
      headers: none.headers,
    });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).fields).toHaveProperty("file");
    // Odd MIME types are stored as documents or refused, never a 500.
    for (const contentType of ["bukan-mime", "", "image/gif", "application/x-unknown"]) {
      const r = await upload(agent, conversation.id, "aneh.bin", Buffer.from("isi"), contentType);
      expect({ contentType, status: r.status }).toEqual({ contentType, status: 201 });
      expect(r.body).toMatchObject({ type: "document" });
    }
  });

  it("another shop cannot attach to this shop's conversation: 404 like an unknown one", async () => {
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "rahasia-lain-123");
    const r = await upload(other.api, conversation.id, "a.png", PNG, "image/png");
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe("conversation_not_found");
    const unknown = await upload(
      other.api,
      "00000000-0000-4000-8000-00000000abcd",
      "a.png",
      PNG,
      "image/png",
    );
    expect(unknown.body).toEqual(r.body);
  });
});
