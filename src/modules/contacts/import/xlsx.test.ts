import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../test/fixtures/contacts/helpers.js";
import { parseContacts, previewHeaders } from "./index.js";
import type { ParseOptions } from "./index.js";

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const parseBuffer = (buffer: Buffer, opts: ParseOptions = { filename: "kontak.xlsx" }) =>
  collect(parseContacts(Readable.from([buffer]), opts));

describe("xlsx", () => {
  it("reads the first sheet from its first non-empty row, with numeric, rich-text, formula and hyperlink cells", async () => {
    const buffer = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("Kontak");
      sheet.getRow(3).values = ["Nama", "No HP", "Kota", "Label", "Total Belanja"];
      sheet.getRow(4).values = [
        "Budi Santoso",
        6281234567890,
        { richText: [{ text: "Jak" }, { font: { bold: true }, text: "arta" }] },
        "pelanggan, vip",
        { formula: "SUM(100000,25000)", result: 125000 },
      ];
      sheet.getRow(5).values = [
        { text: "Siti Aminah", hyperlink: "https://wa.me/6281234567891" },
        "0812-3456-7891",
        "Bandung",
      ];
      sheet.getRow(7).values = ["Ani", 12345, "Bogor, Jawa Barat"];
      sheet.getRow(8).values = [
        "Dedi",
        { formula: '"0813"&"11112222"', result: "081311112222" },
        "Solo",
        null,
        0.5,
      ];
      workbook.addWorksheet("Arsip").getRow(1).values = ["Nama", "HP"];
    });
    const results = await parseBuffer(buffer);
    expect(results).toEqual([
      {
        ok: true,
        contact: {
          line: 4,
          phone: "+6281234567890",
          name: "Budi Santoso",
          attributes: { kota: "Jakarta", total_belanja: "125000" },
          labels: ["pelanggan", "vip"],
          columns: ["Budi Santoso", "6281234567890", "Jakarta", "pelanggan, vip", "125000"],
        },
      },
      {
        ok: true,
        contact: {
          line: 5,
          phone: "+6281234567891",
          name: "Siti Aminah",
          attributes: { kota: "Bandung" },
          labels: [],
          columns: ["Siti Aminah", "0812-3456-7891", "Bandung"],
        },
      },
      {
        ok: false,
        error: { line: 7, reason: 'invalid phone "12345": too short', raw: 'Ani,12345,"Bogor, Jawa Barat"' },
      },
      {
        ok: true,
        contact: {
          line: 8,
          phone: "+6281311112222",
          name: "Dedi",
          attributes: { kota: "Solo", total_belanja: "0.5" },
          labels: [],
          columns: ["Dedi", "081311112222", "Solo", "", "0.5"],
        },
      },
    ]);
  });

  it("detects xlsx by content and Google headers inside it", async () => {
    const buffer = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("contacts");
      sheet.addRow([
        "First Name",
        "Last Name",
        "Labels",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Phone 2 - Label",
        "Phone 2 - Value",
      ]);
      sheet.addRow([
        "Rina",
        "Wulandari",
        "VIP ::: * myContacts",
        "Work",
        "021-5550123",
        "Mobile",
        "0857-1234-5678",
      ]);
    });
    expect(await parseBuffer(buffer, {})).toEqual([
      {
        ok: true,
        contact: {
          line: 2,
          phone: "+6285712345678",
          name: "Rina Wulandari",
          attributes: { other_phones: "+62215550123" },
          labels: ["VIP"],
          columns: [
            "Rina",
            "Wulandari",
            "VIP ::: * myContacts",
            "Work",
            "021-5550123",
            "Mobile",
            "0857-1234-5678",
          ],
        },
      },
    ]);
  });

  it("previews the header and first rows", async () => {
    const buffer = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("Kontak");
      sheet.getRow(2).values = ["Nama", "HP"];
      for (let i = 0; i < 50; i++) sheet.addRow([`Orang ${i}`, 6281200000000 + i]);
    });
    expect(await previewHeaders(Readable.from([buffer]), { rows: 2 })).toEqual({
      format: "xlsx",
      line: 2,
      headers: ["Nama", "HP"],
      rows: [
        ["Orang 0", "6281200000000"],
        ["Orang 1", "6281200000001"],
      ],
    });
  });

  it("throws a clear error for a corrupt workbook (422 file_unreadable, no parser internals)", async () => {
    const corrupt = Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(2000, 7)]);
    await expect(parseBuffer(corrupt)).rejects.toMatchObject({
      code: "file_unreadable",
      status: 422,
      message: /^The \.xlsx is damaged or incomplete/,
    });
  });

  it("rejects a legacy .xls file with one error", async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await parseBuffer(xls, { filename: "kontak.xls" })).toEqual([
      {
        ok: false,
        error: {
          line: 1,
          reason: "not an .xlsx workbook (legacy .xls is not supported: save the file as .xlsx or CSV)",
        },
      },
    ]);
  });
});
