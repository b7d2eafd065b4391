import { describe, expect, it } from "vitest";
import { collect, openFixture } from "../../../../test/fixtures/contacts/helpers.js";
import { parseContacts } from "./index.js";
import type { ParseResult } from "./index.js";

/** Results without `columns`/`raw`, which the tests below check separately. */
const summary = (results: ParseResult[]) =>
  results.map((result) => {
    if (!result.ok) return { line: result.error.line, error: result.error.reason };
    const { columns: _columns, ...contact } = result.contact;
    return contact;
  });

describe("Google Contacts CSV, current format", () => {
  it("maps names, labels without system groups, the mobile-first phone and other phones", async () => {
    const results = await collect(
      parseContacts(openFixture("google-current.csv"), { filename: "contacts.csv" }),
    );
    expect(summary(results)).toEqual([
      {
        line: 2,
        phone: "+6281234567890",
        name: "Budi Santoso",
        attributes: {
          organization: "Toko Sumber Rejeki",
          email: "budi@sumberrejeki.co.id",
          other_phones: "+62215550123",
        },
        labels: ["Pelanggan"],
      },
      {
        // Phone 1 is Home; Phone 2 is Mobile and holds two numbers joined by " ::: ".
        line: 3,
        phone: "+6281311112222",
        name: "Siti Nurhaliza",
        attributes: { other_phones: "+6285733334444,+62215550199" },
        labels: ["VIP", "Reseller"],
      },
      {
        // The Mobile number is invalid, so the first valid one (Work) is used; the middle name is kept.
        line: 4,
        phone: "+62274555123",
        name: "Ahmad Nur Hidayat",
        attributes: {},
        labels: [],
      },
      { line: 5, error: "no phone number" },
      {
        line: 6,
        phone: "+6285712345678",
        name: "Rina Wulandari",
        attributes: { note: "Pesan tiap Jumat\nAlamat: Jl. Melati No. 5" },
        labels: ["Pelanggan"],
      },
      {
        // Only an organisation: it is the contact's name.
        line: 8,
        phone: "+62315550777",
        name: "CV Maju Jaya",
        attributes: { organization: "CV Maju Jaya" },
        labels: ["Supplier"],
      },
      { line: 9, error: 'invalid phone "0812": too short' },
    ]);
    const first = results[0];
    expect(first?.ok && first.contact.columns.slice(0, 3)).toEqual(["Budi", "", "Santoso"]);
    expect(first?.ok && first.contact.columns).toHaveLength(32);
  });
});

describe("Google Contacts CSV, legacy format", () => {
  it("maps Name/Given/Additional/Family, Group Membership and Phone N - Type", async () => {
    const results = await collect(parseContacts(openFixture("google-legacy.csv")));
    expect(summary(results)).toEqual([
      {
        line: 2,
        phone: "+6281122334455",
        name: "Bambang Pamungkas",
        attributes: { organization: "UD Sentosa", other_phones: "+62274555123" },
        labels: ["Pelanggan"],
      },
      {
        line: 3,
        phone: "+6285643210987",
        name: "Wati Sri Handayani",
        attributes: { email: "wati@example.com", other_phones: "+6281298765432" },
        labels: ["Grosir"],
      },
      { line: 4, error: 'invalid phone "+62 812 3456 7890 1234": invalid number for ID' },
      { line: 5, phone: "+6591234567", name: "Lim Wei Ming", attributes: {}, labels: ["Supplier"] },
      {
        line: 6,
        phone: "+62225550888",
        name: "Koperasi Sejahtera",
        attributes: { organization: "Koperasi Sejahtera" },
        labels: ["Supplier"],
      },
    ]);
  });
});

describe("Google Contacts CSV with an explicit mapping", () => {
  it("keeps Google's meaning: every phone column ranked by its label, labels without system groups", async () => {
    const results = await collect(
      parseContacts(openFixture("google-legacy.csv"), {
        mapping: { phone: "Phone 1 - Value", attributes: {} },
      }),
    );
    expect(summary(results)[0]).toEqual({
      line: 2,
      phone: "+6281122334455",
      name: "Bambang Pamungkas",
      attributes: { other_phones: "+62274555123" },
      labels: ["Pelanggan"],
    });
  });

  it("names the organisation of a contact whose mapped name columns are empty", async () => {
    const results = await collect(
      parseContacts(openFixture("google-current.csv"), {
        mapping: {
          phone: "Phone 1 - Value",
          name: ["First Name", "Last Name"],
          labels: ["Labels"],
          attributes: { kota: "Address 1 - City" },
        },
      }),
    );
    expect(summary(results)).toContainEqual({
      line: 8,
      phone: "+62315550777",
      name: "CV Maju Jaya",
      attributes: {},
      labels: ["Supplier"],
    });
    expect(summary(results)[0]).toEqual({
      line: 2,
      phone: "+6281234567890",
      name: "Budi Santoso",
      attributes: { kota: "Jakarta", other_phones: "+62215550123" },
      labels: ["Pelanggan"],
    });
  });

  it("a list of phone columns is exactly the phone columns; a Google column used as an attribute is no phone", async () => {
    const listed = await collect(
      parseContacts(openFixture("google-current.csv"), {
        mapping: { phone: ["Phone 2 - Value"], labels: [], attributes: {} },
      }),
    );
    expect(summary(listed)[0]).toMatchObject({ line: 2, phone: "+62215550123", attributes: {} });
    const asAttribute = await collect(
      parseContacts(openFixture("google-current.csv"), {
        mapping: { phone: "Phone 1 - Value", labels: [], attributes: { kantor: "Phone 2 - Value" } },
      }),
    );
    expect(summary(asAttribute)[0]).toMatchObject({
      line: 2,
      phone: "+6281234567890",
      attributes: { kantor: "(021) 555-0123" },
    });
  });
});
