import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { openFixture } from "../../../../test/fixtures/contacts/helpers.js";
import { previewHeaders } from "./index.js";

describe("previewHeaders", () => {
  it("returns the header row and the first data rows, skipping blank and broken rows", async () => {
    const input = openFixture("bad-rows.csv");
    expect(await previewHeaders(input, { rows: 4 })).toEqual({
      format: "csv",
      line: 1,
      headers: ["nama", "telepon", "kota", "label"],
      rows: [
        ["Andi Wijaya", "081234567890", "Surabaya", "pelanggan"],
        ["Rudi Hartono", "123", "Malang", "pelanggan"],
        ["Lina Marlina", "", "Bogor", ""],
        ["Nina Kartika", "08l2-3456-7890", "Bekasi", ""],
      ],
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.destroyed).toBe(true);
  });

  it("finds a header below blank lines and reports the detected format", async () => {
    const preview = await previewHeaders(openFixture("google-current.csv"), { rows: 1 });
    expect(preview.format).toBe("google");
    expect(preview.headers.slice(0, 3)).toEqual(["First Name", "Middle Name", "Last Name"]);
    expect(preview.rows).toHaveLength(1);
    expect(await previewHeaders(Readable.from(["\n\n No HP ;Nama\n0812;Budi\n"]))).toEqual({
      format: "csv",
      line: 3,
      headers: ["No HP", "Nama"],
      rows: [["0812", "Budi"]],
    });
  });

  it("has no columns for vCard", async () => {
    expect(await previewHeaders(openFixture("whatsapp-card.vcf"))).toEqual({
      format: "vcard",
      line: 1,
      headers: [],
      rows: [],
    });
  });
});
