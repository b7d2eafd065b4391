import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../src/modules/contacts/imports.js";
import type { ContactDto } from "../src/modules/contacts/schemas.js";
import { fixturePath } from "./fixtures/contacts/helpers.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";
import {
  apiClient,
  errorOf,
  multipartBody,
  ok,
  uploadContacts,
  type Api,
  type ContactPage as Page,
  type RejectedRow,
} from "./support/api.js";

let k: TestKabar;
let api: Api;

/** A test number: +62 813 5550 nnnn (no demo customer uses this range). */
const num = (n: number) => `+6281355500${String(n).padStart(3, "0")}`;
/** The same number as people type it locally: 0813-5550-0nnn. */
const local = (n: number) => `0813-5550-0${String(n).padStart(3, "0")}`;

const create = (body: Record<string, unknown>) => ok(api<ContactDto>("POST", "/contacts", body), 201);
const get = (id: string) => ok(api<ContactDto>("GET", `/contacts/${id}`));
const list = (query: string) => ok(api<Page>("GET", `/contacts?${query}`));
const fixture = (name: string) => readFileSync(fixturePath(name));

beforeAll(async () => {
  k = await startTestKabar();
  api = apiClient(k.http!, { cookie: k.cookie });
});
afterAll(async () => k?.close());

describe("contacts", () => {
  it("creates a contact from a local number and shows it in E.164, with trimmed, unique labels", async () => {
    const c = await create({
      phone: local(1),
      name: "  Budi Santoso ",
      labels: ["vip", " vip ", "grosir"],
      attributes: { kota: "Solo" },
    });
    expect(c).toMatchObject({
      phone: num(1),
      name: "Budi Santoso",
      labels: ["vip", "grosir"],
      attributes: { kota: "Solo" },
      optedOut: false,
      optedOutAt: null,
    });
    expect(await get(c.id)).toEqual(c);
  });

  it("refuses the same phone written another way: 409 contact_exists", async () => {
    for (const phone of [num(1), "+62 813 5550 0001", "6281355500001", "(0813) 5550-0001"]) {
      const r = await api("POST", "/contacts", { phone, name: "Kembar" });
      expect({ phone, status: r.status, code: errorOf(r).code }).toEqual({
        phone,
        status: 409,
        code: "contact_exists",
      });
    }
    expect((await list(`search=${encodeURIComponent(num(1))}`)).total).toBe(1);
  });

  it("edits name, phone, labels and attributes, and clears the name with null", async () => {
    const c = await create({ phone: local(2), name: "Dewi" });
    const edited = await ok(
      api<ContactDto>("PATCH", `/contacts/${c.id}`, {
        name: "Dewi Lestari",
        phone: local(3),
        labels: ["reseller"],
        attributes: { kota: "Depok" },
      }),
    );
    expect(edited).toMatchObject({
      id: c.id,
      name: "Dewi Lestari",
      phone: num(3),
      labels: ["reseller"],
      attributes: { kota: "Depok" },
    });
    expect(new Date(edited.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(c.updatedAt).getTime());
    expect(await get(c.id)).toEqual(edited);
    expect((await ok(api<ContactDto>("PATCH", `/contacts/${c.id}`, { name: null }))).name).toBeNull();
  });

  it("refuses to move a contact onto another contact's phone: 409 contact_exists, nothing changes", async () => {
    const c = await create({ phone: local(4), name: "Eko" });
    const r = await api("PATCH", `/contacts/${c.id}`, { phone: local(1), name: "Eko Baru" });
    expect(r.status).toBe(409);
    expect(errorOf(r).code).toBe("contact_exists");
    expect(await get(c.id)).toMatchObject({ phone: num(4), name: "Eko" });
  });

  it("deletes a contact: then 404, and a second delete is 404 too", async () => {
    const c = await create({ phone: local(5), name: "Hapus Saya" });
    expect((await api("DELETE", `/contacts/${c.id}`)).status).toBe(204);
    const gone = await api("GET", `/contacts/${c.id}`);
    expect(gone.status).toBe(404);
    expect(errorOf(gone).code).toBe("contact_not_found");
    expect((await api("DELETE", `/contacts/${c.id}`)).status).toBe(404);
    expect((await list(`search=${encodeURIComponent("Hapus Saya")}`)).total).toBe(0);
  });

  it("searches by name (any case, any part) and by phone in local or international form", async () => {
    await create({ phone: local(11), name: "Siti Aminah", labels: ["cari"] });
    await create({ phone: local(12), name: "Siti Nurbaya", labels: ["cari"] });
    await create({ phone: local(13), name: "Ahmad Dahlan", labels: ["cari"] });
    const names = async (query: string) =>
      (await list(`label=cari&${query}`)).items.map((c) => c.name).sort();
    expect(await names("search=siti")).toEqual(["Siti Aminah", "Siti Nurbaya"]);
    expect(await names("search=NURBAYA")).toEqual(["Siti Nurbaya"]);
    expect(await names("search=0813555000")).toEqual(["Ahmad Dahlan", "Siti Aminah", "Siti Nurbaya"]);
    expect(await names(`search=${encodeURIComponent("0813-5550-0013")}`)).toEqual(["Ahmad Dahlan"]);
    expect(await names(`search=${encodeURIComponent("+62 813 5550 0012")}`)).toEqual(["Siti Nurbaya"]);
    expect(await names("search=6281355500011")).toEqual(["Siti Aminah"]);
    // LIKE wildcards are taken literally.
    expect(await names("search=%25")).toEqual([]);
    expect(await names("search=_")).toEqual([]);
    // Without the label filter, the local form finds the E.164 number among all contacts.
    const all = await list(`search=${encodeURIComponent(local(13))}`);
    expect(all.items.map((c) => c.phone)).toEqual([num(13)]);
  });

  it("adds and removes labels in bulk, and GET /contacts/labels counts them", async () => {
    const ids = [];
    for (const n of [21, 22, 23]) ids.push((await create({ phone: local(n), labels: ["lama"] })).id);
    expect(
      await ok(api("POST", "/contacts/bulk-label", { contactIds: ids, add: ["promo-juni", "reseller-x"] })),
    ).toEqual({ updated: 3 });
    let counts = await ok(api<Array<{ label: string; count: number }>>("GET", "/contacts/labels"));
    expect(counts).toEqual(
      expect.arrayContaining([
        { label: "promo-juni", count: 3 },
        { label: "reseller-x", count: 3 },
        { label: "lama", count: 3 },
      ]),
    );
    expect((await list("label=promo-juni")).total).toBe(3);
    // Remove from two, add and remove in the same call; adding a label twice keeps one.
    expect(
      await ok(
        api("POST", "/contacts/bulk-label", {
          contactIds: ids.slice(0, 2),
          remove: ["promo-juni", "lama"],
          add: ["reseller-x", "baru"],
        }),
      ),
    ).toEqual({ updated: 2 });
    counts = await ok(api<Array<{ label: string; count: number }>>("GET", "/contacts/labels"));
    const count = (label: string) => counts.find((c) => c.label === label)?.count;
    expect([count("promo-juni"), count("lama"), count("reseller-x"), count("baru")]).toEqual([1, 1, 3, 2]);
    expect((await get(ids[0]!)).labels.sort()).toEqual(["baru", "reseller-x"]);
    expect((await get(ids[2]!)).labels.sort()).toEqual(["lama", "promo-juni", "reseller-x"]);
    // Labels are listed in order, each once.
    expect(counts.map((c) => c.label)).toEqual([...new Set(counts.map((c) => c.label))].sort());
  });

  it("opts a contact out and back in, and filters by optedOut", async () => {
    const c = await create({ phone: local(31), name: "Berhenti" });
    const already = await create({ phone: local(32), name: "Sudah Berhenti", optedOut: true });
    expect(already.optedOutAt).not.toBeNull();
    const before = Date.now();
    const out = await ok(api<ContactDto>("PATCH", `/contacts/${c.id}`, { optedOut: true }));
    const after = Date.now();
    expect(out.optedOut).toBe(true);
    // Stamped by this request: between its start and its answer.
    expect(Date.parse(out.optedOutAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(out.optedOutAt!)).toBeLessThanOrEqual(after);
    const optedOut = await list("optedOut=true&pageSize=200");
    expect(optedOut.items.map((x) => x.id).sort()).toEqual([c.id, already.id].sort());
    expect(optedOut.total).toBe(2);
    expect((await list("optedOut=false&pageSize=200")).items.map((x) => x.id)).not.toContain(c.id);
    const back = await ok(api<ContactDto>("PATCH", `/contacts/${c.id}`, { optedOut: false }));
    expect(back).toMatchObject({ optedOut: false, optedOutAt: null });
    expect((await list("optedOut=true")).total).toBe(1);
  });

  it("pages through contacts newest first with the total on every page", async () => {
    const ids: string[] = [];
    for (let n = 41; n <= 47; n++) ids.push((await create({ phone: local(n), labels: ["halaman"] })).id);
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(await list(`label=halaman&pageSize=3&page=${page}`));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7, 7]);
    expect(pages.map((p) => [p.page, p.pageSize])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 3],
    ]);
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual([...ids].reverse());
    const everyone = await list("pageSize=1");
    expect(everyone.items).toHaveLength(1);
    expect(everyone.total).toBeGreaterThan(50);
  });
});

