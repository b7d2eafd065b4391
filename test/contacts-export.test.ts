import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelDto } from "../src/modules/channels/schemas.js";
import type { ImportSummary } from "../src/modules/contacts/imports.js";
import type { ContactDto, ContactHistoryDto, ImportPreviewDto } from "../src/modules/contacts/schemas.js";
import { fixturePath } from "./fixtures/contacts/helpers.js";
import { largeCsvLines } from "./fixtures/contacts/make-large-csv.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import {
  apiClient,
  errorOf,
  multipartBody,
  ok,
  signIn,
  untilConnected,
  uploadContacts,
  type Api,
  type ContactPage as Page,
} from "./support/api.js";
import { factory } from "./support/factory.js";
import { labelReachableCustomers, startCampaign, untilCampaign } from "./support/campaigns.js";
import { waitFor } from "./support/wait.js";

let k: TestKabar;
let api: Api;

/** A test number: +62 813 6660 0nnn (no demo customer uses this range). */
const num = (n: number) => `+6281366600${String(n).padStart(3, "0")}`;
const local = (n: number) => `0813-6660-0${String(n).padStart(3, "0")}`;

const list = (query: string) => ok(api<Page>("GET", `/contacts?${query}`));

/** POST /contacts/imports/preview with one file. */
async function preview(filename: string, content: string | Buffer, query = "") {
  const { payload, headers } = multipartBody([{ name: "file", filename, value: content }]);
  return api<ImportPreviewDto>("POST", `/contacts/imports/preview${query}`, payload, { headers });
}

/** The rows of a CSV export (BOM and CRLF removed), split naively: the test data has no quotes. */
const csvLines = (text: string) =>
  text
    .replace(/^\ufeff/, "")
    .split("\r\n")
    .filter(Boolean);

/** An ISO instant as wall-clock time in WIB (UTC+7): a Date whose UTC fields are that time, to the second. */
const wibWall = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000 + 7 * 3600_000);

