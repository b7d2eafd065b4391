import { describe, expect, it } from "vitest";
import { collect, openFixture } from "../../../../test/fixtures/contacts/helpers.js";
import { parseContacts } from "./index.js";

describe("Outlook CSV", () => {
  it("prefers Mobile Phone, maps Categories, Company, e-mail and notes, ignores fax and assistant numbers", async () => {
    const results = await collect(parseContacts(openFixture("outlook.csv"), { filename: "outlook.CSV" }));
    expect(
      results.map((result) =>
        result.ok ? { ...result.contact, columns: result.contact.columns.length } : result.error,
      ),
    ).toEqual([
      {
        line: 2,
        phone: "+6281322223333",
        name: "Eko Prasetyo",
        attributes: {
          organization: "PT Sinar Abadi",
          email: "eko@sinarabadi.co.id",
          other_phones: "+62215550101",
        },
        labels: ["Pelanggan", "Jakarta"],
        columns: 62,
      },
      {
        line: 3,
        phone: "+62225550202",
        name: "Maya Dwi Sari",
        attributes: { note: "Kirim invoice tiap akhir bulan" },
        labels: ["Supplier"],
        columns: 62,
      },
      {
        line: 4,
        reason: 'invalid phone "abc": contains letters',
        raw: "Hendra,,Gunawan,,,,,,,,,,,,,abc,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,Pelanggan",
      },
      {
        line: 5,
        phone: "+6591234567",
        name: "Wei Ming Lim",
        attributes: { other_phones: "+60123456789" },
        labels: [],
        columns: 62,
      },
    ]);
  });
});
