/**
 * Google Contacts exports (CSV, current and legacy headers, and vCard) imported through the
 * API with and without a column mapping: Google's meaning is kept either way (labels split
 * on " ::: " without system groups, every "Phone N - Value" column, the organisation as the
 * name of a contact that has no other name).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { fixturePath } from "./fixtures/contacts/helpers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { apiClient, ok, uploadContacts, type Api, type ContactPage } from "./support/api.js";

let k: TestKabar;
let api: Api;

/** Every phone the fixtures below hold, removed before each test so each import starts afresh. */
const PHONES = [
  "+6281234567890",
  "+6281311112222",
  "+62274555123",
  "+6285712345678",
  "+62315550777",
  "+6281122334455",
  "+6285643210987",
  "+6591234567",
  "+62225550888",
];

const fixture = (name: string) => readFileSync(fixturePath(name));

/** The contact with this phone, its labels sorted. */
async function contact(phone: string): Promise<ContactDto> {
  const page = await ok(api<ContactPage>("GET", `/contacts?search=${encodeURIComponent(phone)}`));
  const found = page.items.find((c) => c.phone === phone);
  expect(found, `contact ${phone}`).toBeDefined();
  return { ...found!, labels: [...found!.labels].sort() };
}

/** The mapping the wizard sends for the current Google export once one attribute is renamed. */
const wizardMapping = {
  phone: "Phone 1 - Value",
  name: ["First Name", "Middle Name", "Last Name"],
  labels: ["Labels"],
  attributes: { organization: "Organization Name", email: "E-mail 1 - Value", catatan: "Notes" },
};

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());
beforeEach(async () => {
  for (const phone of PHONES) {
    const page = await ok(api<ContactPage>("GET", `/contacts?search=${encodeURIComponent(phone)}`));
    for (const c of page.items) await ok(api("DELETE", `/contacts/${c.id}`), 204);
  }
});

describe("a Google Contacts CSV (current headers)", () => {
  it("with the wizard's mapping: labels split without system groups, every phone column, organisation as name", async () => {
    const summary = await ok(
      uploadContacts(api, "contacts.csv", fixture("google-current.csv"), {
        mapping: JSON.stringify(wizardMapping),
      }),
      201,
    );
    expect(summary).toMatchObject({ status: "completed", totalRows: 7, created: 5, rejected: 2 });
    expect(await contact("+6281234567890")).toMatchObject({
      name: "Budi Santoso",
      labels: ["Pelanggan"],
      attributes: {
        organization: "Toko Sumber Rejeki",
        email: "budi@sumberrejeki.co.id",
        other_phones: "+62215550123",
      },
    });
    // Phone 1 is Home, Phone 2 is Mobile with two numbers: the mobile number is the contact's phone.
    expect(await contact("+6281311112222")).toMatchObject({
      name: "Siti Nurhaliza",
      labels: ["Reseller", "VIP"],
      attributes: { other_phones: "+6285733334444,+62215550199" },
    });
    expect(await contact("+62315550777")).toMatchObject({ name: "CV Maju Jaya", labels: ["Supplier"] });
    expect((await contact("+6285712345678")).attributes.catatan).toBe(
      "Pesan tiap Jumat\nAlamat: Jl. Melati No. 5",
    );
  });

  it("with a mapping naming Phone 2 as the phone column, Phone 1 still imports", async () => {
    const mapping = { ...wizardMapping, phone: "Phone 2 - Value" };
    await ok(
      uploadContacts(api, "contacts.csv", fixture("google-current.csv"), {
        mapping: JSON.stringify(mapping),
      }),
      201,
    );
    expect((await contact("+6281234567890")).attributes.other_phones).toBe("+62215550123");
    expect((await contact("+6285712345678")).name).toBe("Rina Wulandari");
  });

  it("with the phone columns listed (as the wizard sends them), exactly those columns import", async () => {
    const listed = { ...wizardMapping, phone: ["Phone 1 - Value", "Phone 2 - Value"] };
    await ok(
      uploadContacts(api, "contacts.csv", fixture("google-current.csv"), { mapping: JSON.stringify(listed) }),
      201,
    );
    expect((await contact("+6281311112222")).attributes.other_phones).toBe("+6285733334444,+62215550199");
    for (const c of (await ok(api<ContactPage>("GET", "/contacts?search=%2B6281234567890"))).items)
      await ok(api("DELETE", `/contacts/${c.id}`), 204);
    const onlyFirst = { ...wizardMapping, phone: ["Phone 1 - Value"] };
    await ok(
      uploadContacts(api, "contacts.csv", fixture("google-current.csv"), {
        mapping: JSON.stringify(onlyFirst),
      }),
      201,
    );
    expect((await contact("+6281234567890")).attributes.other_phones).toBeUndefined();
  });

  it("without a mapping: the organisation is the name of a contact with no other name", async () => {
    await ok(uploadContacts(api, "contacts.csv", fixture("google-current.csv")), 201);
    expect(await contact("+62315550777")).toMatchObject({
      name: "CV Maju Jaya",
      attributes: { organization: "CV Maju Jaya" },
      labels: ["Supplier"],
    });
  });
});

describe("a Google Contacts CSV (legacy headers)", () => {
  it("with a mapping: Group Membership split without system groups, Phone 2 imported, Organization 1 as name", async () => {
    const mapping = {
      phone: "Phone 1 - Value",
      name: ["Given Name", "Additional Name", "Family Name"],
      labels: "Group Membership",
      attributes: { email: "E-mail 1 - Value" },
    };
    const summary = await ok(
      uploadContacts(api, "google.csv", fixture("google-legacy.csv"), { mapping: JSON.stringify(mapping) }),
      201,
    );
    expect(summary).toMatchObject({ status: "completed", totalRows: 5, created: 4, rejected: 1 });
    expect(await contact("+6281122334455")).toMatchObject({
      name: "Bambang Pamungkas",
      labels: ["Pelanggan"],
      attributes: { other_phones: "+62274555123" },
    });
    expect(await contact("+6285643210987")).toMatchObject({
      labels: ["Grosir"],
      attributes: { email: "wati@example.com", other_phones: "+6281298765432" },
    });
    expect(await contact("+62225550888")).toMatchObject({ name: "Koperasi Sejahtera", labels: ["Supplier"] });
  });

  it("without a mapping: Organization 1 - Name is the name of a contact with no other name", async () => {
    await ok(uploadContacts(api, "google.csv", fixture("google-legacy.csv")), 201);
    expect(await contact("+62225550888")).toMatchObject({
      name: "Koperasi Sejahtera",
      attributes: { organization: "Koperasi Sejahtera" },
      labels: ["Supplier"],
    });
  });
});

describe("a Google Contacts vCard", () => {
  it("drops Google's system groups from CATEGORIES and names an organisation-only card by its ORG", async () => {
    const summary = await ok(uploadContacts(api, "contacts.vcf", fixture("google.vcf")), 201);
    expect(summary).toMatchObject({ status: "completed", totalRows: 3, created: 3, rejected: 0 });
    expect(await contact("+6281234567890")).toMatchObject({
      name: "Budi Santoso",
      labels: ["Pelanggan"],
      attributes: { organization: "Toko Sumber Rejeki", other_phones: "+62215550123" },
    });
    expect(await contact("+6281311112222")).toMatchObject({
      labels: ["Reseller", "VIP"],
      attributes: { other_phones: "+62215550199" },
    });
    expect(await contact("+62315550777")).toMatchObject({ name: "CV Maju Jaya", labels: ["Supplier"] });
  });
});
