/**
 * Importing a file again (or another file) with customers already in Kabar merges them:
 * no phone number and no label a contact had is lost because the new file lacks it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import { apiClient, ok, uploadContacts, type Api, type ContactPage } from "./support/api.js";

let k: TestKabar;
let api: Api;

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

async function contact(phone: string): Promise<ContactDto> {
  const page = await ok(api<ContactPage>("GET", `/contacts?search=${encodeURIComponent(phone)}`));
  const found = page.items.find((c) => c.phone === phone);
  expect(found, `contact ${phone}`).toBeDefined();
  return found!;
}

const otherPhones = async (phone: string) =>
  ((await contact(phone)).attributes.other_phones ?? "").split(",").filter(Boolean).sort();

describe("re-importing a contact", () => {
  it("keeps every number it had and adds the new ones: the union, never a silent loss", async () => {
    const first = "nama,no wa,telepon,telp\nBudi,0813-5550-0101,021-5550-1111,\n";
    expect(await ok(uploadContacts(api, "juni.csv", first), 201)).toMatchObject({ created: 1, merged: 0 });
    expect(await otherPhones("+6281355500101")).toEqual(["+622155501111"]);

    // The second file has two other numbers, and not the first file's other number.
    const second = "nama,no wa,telepon,telp\nBudi,0813-5550-0101,021-5550-2222,0274-555-333\n";
    expect(await ok(uploadContacts(api, "juli.csv", second), 201)).toMatchObject({ created: 0, merged: 1 });
    expect(await otherPhones("+6281355500101")).toEqual(["+622155501111", "+622155502222", "+62274555333"]);

    // A file with the main number only takes nothing away.
    await ok(uploadContacts(api, "agustus.csv", "nama,no wa\nBudi,0813-5550-0101\n"), 201);
    expect(await otherPhones("+6281355500101")).toEqual(["+622155501111", "+622155502222", "+62274555333"]);
  });

  it("the same contact twice in one file keeps the numbers of both rows", async () => {
    const csv = "nama,no wa,telepon\nSiti,0813-5550-0102,021-5550-3333\nSiti,0813-5550-0102,021-5550-4444\n";
    await ok(uploadContacts(api, "ganda.csv", csv), 201);
    expect(await otherPhones("+6281355500102")).toEqual(["+622155503333", "+622155504444"]);
  });

  it("adds the labels of a new file to the contact's labels, never replaces them", async () => {
    await ok(uploadContacts(api, "a.csv", "nama,no wa,label\nRina,0813-5550-0103,pelanggan;vip\n"), 201);
    await ok(
      uploadContacts(api, "b.csv", "nama,no wa,label\nRina,0813-5550-0103,reseller\n", { labels: "pameran" }),
      201,
    );
    expect([...(await contact("+6281355500103")).labels].sort()).toEqual([
      "pameran",
      "pelanggan",
      "reseller",
      "vip",
    ]);
  });
});
