import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { collect } from "../../../../test/fixtures/contacts/helpers.js";
import { parseContacts, suggestMapping } from "./index.js";

describe("suggestMapping", () => {
  it("names the columns the automatic detection would use, the WA column first among the phone columns (the other one is an other number, not an attribute)", () => {
    expect(
      suggestMapping("csv", ["Nama Depan", "Nama Belakang", "Telepon", "No WA", "Grup", "Kota Asal"]),
    ).toEqual({
      mapping: {
        phone: ["No WA", "Telepon"],
        name: ["Nama Depan", "Nama Belakang"],
        labels: ["Grup"],
        attributes: { kota_asal: "Kota Asal" },
      },
      problem: null,
    });
  });

  it("gives the reason when no phone column is recognised", () => {
    const { mapping, problem } = suggestMapping("csv", ["Pelanggan", "Kontak"]);
    expect(mapping).toEqual({ attributes: {} });
    expect(problem).toMatch(/^no phone column found .*"Pelanggan", "Kontak"$/);
  });

  it("names every Google phone column and the name parts", () => {
    const { mapping } = suggestMapping("google", [
      "First Name",
      "Last Name",
      "Labels",
      "Phone 1 - Label",
      "Phone 1 - Value",
      "Phone 2 - Label",
      "Phone 2 - Value",
    ]);
    expect(mapping).toMatchObject({
      phone: ["Phone 1 - Value", "Phone 2 - Value"],
      name: ["First Name", "Last Name"],
      labels: ["Labels"],
    });
  });
});

describe("an explicit mapping", () => {
  const csv =
    "Depan,Belakang,HP,Grup,Minat,opted_out,created_at\nSri,Wahyuni,081234567890,vip,batik|tenun,yes,2026-01-01 10:00\n";

  it("joins several name columns and reads several label columns; empty lists mean none", async () => {
    const [one] = await collect(
      parseContacts(Readable.from([csv]), {
        mapping: { phone: "HP", name: ["Depan", "Belakang"], labels: ["Grup", "Minat"], attributes: {} },
      }),
    );
    expect(one).toMatchObject({
      ok: true,
      contact: { name: "Sri Wahyuni", labels: ["vip", "batik", "tenun"], attributes: {} },
    });
    const [none] = await collect(
      parseContacts(Readable.from([csv]), { mapping: { phone: "HP", name: [], labels: [], attributes: {} } }),
    );
    expect(none).toMatchObject({ ok: true, contact: { labels: [], attributes: {} } });
    expect(none?.ok && none.contact.name).toBeUndefined();
  });

  it("never turns the record columns of Kabar's own export into attributes", async () => {
    const [auto] = await collect(parseContacts(Readable.from([csv.replace("HP", "phone")])));
    expect(auto?.ok && Object.keys(auto.contact.attributes).sort()).toEqual(["belakang", "depan", "minat"]);
  });
});
