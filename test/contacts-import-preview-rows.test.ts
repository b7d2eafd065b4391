/**
 * The import wizard's preview reads its rows through the import's own code
 * (POST /contacts/imports/preview/rows): what it shows for a mapping is what the import
 * stores with that mapping — phone, other numbers, name, labels — and a row the import
 * would reject shows why.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportPreviewDto, PreviewRowsDto } from "../src/modules/contacts/schemas.js";
import { fixturePath } from "./fixtures/contacts/helpers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { apiClient, multipartBody, ok, uploadContacts, type Api, type ContactPage } from "./support/api.js";

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

async function preview(file: Buffer): Promise<ImportPreviewDto> {
  const { payload, headers } = multipartBody([{ name: "file", filename: "contacts.csv", value: file }]);
  return ok(api<ImportPreviewDto>("POST", "/contacts/imports/preview", payload, { headers }));
}

describe("preview rows", () => {
  it("show what the import then stores under the same mapping (a Google export, one column renamed)", async () => {
    const file = readFileSync(fixturePath("google-current.csv"));
    const head = await preview(file);
    const mapping = { ...head.suggested, attributes: { ...head.suggested.attributes, catatan: "Notes" } };
    const read = await ok(
      api<PreviewRowsDto>("POST", "/contacts/imports/preview/rows", {
        format: head.format,
        line: head.line,
        headers: head.headers,
        rows: head.rows,
        mapping,
      }),
    );
    expect(read.problem).toBeNull();
    const accepted = read.rows.filter((r) => r.ok);
    expect(accepted.length).toBeGreaterThan(2);
    const siti = accepted.find((r) => r.name === "Siti Nurhaliza")!;
    expect(siti).toMatchObject({ phone: "+6281311112222", otherPhones: ["+6285733334444", "+62215550199"] });
    expect([...siti.labels].sort()).toEqual(["Reseller", "VIP"]);

    await ok(uploadContacts(api, "contacts.csv", file, { mapping: JSON.stringify(mapping) }), 201);
    for (const row of accepted) {
      const page = await ok(api<ContactPage>("GET", `/contacts?search=${encodeURIComponent(row.phone!)}`));
      const stored = page.items.find((c) => c.phone === row.phone);
      expect(stored, row.phone!).toBeDefined();
      expect({
        name: stored!.name ?? null,
        otherPhones: stored!.attributes.other_phones?.split(",") ?? [],
        labels: [...stored!.labels].sort(),
      }).toEqual({ name: row.name, otherPhones: row.otherPhones, labels: [...row.labels].sort() });
    }
  });

  it("show a row the import would reject with its reason, and a mapping naming no column of the file as a problem", async () => {
    const body = {
      format: "csv",
      line: 1,
      headers: ["nama", "telepon"],
      rows: [
        ["Andi", "0812-3456-7890"],
        ["Budi", "123"],
      ],
      mapping: { phone: "telepon", name: "nama" },
    };
    const read = await ok(api<PreviewRowsDto>("POST", "/contacts/imports/preview/rows", body));
    expect(read.rows.map((r) => [r.line, r.ok, r.phone, r.name])).toEqual([
      [2, true, "+6281234567890", "Andi"],
      [3, false, null, null],
    ]);
    expect(read.rows[1]!.reason).toMatch(/invalid phone "123"/);
    const unknownColumn = await ok(
      api<PreviewRowsDto>("POST", "/contacts/imports/preview/rows", {
        ...body,
        mapping: { phone: "no hp", name: "nama" },
      }),
    );
    expect(unknownColumn.problem).toBeTruthy();
    expect(unknownColumn.rows).toEqual([]);
  });
});