/** An ISO instant as the CSV export writes it: "06/12/2026 14:05" in WIB. */
const wibText = (iso: string) => {
  const t = wibWall(iso).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
};

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe("import preview and mapping", () => {
  it("shows the header, the first rows and the mapping the detection would use, importing nothing", async () => {
    const before = (await list("pageSize=1")).total;
    const p = await ok(preview("bad-rows.csv", readFileSync(fixturePath("bad-rows.csv"))));
    expect(p).toMatchObject({
      format: "csv",
      line: 1,
      headers: ["nama", "telepon", "kota", "label"],
      suggested: { phone: "telepon", name: "nama", labels: ["label"], attributes: { kota: "kota" } },
      problem: null,
    });
    expect(p.rows[0]).toEqual(["Andi Wijaya", "081234567890", "Surabaya", "pelanggan"]);
    expect(p.rows.length).toBeGreaterThanOrEqual(8);
    expect(p.rows.length).toBeLessThanOrEqual(10);
    expect((await list("pageSize=1")).total).toBe(before);
    expect((await ok(api<ImportSummary[]>("GET", "/contacts/imports"))).length).toBe(0);
  });

  it("puts a WA column before Telepon, and says when no phone column can be found", async () => {
    const p = await ok(preview("toko.csv", "Nama;Telepon;No WA;Kota Asal\nBudi;021555;0812;Solo\n"));
    expect(p.suggested).toMatchObject({
      phone: ["No WA", "Telepon"],
      name: "Nama",
      attributes: { kota_asal: "Kota Asal" },
    });
    const none = await ok(preview("tanpa.csv", "Pelanggan,Kontak Utama\nBudi,0812\n"));
    expect(none.problem).toMatch(/no phone column/);
    expect(none.suggested.phone).toBeUndefined();
    expect(none.headers).toEqual(["Pelanggan", "Kontak Utama"]);
  });

  it("reads a Google export and a vCard (no columns) by their content", async () => {
    const google = await ok(preview("contacts.csv", readFileSync(fixturePath("google-current.csv"))));
    expect(google.format).toBe("google");
    expect(google.suggested.phone).toEqual(["Phone 1 - Value", "Phone 2 - Value"]);
    const vcard = await ok(preview("kontak.vcf", readFileSync(fixturePath("whatsapp-card.vcf"))));
    expect(vcard).toMatchObject({ format: "vcard", headers: [], rows: [], problem: null });
  });

  it("previews a large file over real HTTP from its first rows, without waiting for the rest", async () => {
    const url = await k.http!.listen({ port: 0, host: "127.0.0.1" });
    try {
      const form = new FormData();
      form.append(
        "file",
        new Blob([[...largeCsvLines(200_000)].join("")], { type: "text/csv" }),
        "besar.csv",
      );
      const r = await fetch(`${url}/api/v1/contacts/imports/preview`, {
        method: "POST",
        body: form,
        headers: { cookie: k.cookie, origin: url },
      });
      expect(r.status).toBe(200);
      const p = (await r.json()) as ImportPreviewDto;
      expect(p).toMatchObject({
        format: "csv",
        headers: ["name", "phone", "kota", "label"],
        suggested: { phone: "phone", name: "name" },
      });
      expect(p.rows).toHaveLength(10);
      // The server still answers normally afterwards.
      expect((await fetch(`${url}/api/v1/contacts/labels`, { headers: { cookie: k.cookie } })).status).toBe(
        200,
      );
    } finally {
      k.http!.server.closeAllConnections();
      await new Promise((resolve) => k.http!.server.close(resolve));
    }
  });

  it("refuses a preview without a file or with a bad format: 400 naming the field", async () => {
    const noFile = multipartBody([{ name: "catatan", value: "lupa" }]);
    const r = await api("POST", "/contacts/imports/preview", noFile.payload, { headers: noFile.headers });
    expect({ status: r.status, error: errorOf(r) }).toMatchObject({
      status: 400,
      error: { code: "file_required", fields: { file: "required" } },
    });
    const bad = await preview("a.csv", "telepon\n0812\n", "?format=pdf");
    expect({ status: bad.status, field: Object.keys(errorOf(bad).fields ?? {}) }).toEqual({
      status: 400,
      field: ["format"],
    });
  });

  it("imports with a mapping that joins two name columns, reads two label columns and renames an attribute", async () => {
    const csv = `Depan,Belakang,HP,Grup,Minat,Kota,Catatan\nSri,Wahyuni,${local(1)},vip,batik;tenun,Solo,rahasia\n`;
    const mapping = {
      phone: "HP",
      name: ["Depan", "Belakang"],
      labels: ["Grup", "Minat"],
      attributes: { city: "Kota" },
    };
    const summary = await ok(uploadContacts(api, "map.csv", csv, { mapping: JSON.stringify(mapping) }), 201);
    expect(summary).toMatchObject({ created: 1, rejected: 0 });
    const [c] = (await list(`search=${encodeURIComponent(num(1))}`)).items;
    expect(c).toMatchObject({ name: "Sri Wahyuni", attributes: { city: "Solo" } });
    expect(c!.labels.sort()).toEqual(["batik", "tenun", "vip"]);
  });

  it("refuses a mapping with an attribute key templates cannot use: 400 invalid_mapping, nothing imported", async () => {
    const mapping = JSON.stringify({ phone: "telepon", attributes: { "kota asal": "kota" } });
    const r = await uploadContacts(api, "x.csv", `telepon,kota\n${local(2)},Solo\n`, { mapping });
    expect(r.status).toBe(400);
    expect(errorOf(r).code).toBe("invalid_mapping");
    expect(errorOf(r).fields?.mapping).toMatch(/attributes/);
    expect((await list(`search=${encodeURIComponent(num(2))}`)).total).toBe(0);
  });
});

