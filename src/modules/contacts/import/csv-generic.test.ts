import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect, openFixture } from "../../../../test/fixtures/contacts/helpers.js";
import { parseContacts } from "./index.js";
import type { ParseOptions, ParseResult } from "./index.js";

const parseText = (text: string, opts: ParseOptions = {}) =>
  collect(parseContacts(Readable.from([text]), opts));
const errors = (results: ParseResult[]) => results.flatMap((result) => (result.ok ? [] : [result.error]));
const contacts = (results: ParseResult[]) => results.flatMap((result) => (result.ok ? [result.contact] : []));

describe("generic CSV", () => {
  it("reads a semicolon CSV with BOM, CRLF and Indonesian headers", async () => {
    const results = await collect(parseContacts(openFixture("semicolon.csv"), { filename: "kontak.csv" }));
    expect(contacts(results)).toEqual([
      {
        line: 2,
        phone: "+6281234567890",
        name: "Budi Santoso",
        attributes: { kota_asal: "Jakarta", tanggal_lahir: "1990-01-15" },
        labels: ["Pelanggan", "VIP"],
        columns: ["Budi Santoso", "0812-3456-7890", "Jakarta", "Pelanggan, VIP", "1990-01-15"],
      },
      {
        line: 3,
        phone: "+6285712345678",
        name: "Siti Aminah",
        attributes: { kota_asal: "Bandung" },
        labels: ["Reseller", "Pelanggan"],
        columns: ["Siti Aminah", "+62 857 1234 5678", "Bandung", "Reseller|Pelanggan", ""],
      },
      {
        line: 4,
        phone: "+62812345678",
        name: "Rahmat Hidayat",
        attributes: { kota_asal: "Surabaya", tanggal_lahir: "1985-07-30" },
        labels: [],
        columns: ["Rahmat Hidayat", "(0812) 345-678", "Surabaya", "", "1985-07-30"],
      },
      {
        line: 5,
        phone: "+628987654321",
        name: "Putri Ayu",
        attributes: {},
        labels: ["pelanggan"],
        columns: ["  Putri Ayu  ", "628987654321", "", "pelanggan", ""],
      },
    ]);
    expect(errors(results)).toEqual([
      { line: 6, reason: 'invalid phone "08-12": too short', raw: "Wahyu Saputra;08-12;Makassar;Pelanggan;" },
    ]);
  });

  it("keeps going past bad rows and reports each at its line", async () => {
    const results = await collect(parseContacts(openFixture("bad-rows.csv")));
    expect(
      results.map((result) =>
        result.ok
          ? `${result.contact.line} ok ${result.contact.phone}`
          : `${result.error.line} ${result.error.reason}`,
      ),
    ).toEqual([
      "2 ok +6281234567890",
      '3 invalid phone "123": too short',
      "4 no phone number",
      '6 invalid phone "08l2-3456-7890": contains letters',
      "7 ok +6285611112222",
      '9 unclosed quote (")',
      "10 ok +628987654321",
      "11 ok +6281312345678",
      '12 invalid phone "6.28123E+12": number in scientific notation (digits lost: format the column as text)',
      "14 ok +6281234567891",
    ]);
    const [, rudi, , , tono, wawan, , yusuf] = results;
    expect(rudi).toEqual({
      ok: false,
      error: { line: 3, reason: 'invalid phone "123": too short', raw: "Rudi Hartono,123,Malang,pelanggan" },
    });
    expect(wawan).toEqual({
      ok: false,
      error: {
        line: 9,
        reason: 'unclosed quote (")',
        raw: 'Wawan Setiawan,"0857-2222-3333,Cirebon,pelanggan',
      },
    });
    expect(tono?.ok && tono.contact.attributes).toEqual({ kota: "Jl. Mawar No. 3\nTangerang" });
    expect(yusuf?.ok && yusuf.contact).toMatchObject({
      name: 'Yusuf "Ucup" Maulana',
      attributes: { kota: "Depok, Jawa Barat" },
      labels: ["reseller", "vip"],
    });
  });

  it("maps English headers, tabs, split names, and several phone columns (WA preferred)", async () => {
    const text =
      "First Name\tLast Name\tTelepon\tNo WA\tTags\n Dewi \t Lestari \t021-5550123\t0812-3456-7890\tvip; grosir ;VIP\n";
    const [result] = await parseText(text);
    expect(result).toEqual({
      ok: true,
      contact: {
        line: 2,
        phone: "+6281234567890",
        name: "Dewi Lestari",
        attributes: { other_phones: "+62215550123" },
        labels: ["vip", "grosir"],
        columns: [" Dewi ", " Lestari ", "021-5550123", "0812-3456-7890", "vip; grosir ;VIP"],
      },
    });
  });

  it("leaves the name undefined when it is empty or only a phone number", async () => {
    const results = await parseText("nama,hp\n  ,08123456789\n0812 3456 789,08123456789\n");
    expect(contacts(results).map((contact) => contact.name)).toEqual([undefined, undefined]);
    expect(contacts(results).every((contact) => !("name" in contact))).toBe(true);
  });

  it("slugifies attribute keys and de-duplicates repeated ones", async () => {
    const [result] = await parseText(
      "HP,Kota Asal,Tgl. Lahir,Kota asal,Catatan Khusus (opsional),\n08123456789,Solo,2000-02-02,Klaten,Pelanggan lama,x\n",
    );
    expect(result?.ok && result.contact.attributes).toEqual({
      kota_asal: "Solo",
      tgl_lahir: "2000-02-02",
      kota_asal_2: "Klaten",
      catatan_khusus_opsional: "Pelanggan lama",
    });
  });

  it("uses an explicit mapping over detection, with exactly the mapped attributes", async () => {
    const text =
      "Pelanggan,Nomor Kantor,Nomor Pribadi,Kelompok,Kota\nBudi,021-5550123,0812-3456-7890,a|b,Solo\n";
    const mapping = {
      name: "pelanggan",
      phone: "NOMOR PRIBADI",
      labels: "Kelompok",
      attributes: { city: "Kota" },
    };
    expect(await parseText(text, { mapping })).toEqual([
      {
        ok: true,
        contact: {
          line: 2,
          phone: "+6281234567890",
          name: "Budi",
          attributes: { city: "Solo" },
          labels: ["a", "b"],
          columns: ["Budi", "021-5550123", "0812-3456-7890", "a|b", "Solo"],
        },
      },
    ]);
  });

  it("reports a mapped column that is not in the file", async () => {
    expect(
      await parseText("nama,hp\nBudi,0812345678\n", {
        mapping: { phone: "WhatsApp", attributes: { kota: "Kota" } },
      }),
    ).toEqual([
      {
        ok: false,
        error: {
          line: 1,
          reason: 'mapped column "WhatsApp", "Kota" not found; headers seen: "nama", "hp"',
          raw: "nama,hp",
        },
      },
    ]);
  });

  it("reports a missing phone column once, at the header line, listing the headers", async () => {
    expect(await parseText("\n\nNama,Kota\nBudi,Solo\nSiti,Klaten\n")).toEqual([
      {
        ok: false,
        error: {
          line: 3,
          reason:
            'no phone column found (expected a header such as "phone", "no hp", "telepon" or "whatsapp"); headers seen: "Nama", "Kota"',
          raw: "Nama,Kota",
        },
      },
    ]);
  });

  it("reports an empty file", async () => {
    expect(await parseText("")).toEqual([{ ok: false, error: { line: 1, reason: "file is empty" } }]);
    expect(await parseText("\uFEFF\r\n ,, \r\n")).toEqual([
      { ok: false, error: { line: 1, reason: "file is empty" } },
    ]);
  });

  it("uses the default country for numbers without +", async () => {
    const [result] = await parseText("name,phone\nTan,9123 4567\n", { defaultCountry: "SG" });
    expect(result?.ok && result.contact.phone).toBe("+6591234567");
  });
});
