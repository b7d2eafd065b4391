import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect, openFixture } from "../../../../test/fixtures/contacts/helpers.js";
import { parseContacts } from "./index.js";
import type { ParseResult } from "./index.js";
import { decodeQuotedPrintable, splitValue } from "./vcard-values.js";

const parseVcf = (text: string) => collect(parseContacts(Readable.from([text]), { format: "vcard" }));
const summary = (results: ParseResult[]) =>
  results.map((result) =>
    result.ok ? result.contact : { line: result.error.line, error: result.error.reason },
  );

describe("vCard 2.1 (Android export)", () => {
  it("decodes quoted-printable UTF-8 names across soft line breaks and skips photos", async () => {
    const results = await collect(parseContacts(openFixture("android-2.1.vcf"), { filename: "Kontak.vcf" }));
    expect(summary(results)).toEqual([
      {
        line: 1,
        phone: "+6281234567890",
        name: "Siti Nurhaliza (Toko Kue Bu Siti) 🌸",
        attributes: { email: "siti.kue@example.com", other_phones: "+62215550123" },
        labels: [],
        columns: ["Siti Nurhaliza (Toko Kue Bu Siti) 🌸", "+6281234567890"],
      },
      {
        // No FN: the name comes from N (family;given).
        line: 11,
        phone: "+6281112345678",
        name: "Budi Santoso",
        attributes: {},
        labels: [],
        columns: ["Budi Santoso", "+6281112345678"],
      },
      { line: 20, error: "no phone number" },
      {
        // A custom X-WhatsApp type counts as mobile, ahead of the WORK number listed first.
        line: 25,
        phone: "+6285712345678",
        name: "Ani Kurniasih",
        attributes: {
          organization: "Katering Ani",
          note: "Langganan kue kering\nBayar via transfer",
          other_phones: "+62225550202",
        },
        labels: [],
        columns: ["Ani Kurniasih", "+6285712345678"],
      },
      {
        // FN is only the number: no name.
        line: 36,
        phone: "+6281200001111",
        attributes: {},
        labels: [],
        columns: ["", "+6281200001111"],
      },
    ]);
    const rejected = results[2];
    expect(rejected?.ok === false && rejected.error.raw).toBe(
      "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;Kantor Pos;;;\r\nFN:Kantor Pos\r\nEND:VCARD",
    );
  });
});

describe("vCard 3.0 (iPhone export)", () => {
  it("unfolds lines, unescapes text, reads ORG/NOTE/CATEGORIES and ranks TEL types and X-ABLabels", async () => {
    const results = await collect(parseContacts(openFixture("iphone-3.0.vcf")));
    expect(summary(results)).toEqual([
      {
        line: 1,
        phone: "+6285712345678",
        name: "Rina Wulandari",
        attributes: {
          organization: "Butik Rina, Cabang Malioboro",
          email: "rina@butikrina.id",
          note: "Suka batik tulis, ukuran M.\nPesan lewat WA setiap awal bulan; bayar COD atau transfer.",
          other_phones: "+62274555123",
        },
        labels: ["Pelanggan", "VIP"],
        columns: ["Rina Wulandari", "+6285712345678"],
      },
      {
        // WORK;pref comes first in the file, but the number labelled WhatsApp is mobile.
        line: 14,
        phone: "+6281355556666",
        name: "Bpk. Hendra Gunawan",
        attributes: { other_phones: "+62215550999,+6281277778888" },
        labels: [],
        columns: ["Bpk. Hendra Gunawan", "+6281355556666"],
      },
      {
        line: 27,
        phone: "+62812345678",
        name: "Toko Bangunan Sinar",
        attributes: { organization: "Toko Bangunan Sinar" },
        labels: [],
        columns: ["Toko Bangunan Sinar", "+62812345678"],
      },
    ]);
  });
});

describe("WhatsApp shared contact card", () => {
  it("prefers the waid number over every TEL", async () => {
    const results = await collect(parseContacts(openFixture("whatsapp-card.vcf"), { filename: "Dedi.vcf" }));
    expect(
      summary(results).map((contact) =>
        "phone" in contact ? [contact.line, contact.phone, contact.name, contact.attributes] : contact,
      ),
    ).toEqual([
      [1, "+6281234567890", "Dedi Kurniawan", {}],
      [8, "+6281399998888", "Warung Bu Tini", { other_phones: "+6281100002222" }],
      [16, "+6591234567", "Lim Wei Ming", {}],
    ]);
  });
});

describe("vCard edge cases", () => {
  it("reads vCard 4.0 (tel: URIs, quoted TYPE lists, PREF=1) and cards without VERSION", async () => {
    const text = [
      "BEGIN:VCARD",
      "VERSION:4.0",
      "FN:Yanti",
      "TEL;VALUE=uri;TYPE=home:tel:+62-21-555-0123",
      'TEL;VALUE=uri;PREF=1;TYPE="voice,cell":tel:+62-812-3456-7890',
      "CATEGORIES:a\\,b,c",
      "END:VCARD",
      "begin:vcard",
      "N:Lestari;Dewi;;Ibu;S.E.",
      "TEL:0813 1111 2222",
      "end:vcard",
    ].join("\n");
    expect(summary(await parseVcf(text))).toEqual([
      {
        line: 1,
        phone: "+6281234567890",
        name: "Yanti",
        attributes: { other_phones: "+62215550123" },
        labels: ["a,b", "c"],
        columns: ["Yanti", "+6281234567890"],
      },
      {
        line: 8,
        phone: "+6281311112222",
        name: "Ibu Dewi Lestari S.E.",
        attributes: {},
        labels: [],
        columns: ["Ibu Dewi Lestari S.E.", "+6281311112222"],
      },
    ]);
  });

  it("reports bad phones, cut-off cards and unsupported versions at their BEGIN line, and keeps going", async () => {
    const text = [
      "junk before the first card",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Satu",
      "TEL:123",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Dua",
      "TEL:0812-3456-7890",
      "BEGIN:VCARD",
      "VERSION:5.0",
      "FN:Tiga",
      "TEL:0812-3456-7890",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Empat",
      "TEL;CELL:0813-1111-2222",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Lima",
    ].join("\r\n");
    expect(
      summary(await parseVcf(text)).map((item) => ("error" in item ? item : `${item.line} ${item.name}`)),
    ).toEqual([
      { line: 2, error: 'invalid phone "123": too short' },
      { line: 7, error: "incomplete vCard (no END:VCARD)" },
      { line: 11, error: 'invalid vCard: Unsupported version "5.0"' },
      "16 Empat",
      { line: 21, error: "incomplete vCard (no END:VCARD)" },
    ]);
  });
});

describe("vCard value decoding", () => {
  it("decodes quoted-printable in the given charset, falling back to UTF-8", () => {
    expect(decodeQuotedPrintable("Andr=E9", "ISO-8859-1")).toBe("André");
    expect(decodeQuotedPrintable("Andr=C3=A9", "no-such-charset")).toBe("André");
    expect(decodeQuotedPrintable("50=25 off=3D", "utf-8")).toBe("50% off=");
  });

  it("splits on unescaped separators only", () => {
    expect(splitValue("Gunawan;Hendra\\; Jr;;Bpk.;", ";")).toEqual(["Gunawan", "Hendra; Jr", "", "Bpk.", ""]);
    expect(splitValue("a\\,b,c\\\\,d\\n", ",")).toEqual(["a,b", "c\\", "d\n"]);
  });
});
