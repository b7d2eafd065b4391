import { describe, expect, it } from "vitest";
import { mapHeaders, parseRupiah, readProductRow } from "./import-rows.js";

describe("parseRupiah", () => {
  it("reads the ways shops write a price", () => {
    for (const [text, value] of [
      ["15000", 15000],
      ["15.000", 15000],
      ["Rp15.000", 15000],
      ["Rp 15.000", 15000],
      ["rp. 1.250.000", 1250000],
      ["Rp15.000,00", 15000],
      ["IDR 15,000", 15000],
      ["15000.00", 15000],
      ["0", 0],
    ] as const) {
      expect(parseRupiah(text), text).toBe(value);
    }
  });
  it("refuses what is not a whole non-negative rupiah amount", () => {
    for (const text of ["", "-5000", "15.5", "15.000,50", "1.50", "gratis", "15.00.0", "Rp"]) {
      expect(parseRupiah(text), text).toBeNull();
    }
  });
});

describe("mapHeaders", () => {
  it("finds columns by their Indonesian or English names, in any case and spacing", () => {
    expect(mapHeaders(["Kode SKU", "Nama Produk", "Harga", "Kategori", "Hari Habis", "Aktif"])).toEqual({
      columns: { sku: 0, name: 1, price: 2, category: 3, consumptionDays: 4, active: 5 },
    });
    expect(mapHeaders(["SKU", "Name", "Price", "Category", "Consumption days", "Active"])).toMatchObject({
      columns: { sku: 0, name: 1, price: 2, category: 3, consumptionDays: 4, active: 5 },
    });
    expect(mapHeaders(["sku", "nama", "harga", "interval"])).toMatchObject({
      columns: { consumptionDays: 3 },
    });
  });
  it("names the missing required columns", () => {
    const r = mapHeaders(["SKU", "Kategori"]);
    expect(r).toEqual({
      missing: {
        id: "kolom nama, harga tidak ada di baris judul",
        en: "the header row has no name, price column",
      },
    });
  });
});

describe("readProductRow", () => {
  const columns = { sku: 0, name: 1, price: 2, category: 3, consumptionDays: 4, active: 5 };
  it("reads a good row; an empty category or interval clears it and an empty active means active", () => {
    expect(readProductRow(columns, 2, ["KOPI-1", "Kopi", "Rp15.000", "", "", ""])).toEqual({
      ok: true,
      product: {
        line: 2,
        sku: "KOPI-1",
        name: "Kopi",
        price: 15000,
        category: null,
        consumptionDays: null,
        active: true,
      },
    });
    expect(readProductRow(columns, 3, ["K", "Kopi", "1", "Kopi", "14", "tidak"])).toMatchObject({
      ok: true,
      product: { category: "Kopi", consumptionDays: 14, active: false },
    });
  });
  it("leaves out a column the file does not have (an update keeps it)", () => {
    const r = readProductRow({ sku: 0, name: 1, price: 2 }, 2, ["K", "Kopi", "1"]);
    expect(r).toEqual({ ok: true, product: { line: 2, sku: "K", name: "Kopi", price: 1 } });
  });
  it("reports every bad cell of a row with its line and column", () => {
    const r = readProductRow(columns, 7, ["", "Kopi", "murah", "", "0", "mungkin"]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [7, "sku"],
      [7, "price"],
      [7, "consumptionDays"],
      [7, "active"],
    ]);
    expect(r.errors[1]!.message.id).toContain("murah");
  });
});
