import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TemplateDto } from "../src/modules/templates/schemas.js";
import {
  addTenant,
  apiClient,
  errorOf,
  multipartBody,
  ok,
  signIn,
  uploadContacts,
  type Api,
  type Reply,
} from "./support/api.js";
import { factory } from "./support/factory.js";
import { allRecipients, labelReachableCustomers, startCampaign, untilCampaign } from "./support/campaigns.js";
import { firstChannel, setPacing, untilChannelStatus } from "./support/channels.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let api: Api;
const dataDir = mkdtempSync(join(tmpdir(), "kabar-templates-"));

beforeAll(async () => {
  k = await startTestKabar({ KABAR_DATA_DIR: dataDir });
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => {
  await k?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The smallest valid PNG: one transparent pixel. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

interface Uploaded {
  type: string;
  id: string;
  mimeType?: string;
  filename?: string;
  size: number;
}

/** Uploads one file as multipart field "file" to POST /templates/media. */
function uploadMedia(
  client: Api,
  filename: string,
  value: Buffer,
  contentType: string,
): Promise<Reply<Uploaded>> {
  const { payload, headers } = multipartBody([{ name: "file", filename, value, contentType }]);
  return client<Uploaded>("POST", "/templates/media", payload, { headers });
}

describe("templates", () => {
  it("saves a template with its variables, and previews it for a contact", async () => {
    const t = await ok(
      api<TemplateDto>("POST", "/templates", {
        name: "Promo",
        body: "{Halo|Hai} {{name|kak}} dari {{kota}}, pesanan {{1}} siap 🎉",
        media: { type: "image", url: "https://toko.example/promo.jpg", mimeType: "image/jpeg" },
      }),
      201,
    );
    expect(t.variables.sort()).toEqual(["1", "kota", "name"]);
    const contact = await ok<{ id: string }>(
      api("POST", "/contacts", { phone: "0812-1111-2222", name: "Rina", attributes: { kota: "Medan" } }),
      201,
    );
    const preview = await ok<{ text: string; missing: string[]; media: unknown }>(
      api("POST", "/templates/preview", {
        templateId: t.id,
        contactId: contact.id,
        columns: ["#A-17"],
        seed: "x",
      }),
    );
    expect(preview.text).toMatch(/^(Halo|Hai) Rina dari Medan, pesanan #A-17 siap 🎉$/);
    expect(preview.missing).toEqual([]);
    expect(preview.media).toMatchObject({ type: "image" });
    // The same seed gives the same variation; a contact without the attribute shows what is missing.
    const again = await ok<{ text: string }>(
      api("POST", "/templates/preview", {
        templateId: t.id,
        contactId: contact.id,
        columns: ["#A-17"],
        seed: "x",
      }),
    );
    expect(again.text).toBe(preview.text);
    const sample = await ok<{ text: string; missing: string[] }>(
      api("POST", "/templates/preview", { body: "Halo {{name}} dari {{kota}}" }),
    );
    expect(sample.text).toBe("Halo Budi Santoso dari ");
    expect(sample.missing).toEqual(["kota"]);
  });

  it("refuses a caption longer than WhatsApp allows, naming the field", async () => {
    const r = await api("POST", "/templates", {
      name: "Panjang",
      body: "x".repeat(1025),
      media: { type: "image", url: "https://toko.example/a.jpg" },
    });
    expect(r.status).toBe(400);
    expect(errorOf(r).fields).toHaveProperty("body");
  });

  it("updates and deletes a template", async () => {
    const t = await ok(api<TemplateDto>("POST", "/templates", { name: "Sementara", body: "Halo" }), 201);
    const u = await ok(
      api<TemplateDto>("PUT", `/templates/${t.id}`, { name: "Tetap", body: "Halo {{name}}" }),
    );
    expect(u).toMatchObject({ name: "Tetap", variables: ["name"] });
    expect((await api("DELETE", `/templates/${t.id}`)).status).toBe(204);
    expect((await api("GET", `/templates/${t.id}`)).status).toBe(404);
  });
});

describe("template media", () => {
  it("keeps an uploaded image under the data directory, serves it back by id, and a template can carry it with its name", async () => {
    const up = await ok(uploadMedia(api, "promo.png", PNG, "image/png"), 201);
    expect(up).toEqual({
      type: "image",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      mimeType: "image/png",
      filename: "promo.png",
      size: PNG.length,
    });
    expect(await readFile(join(dataDir, "media", "templates", k.owner.tenantId, `${up.id}.png`))).toEqual(
      PNG,
    );

    const served = await k.http!.inject({
      method: "GET",
      url: `/api/v1/media/${up.id}`,
      headers: { cookie: k.cookie },
    });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload).toEqual(PNG);

    const { size: _size, ...media } = up;
    const t = await ok(
      api<TemplateDto>("POST", "/templates", {
        name: "Dengan gambar",
        body: "Halo {{name|kak}}, lihat katalog kami",
        media,
      }),
      201,
    );
    expect(t.media).toEqual(media);
    const preview = await ok<{ media: unknown }>(api("POST", "/templates/preview", { templateId: t.id }));
    expect(preview.media).toEqual(media);

    // Saved with the id alone (as an API client may), the template still shows the name the
    // owner chose the file by, not the name Kabar stored it under.
    const byId = await ok(
      api<TemplateDto>("POST", "/templates", {
        name: "Hanya id",
        body: "Katalog",
        media: { type: "image", id: up.id },
      }),
      201,
    );
    expect((await ok(api<TemplateDto>("GET", `/templates/${byId.id}`))).media).toMatchObject({
      id: up.id,
      filename: "promo.png",
    });
  });

  it("sends other files as documents with their name, served as a download", async () => {
    const up = await ok(
      uploadMedia(
        api,
        "C:\\Users\\toko\\Daftar Harga.pdf",
        Buffer.from("%PDF-1.4 katalog"),
        "application/pdf",
      ),
      201,
    );
    expect(up).toMatchObject({ type: "document", mimeType: "application/pdf", filename: "Daftar Harga.pdf" });
    const gif = await ok(uploadMedia(api, "animasi.gif", Buffer.from("GIF89a"), "image/gif"), 201);
    expect(gif.type).toBe("document");
    const served = await api("GET", `/media/${up.id}`);
    expect(served.headers["content-type"]).toBe("application/octet-stream");
    expect(served.headers["content-disposition"]).toBe("attachment; filename*=UTF-8''Daftar%20Harga.pdf");
  });

  it("refuses an image over WhatsApp's 5 MB, an empty file and a missing file, naming the field, and keeps nothing", async () => {
    const big = await uploadMedia(api, "besar.jpg", Buffer.alloc(5 * 1024 * 1024 + 1, 1), "image/jpeg");
    expect(big.status).toBe(413);
    expect(errorOf(big)).toMatchObject({ code: "file_too_large", fields: { file: expect.any(String) } });
    const empty = await uploadMedia(api, "kosong.png", Buffer.alloc(0), "image/png");
    expect(errorOf(empty)).toMatchObject({ code: "empty_file", fields: { file: "empty" } });
    const none = await api("POST", "/templates/media", { file: "bukan berkas" });
    expect(none.status).toBe(400);
    expect(errorOf(none).fields).toHaveProperty("file");
    const kept = await readdir(join(dataDir, "media", "templates", k.owner.tenantId));
    expect(kept.some((n) => n.endsWith(".jpg"))).toBe(false);
  });

  it("another shop cannot read a shop's media, and an agent cannot upload", async () => {
    const up = await ok(uploadMedia(api, "rahasia.png", PNG, "image/png"), 201);
    const other = await addTenant(k, "Toko Lain", "pemilik@toko-lain.test", "toko-lain-rahasia");
    const r = await other.api("GET", `/media/${up.id}`);
    expect(r.status).toBe(404);
    expect(errorOf(r).code).toBe("media_not_found");
    await factory(k).user("agent", { email: "agen@toko-contoh.test", password: "agen-rahasia-123" });
    const agent = apiClient(k.http!, {
      cookie: (await signIn(k.http!, "agen@toko-contoh.test", "agen-rahasia-123")).cookie,
    });
    expect((await uploadMedia(agent, "a.png", PNG, "image/png")).status).toBe(403);
    expect((await agent("GET", `/media/${up.id}`)).status).toBe(200);
  });
});

describe("a campaign with an uploaded image", () => {
  it("sends the shop's file to every recipient; a file the shop does not have is refused before the campaign is saved", async () => {
    const channel = await firstChannel(api);
    await setPacing(api, channel.id, "off");
    await untilChannelStatus(api, channel.id, "connected");
    const phones = await labelReachableCustomers(k, api, "dengan-gambar", 3);
    const up = await ok(uploadMedia(api, "promo.png", PNG, "image/png"), 201);
    const c = await startCampaign(api, {
      name: "Promo bergambar",
      channelId: channel.id,
      body: "Promo {{name|kak}}",
      media: { type: "image", id: up.id },
      audience: { type: "labels", labels: ["dengan-gambar"], match: "any" },
    });
    expect(c.media).toEqual({ type: "image", id: up.id, mimeType: "image/png", filename: "promo.png" });
    const done = await untilCampaign(api, c.id, (x) => x.status === "completed");
    expect(done.counts.failed).toBe(0);
    for (const phone of phones) {
      const got = await ok(
        api<Array<{ text?: string; media?: { type: string; mimeType?: string } }>>(
          "GET",
          `/sandbox/phones/${encodeURIComponent(phone)}/messages`,
        ),
      );
      expect(got.find((m) => m.text?.startsWith("Promo"))?.media, phone).toMatchObject({
        type: "image",
        mimeType: "image/png",
      });
    }
    const missing = await api("POST", "/campaigns", {
      name: "x",
      channelId: channel.id,
      body: "x",
      media: { type: "image", id: "00000000-0000-4000-8000-00000000abcd" },
      audience: { type: "all" },
    });
    expect({ status: missing.status, code: errorOf(missing).code, fields: errorOf(missing).fields }).toEqual({
      status: 400,
      code: "unknown_media",
      fields: { "media.id": "unknown media" },
    });
  });
});

describe("a campaign to one import, with positional variables from its columns", () => {
  it("fills {{1}}, {{2}} from each row of the file", async () => {
    const csv =
      "nama,hp,pesanan,total\nAni,0813-5550-0101,INV-1,Rp 150.000\nBayu,0813-5550-0102,INV-2,Rp 99.000\n";
    const summary = await ok<{ id: string; created: number }>(uploadContacts(api, "pesanan.csv", csv), 201);
    expect(summary.created).toBe(2);
    const channel = await firstChannel(api);
    await setPacing(api, channel.id, "off");
    await untilChannelStatus(api, channel.id, "connected");
    const c = await startCampaign(api, {
      name: "Tagihan",
      channelId: channel.id,
      body: "Halo {{name}}, pesanan {{3}} totalnya {{4}}.",
      audience: { type: "import", importId: summary.id },
    });
    await untilCampaign(api, c.id, (x) => x.status === "completed");
    const texts = (await allRecipients(api, c.id)).map((r) => r.text).sort();
    expect(texts).toEqual([
      "Halo Ani, pesanan INV-1 totalnya Rp 150.000.",
      "Halo Bayu, pesanan INV-2 totalnya Rp 99.000.",
    ]);
  });
});