describe("attribute filter and export", () => {
  beforeAll(async () => {
    const csv = [
      "nama,telepon,kota,toko,label",
      `Ani,${local(10)},Malang,Warung Ani,ekspor`,
      `Budi,${local(11)},malang,,ekspor`,
      `"=HYPERLINK(""http://x"")",${local(12)},Solo,Toko Jahat,ekspor`,
      `Dodi,${local(13)},Malang,,lain`,
    ].join("\n");
    await ok(uploadContacts(api, "ekspor.csv", csv), 201);
    const [budi] = (await list(`search=${encodeURIComponent(num(11))}`)).items;
    await ok(api("PATCH", `/contacts/${budi!.id}`, { optedOut: true }));
  });

  it("filters the list by attribute presence and value (any case), with the other filters", async () => {
    const names = async (q: string) => (await list(q)).items.map((c) => c.name).sort();
    expect(await names("attribute=kota&attributeValue=MALANG&label=ekspor")).toEqual(["Ani", "Budi"]);
    expect(await names("attribute=toko&label=ekspor")).toEqual(['=HYPERLINK("http://x")', "Ani"]);
    expect(await names("attribute=kota&attributeValue=malang&optedOut=false")).toEqual(["Ani", "Dodi"]);
    const keys = await ok(api<Array<{ key: string; count: number }>>("GET", "/contacts/attributes"));
    expect(keys.find((x) => x.key === "toko")).toEqual({ key: "toko", count: 2 });
    expect(keys.find((x) => x.key === "kota")?.count).toBeGreaterThanOrEqual(4);
  });

  it("refuses a bad filter: 400 naming the field", async () => {
    for (const [q, field] of [
      ["attribute=kota%20asal", "attribute"],
      ["attribute=kota&attributeValue=", "attributeValue"],
    ]) {
      for (const path of ["/contacts", "/contacts/export"]) {
        const r = await api("GET", `${path}?${q}`);
        expect({ path, q, status: r.status, fields: Object.keys(errorOf(r).fields ?? {}) }).toEqual({
          path,
          q,
          status: 400,
          fields: [field],
        });
      }
    }
    const r = await api("GET", "/contacts/export?format=pdf");
    expect({ status: r.status, fields: errorOf(r).fields }).toMatchObject({
      status: 400,
      fields: { format: expect.any(String) },
    });
  });

  it("exports the filtered contacts as CSV in the shop's language: BOM, a header the import reads back, shop time, formulas defused", async () => {
    const r = await api<string>("GET", "/contacts/export?format=csv&label=ekspor");
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toMatch(/^text\/csv/);
    expect(String(r.headers["content-disposition"])).toMatch(
      /^attachment; filename="kontak-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(r.text.startsWith("\ufeffNomor,Nama,Label,kota,toko,Berhenti berlangganan,Ditambahkan\r\n")).toBe(
      true,
    );
    const lines = csvLines(r.text);
    expect(lines).toHaveLength(4);
    const byPhone = new Map(lines.slice(1).map((l) => [l.split(",")[0], l]));
    expect(byPhone.get(num(10))).toMatch(
      new RegExp(`^\\${num(10)},Ani,ekspor,Malang,Warung Ani,,\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$`),
    );
    expect(byPhone.get(num(11))).toMatch(/,Budi,ekspor,malang,,Ya,/);
    expect(byPhone.get(num(12))).toContain(`"'=HYPERLINK(""http://x"")"`);
    // The date is the shop's time (WIB, UTC+7), day first.
    const [ani] = (await list(`search=${encodeURIComponent(num(10))}`)).items;
    expect(byPhone.get(num(10))!.endsWith(wibText(ani!.createdAt))).toBe(true);

    // The export imports again into the same contacts, unchanged.
    const again = await ok(uploadContacts(api, "kontak.csv", r.text), 201);
    expect(again).toMatchObject({ created: 0, merged: 3, rejected: 0 });
    const [aniAgain] = (await list(`search=${encodeURIComponent(num(10))}`)).items;
    expect(aniAgain).toMatchObject({
      name: "Ani",
      labels: ["ekspor"],
      attributes: { kota: "Malang", toko: "Warung Ani" },
    });
  });

  it("exports in English when the shop's language is English, and that file imports back too", async () => {
    await ok(api("PATCH", "/tenant", { locale: "en" }));
    try {
      const r = await api<string>("GET", "/contacts/export?format=csv&label=ekspor");
      expect(r.text.startsWith("\ufeffNumber,Name,Labels,kota,toko,Opted out,Added\r\n")).toBe(true);
      expect(csvLines(r.text).find((l) => l.startsWith(num(11)))).toMatch(/,Budi,ekspor,malang,,Yes,/);
      const again = await ok(uploadContacts(api, "contacts.csv", r.text), 201);
      expect(again).toMatchObject({ created: 0, merged: 3, rejected: 0 });
      const [ani] = (await list(`search=${encodeURIComponent(num(10))}`)).items;
      expect(ani!.attributes).toEqual({ kota: "Malang", toko: "Warung Ani" });
    } finally {
      await ok(api("PATCH", "/tenant", { locale: "id" }));
    }
  });

  it("exports XLSX: text cells, the date a real date cell in WIB, and the whole list without filters", async () => {
    const r = await k.http!.inject({
      method: "GET",
      url: "/api/v1/contacts/export?format=xlsx&attribute=kota&attributeValue=malang",
      headers: { cookie: k.cookie },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      "Nomor",
      "Nama",
      "Label",
      "kota",
      "toko",
      "Berhenti berlangganan",
      "Ditambahkan",
    ]);
    expect(
      rows
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(["Ani", "Budi", "Dodi"]);
    const aniRow = rows.find((row) => row[1] === "Ani")!;
    expect(aniRow.slice(0, 5)).toEqual([num(10), "Ani", "ekspor", "Malang", "Warung Ani"]);
    expect(rows.find((row) => row[1] === "Budi")![5]).toBe("Ya");
    // Ditambahkan: an Excel date (not text) showing the WIB wall-clock time, day first.
    const [ani] = (await list(`search=${encodeURIComponent(num(10))}`)).items;
    const at = sheet.getRow(rows.indexOf(aniRow) + 1).getCell(7);
    expect(at.type).toBe(ExcelJS.ValueType.Date);
    expect(at.numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(at.value).toEqual(wibWall(ani!.createdAt));

    const all = await api<string>("GET", "/contacts/export");
    expect(csvLines(all.text)).toHaveLength((await list("pageSize=1")).total + 1);
  });

  it("export is for owners: an agent gets 403", async () => {
    await factory(k).user("agent", { email: "agen@toko-contoh.test", password: "agen-rahasia-123" });
    const agent = apiClient(k.http!, {
      cookie: (await signIn(k.http!, "agen@toko-contoh.test", "agen-rahasia-123")).cookie,
    });
    const r = await agent("GET", "/contacts/export?format=csv");
    expect({ status: r.status, code: errorOf(r).code }).toEqual({ status: 403, code: "forbidden" });
    expect((await agent("GET", "/contacts?attribute=kota")).status).toBe(200);
  });
});

describe("contact history", () => {
  it("lists the campaigns a contact received with its recipient status, and its conversation's messages", async () => {
    const channelId = (await ok(api<ChannelDto[]>("GET", "/channels")))[0]!.id;
    await untilConnected(api, channelId);
    await ok(api("PATCH", `/channels/${channelId}`, { pacingPreset: "off" }));
    const [phone] = await labelReachableCustomers(k, api, "riwayat", 1);
    const campaign = await startCampaign(api, {
      name: "Promo Riwayat",
      channelId,
      body: "Halo {{name|kak}}, promo riwayat",
      audience: { type: "labels", labels: ["riwayat"], match: "any" },
    });
    await untilCampaign(api, campaign.id, (c) => c.status === "completed");
    await ok(
      api("POST", `/sandbox/phones/${encodeURIComponent(phone!)}/messages`, {
        channelId,
        text: "Masih ada stok?",
      }),
    );
    const [contact] = (await list(`search=${encodeURIComponent(phone!)}`)).items as ContactDto[];

    const h = await waitFor(async () => {
      const history = await ok(api<ContactHistoryDto>("GET", `/contacts/${contact!.id}/history`));
      // The virtual customer may also answer the campaign by itself: wait for this very message.
      return history.messages.some((m) => m.direction === "in" && m.text === "Masih ada stok?")
        ? history
        : undefined;
    });
    expect(h.campaigns).toEqual([
      expect.objectContaining({
        campaignId: campaign.id,
        name: "Promo Riwayat",
        campaignStatus: "completed",
        status: expect.stringMatching(/^(sent|delivered|read)$/),
      }),
    ]);
    expect(h.campaigns[0]!.sentAt).not.toBeNull();
    expect(h.conversations).toEqual([
      expect.objectContaining({
        channelId,
        channelName: expect.any(String),
        messageCount: expect.any(Number),
      }),
    ]);
    expect(h.conversations[0]!.messageCount).toBeGreaterThanOrEqual(2);
    expect(h.messages.find((m) => m.text === "Masih ada stok?")).toMatchObject({
      direction: "in",
      campaignId: null,
    });
    // Newest first.
    expect(h.messages.map((m) => m.createdAt)).toEqual(
      h.messages
        .map((m) => m.createdAt)
        .sort()
        .reverse(),
    );
    expect(h.messages.find((m) => m.direction === "out")).toMatchObject({
      campaignId: campaign.id,
      text: expect.stringContaining("promo riwayat"),
    });

    // A contact without any history: empty lists, not an error.
    const quiet = await ok(api<ContactDto>("POST", "/contacts", { phone: local(50) }), 201);
    expect(await ok(api("GET", `/contacts/${quiet.id}/history`))).toEqual({
      conversations: [],
      messages: [],
      campaigns: [],
    });
  });
});