describe("imports", () => {
  it("keeps a name set by hand, while the import fills empty names, attributes and labels", async () => {
    const manual = await create({
      phone: local(51),
      name: "Ibu Sari",
      attributes: { kota: "Solo", catatan: "langganan" },
    });
    const nameless = await create({ phone: local(52) });
    const csv = [
      "nama,telepon,kota,toko",
      `Sari dari Impor,${local(51)},Bandung,Warung Sari`,
      `Joko Impor,+62 813 5550 0052,Depok,Toko Joko`,
      `Rina Baru,${num(53).slice(1)},Bogor,Toko Rina`,
    ].join("\n");
    const summary = await ok(
      uploadContacts(api, "pelanggan.csv", csv, { labels: "impor-juni, pameran" }),
      201,
    );
    expect(summary).toMatchObject({
      filename: "pelanggan.csv",
      status: "completed",
      totalRows: 3,
      created: 1,
      merged: 2,
      rejected: 0,
      labels: ["impor-juni", "pameran"],
      error: null,
    });
    expect(await get(manual.id)).toMatchObject({
      name: "Ibu Sari",
      attributes: { kota: "Bandung", catatan: "langganan", toko: "Warung Sari" },
      labels: ["impor-juni", "pameran"],
    });
    expect(await get(nameless.id)).toMatchObject({
      name: "Joko Impor",
      attributes: { kota: "Depok", toko: "Toko Joko" },
    });
    const [rina] = (await list(`search=${num(53).slice(1)}`)).items;
    expect(rina).toMatchObject({
      name: "Rina Baru",
      phone: num(53),
      attributes: { kota: "Bogor", toko: "Toko Rina" },
    });
    // A later import's name replaces an earlier import's name, never the one set by hand.
    await ok(
      uploadContacts(api, "ulang.csv", `nama,telepon\nJoko Santoso,${local(52)}\nSari Lagi,${local(51)}\n`),
      201,
    );
    expect((await get(nameless.id)).name).toBe("Joko Santoso");
    expect((await get(manual.id)).name).toBe("Ibu Sari");
    // Editing by hand makes the name stick from then on.
    await ok(api("PATCH", `/contacts/${nameless.id}`, { name: "Pak Joko" }));
    await ok(uploadContacts(api, "ulang2.csv", `nama,telepon\nJoko Lain,${local(52)}\n`), 201);
    expect((await get(nameless.id)).name).toBe("Pak Joko");
  });

  it("imports a CSV with bad rows: keeps the good ones and lists each rejected row by line and reason", async () => {
    const summary = await ok(uploadContacts(api, "bad-rows.csv", fixture("bad-rows.csv")), 201);
    expect(summary).toMatchObject({
      filename: "bad-rows.csv",
      status: "completed",
      totalRows: 10,
      created: 5,
      merged: 0,
      rejected: 5,
    });
    expect(await ok(api("GET", `/contacts/imports/${summary.id}`))).toEqual(summary);
    expect((await ok(api<ImportSummary[]>("GET", "/contacts/imports")))[0]).toEqual(summary);

    const rejected = await ok(api<RejectedRow[]>("GET", `/contacts/imports/${summary.id}/errors`));
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, 'invalid phone "123": too short'],
      [4, "no phone number"],
      [6, 'invalid phone "08l2-3456-7890": contains letters'],
      [9, 'unclosed quote (")'],
      [
        12,
        'invalid phone "6.28123E+12": number in scientific notation (digits lost: format the column as text)',
      ],
    ]);
    expect(rejected[0]!.raw).toBe("Rudi Hartono,123,Malang,pelanggan");

    const download = await api<string>("GET", `/contacts/imports/${summary.id}/errors?format=csv`);
    expect(download.status).toBe(200);
    expect(String(download.headers["content-type"])).toMatch(/^text\/csv/);
    expect(String(download.headers["content-disposition"])).toBe(
      `attachment; filename="import-${summary.id}-rejected.csv"`,
    );
    expect(download.text.startsWith("\ufeffline,reason,row\r\n")).toBe(true);
    const lines = download.text.slice(1).split("\r\n");
    expect(lines).toHaveLength(7); // header, 5 rows, and the final line break
    expect(lines[1]).toBe('3,"invalid phone ""123"": too short","Rudi Hartono,123,Malang,pelanggan"');
    expect(lines[4]).toBe('9,"unclosed quote ("")","Wawan Setiawan,""0857-2222-3333,Cirebon,pelanggan"');

    // The good rows are contacts now, with their labels and attributes.
    const [yusuf] = (await list("search=Ucup")).items;
    expect(yusuf).toMatchObject({
      phone: "+6281312345678",
      name: 'Yusuf "Ucup" Maulana',
      attributes: { kota: "Depok, Jawa Barat" },
    });
    expect(yusuf!.labels.sort()).toEqual(["reseller", "vip"]);
    expect((await list("search=Tono")).items[0]).toMatchObject({
      phone: "+6285611112222",
      attributes: { kota: "Jl. Mawar No. 3\nTangerang" },
    });
  });

  it("imports a Google Contacts export", async () => {
    // Budi's number is also in bad-rows.csv (imported above): remove it so every row is new here.
    for (const c of (await list("search=%2B6281234567890")).items)
      await ok(api("DELETE", `/contacts/${c.id}`), 204);
    const summary = await ok(uploadContacts(api, "contacts.csv", fixture("google-current.csv")), 201);
    expect(summary).toMatchObject({ status: "completed", totalRows: 7, created: 5, merged: 0, rejected: 2 });
    const rejected = await ok(api<RejectedRow[]>("GET", `/contacts/imports/${summary.id}/errors`));
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [5, "no phone number"],
      [9, 'invalid phone "0812": too short'],
    ]);
    const byPhone = async (phone: string) => (await list(`search=${encodeURIComponent(phone)}`)).items[0]!;
    expect(await byPhone("+6281234567890")).toMatchObject({
      name: "Budi Santoso",
      labels: ["Pelanggan"],
      attributes: {
        organization: "Toko Sumber Rejeki",
        email: "budi@sumberrejeki.co.id",
        other_phones: "+62215550123",
      },
    });
    const siti = await byPhone("+6281311112222");
    expect(siti).toMatchObject({
      name: "Siti Nurhaliza",
      attributes: { other_phones: "+6285733334444,+62215550199" },
    });
    expect(siti.labels.sort()).toEqual(["Reseller", "VIP"]);
    expect(await byPhone("+62315550777")).toMatchObject({
      name: "CV Maju Jaya",
      attributes: { organization: "CV Maju Jaya" },
      labels: ["Supplier"],
    });
    expect((await byPhone("+6285712345678")).attributes.note).toBe(
      "Pesan tiap Jumat\nAlamat: Jl. Melati No. 5",
    );
  });

  it("follows an explicit column mapping and delimiter", async () => {
    const csv = `Pelanggan;Nomor Kantor;Nomor Pribadi;Kota\nBambang;021-5550123;${local(61)};Klaten\n`;
    const mapping = JSON.stringify({
      name: "Pelanggan",
      phone: "Nomor Pribadi",
      attributes: { city: "Kota" },
    });
    const summary = await ok(uploadContacts(api, "kantor.csv", csv, { delimiter: ";", mapping }), 201);
    expect(summary).toMatchObject({ created: 1, rejected: 0 });
    expect((await list(`search=${local(61)}`)).items[0]).toMatchObject({
      name: "Bambang",
      phone: num(61),
      attributes: { city: "Klaten" },
    });
  });

  it("reports a mapping to a column the file does not have as a rejected header line", async () => {
    const summary = await ok(
      uploadContacts(api, "salah.csv", `nama,telepon\nA,${local(62)}\n`, {
        mapping: JSON.stringify({ phone: "No WA" }),
      }),
      201,
    );
    expect(summary).toMatchObject({ created: 0, rejected: 1 });
    const [row] = await ok(api<RejectedRow[]>("GET", `/contacts/imports/${summary.id}/errors`));
    expect(row!.line).toBe(1);
    expect(row!.reason).toContain('"No WA"');
  });

  it("an imported contact can be saved back exactly as the API shows it", async () => {
    const question = "Berapa kali Anda berbelanja di toko kami dalam sebulan?";
    const longLabel = "Pelanggan grosir yang belanja rutin setiap awal bulan";
    const csv = `nama,telepon,${question},2024 Total,label\nFitri,${local(90)},3,100,${longLabel}\n`;
    await ok(uploadContacts(api, "formulir.csv", csv, { labels: "x".repeat(60) }), 201);
    const c = (await list(`search=${local(90)}`)).items[0]!;
    const r = await api("PATCH", `/contacts/${c.id}`, {
      name: c.name,
      labels: c.labels,
      attributes: c.attributes,
    });
    expect(r.status, r.text).toBe(200);
    for (const label of c.labels) {
      expect((await api("GET", `/contacts?label=${encodeURIComponent(label)}`)).status).toBe(200);
      expect(
        (await api("POST", "/contacts/bulk-label", { contactIds: [c.id], remove: [label] })).status,
      ).toBe(200);
    }
  });

  it("refuses an upload without a file, or with a mapping that is not JSON", async () => {
    const noFile = multipartBody([{ name: "catatan", value: "lupa berkas" }]);
    const r = await api("POST", "/contacts/imports", noFile.payload, { headers: noFile.headers });
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: "file_required", fields: { file: "required" } });
    const bad = await uploadContacts(api, "a.csv", "telepon\n081355500099\n", { mapping: "{phone:" });
    expect(bad.status).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: "invalid_mapping", fields: { mapping: "invalid JSON" } });
    expect((await list("search=081355500099")).total).toBe(0);
  });
});
