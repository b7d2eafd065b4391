import { MantineProvider } from "@mantine/core";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../../i18n";
import type { ImportPreview } from "../../../api/types";
import { MappingStep } from "./MappingStep";

/** What POST /contacts/imports/preview answers for a shop's CSV (as the server suggests it). */
const shopCsv: ImportPreview = {
  format: "csv",
  line: 1,
  headers: ["nama", "telepon", "kota", "grup"],
  rows: [
    ["Andi Wijaya", "081234567890", "Surabaya", "vip;grosir"],
    ["Rudi Hartono", "0857-2222-3333", "Malang", ""],
  ],
  suggested: { phone: "telepon", name: "nama", labels: ["grup"], attributes: { kota: "kota" } },
  problem: null,
};

/** A Google Contacts export (current headers, the columns that matter) as the server previews it. */
const googleCsv: ImportPreview = {
  format: "google",
  line: 1,
  headers: [
    "First Name",
    "Last Name",
    "Organization Name",
    "Notes",
    "Labels",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Phone 2 - Label",
    "Phone 2 - Value",
  ],
  rows: [
    [
      "Budi",
      "Santoso",
      "",
      "",
      "Pelanggan ::: * myContacts",
      "Mobile",
      "0812-3456-7890",
      "Work",
      "(021) 555-0123",
    ],
    [
      "Siti",
      "Nurhaliza",
      "",
      "",
      "* starred ::: VIP ::: Reseller ::: * myContacts",
      "Home",
      "+62 21 5550 199",
      "Mobile",
      "+62 813-1111-2222 ::: +62 857-3333-4444",
    ],
    ["", "", "CV Maju Jaya", "", "Supplier ::: * myContacts", "Work", "+62 31 5550 777", "", ""],
  ],
  suggested: {
    phone: ["Phone 1 - Value", "Phone 2 - Value"],
    name: ["First Name", "Last Name"],
    labels: ["Labels"],
    attributes: { organization: "Organization Name", note: "Notes" },
  },
  problem: null,
};

function show(preview: ImportPreview) {
  const onSubmit = vi.fn();
  render(
    <MantineProvider env="test">
      <MappingStep preview={preview} onSubmit={onSubmit} onBack={() => {}} submitting={false} error={null} />
    </MantineProvider>,
  );
  return onSubmit;
}

/** Picks what column `header` becomes in its select. */
function setRole(header: string, role: string) {
  fireEvent.click(screen.getByRole("textbox", { name: `Kolom ${header} dijadikan` }));
  fireEvent.click(screen.getByRole("option", { name: role }));
}

/** The preview's cells of one kind (`phone`, `name`, `labels`, `attributes`), row by row. */
const previewCells = (kind: string) => screen.getAllByTestId(`preview-${kind}`).map((el) => el.textContent);

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});

describe("the import mapping step", () => {
  it("shows the first rows as the suggested mapping reads them, and sends no mapping when nothing changed", () => {
    const onSubmit = show(shopCsv);
    expect(previewCells("phone")).toEqual(["081234567890", "0857-2222-3333"]);
    expect(previewCells("name")).toEqual(["Andi Wijaya", "Rudi Hartono"]);
    expect(previewCells("labels")).toEqual(["vipgrosir", ""]);
    expect(previewCells("attributes")).toEqual(["kota: Surabaya", "kota: Malang"]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({ mapping: undefined, labels: [] });
  });

  it("a column mapped to label, ignored or renamed changes the preview and the mapping sent", () => {
    const onSubmit = show(shopCsv);
    setRole("kota", "Label");
    expect(previewCells("labels")).toEqual(["Surabayavipgrosir", "Malang"]);
    expect(previewCells("attributes")).toEqual(["—", "—"]);
    setRole("grup", "Abaikan");
    expect(previewCells("labels")).toEqual(["Surabaya", "Malang"]);
    setRole("nama", "Atribut");
    fireEvent.change(screen.getByRole("textbox", { name: "Nama atribut untuk kolom nama" }), {
      target: { value: "pemilik" },
    });
    expect(previewCells("name")).toEqual(["—", "—"]);
    expect(previewCells("attributes")).toEqual(["pemilik: Andi Wijaya", "pemilik: Rudi Hartono"]);

    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({
      mapping: { phone: ["telepon"], name: [], labels: ["kota"], attributes: { pemilik: "nama" } },
      labels: [],
    });
  });

  it("several phone columns: the preview shows every number, the mobile one first, and all are sent", () => {
    const onSubmit = show({
      ...shopCsv,
      headers: ["nama", "telepon", "no wa", "grup"],
      rows: [["Andi", "0315550123", "081234567890", ""]],
      suggested: { phone: "telepon", name: "nama", labels: [], attributes: {} },
    });
    expect(previewCells("phone")).toEqual(["0315550123"]);
    expect(screen.queryByTestId("several-phones")).toBeNull();
    setRole("no wa", "Nomor telepon");
    expect(previewCells("phone")).toEqual(["081234567890"]);
    expect(previewCells("other-phones")).toEqual(["+ nomor lain: 0315550123"]);
    expect(screen.getByTestId("several-phones")).toBeTruthy();
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit.mock.calls[0]![0].mapping).toMatchObject({ phone: ["telepon", "no wa"], name: "nama" });
  });

  it("a Google Contacts export keeps Google's meaning in the preview and the mapping once a column is touched", () => {
    const onSubmit = show(googleCsv);
    const expectGoogleRows = () => {
      expect(previewCells("phone")).toEqual(["0812-3456-7890", "+62 813-1111-2222", "+62 31 5550 777"]);
      expect(previewCells("other-phones")).toEqual([
        "+ nomor lain: (021) 555-0123",
        "+ nomor lain: +62 857-3333-4444, +62 21 5550 199",
      ]);
      expect(previewCells("name")).toEqual(["Budi Santoso", "Siti Nurhaliza", "CV Maju Jaya"]);
      expect(previewCells("labels")).toEqual(["Pelanggan", "VIPReseller", "Supplier"]);
    };
    expectGoogleRows();
    // Touching one column sends a mapping: the preview and the mapping keep every number and label.
    fireEvent.change(screen.getByRole("textbox", { name: "Nama atribut untuk kolom Notes" }), {
      target: { value: "catatan" },
    });
    expectGoogleRows();
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit.mock.calls[0]![0].mapping).toEqual({
      phone: ["Phone 1 - Value", "Phone 2 - Value"],
      name: ["First Name", "Last Name"],
      labels: ["Labels"],
      attributes: { organization: "Organization Name", catatan: "Notes" },
    });
  });

  it("a Google phone column set to ignore is left out of the preview and the mapping", () => {
    const onSubmit = show(googleCsv);
    setRole("Phone 2 - Value", "Abaikan");
    expect(previewCells("phone")).toEqual(["0812-3456-7890", "+62 21 5550 199", "+62 31 5550 777"]);
    expect(screen.queryAllByTestId("preview-other-phones").map((el) => el.textContent)).toEqual([]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit.mock.calls[0]![0].mapping).toMatchObject({ phone: ["Phone 1 - Value"] });
  });

  it("requires a phone column: nothing is sent until one is chosen", () => {
    const noPhone: ImportPreview = {
      ...shopCsv,
      headers: ["Pelanggan", "Kontak Utama"],
      rows: [["Budi", "081234567890"]],
      suggested: { name: "Pelanggan", labels: [], attributes: {} },
      problem: "no phone column found",
    };
    const onSubmit = show(noPhone);
    expect(screen.getByTestId("detect-problem")).toBeTruthy();
    expect(previewCells("phone")).toEqual(["tanpa nomor"]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId("phone-required").textContent).toBe("Pilih satu kolom sebagai nomor telepon.");

    setRole("Kontak Utama", "Nomor telepon");
    expect(screen.queryByTestId("phone-required")).toBeNull();
    expect(previewCells("phone")).toEqual(["081234567890"]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({
      mapping: { phone: ["Kontak Utama"], name: "Pelanggan", labels: [], attributes: {} },
      labels: [],
    });
  });

  it("an attribute name templates cannot use is shown on the field and not sent", () => {
    const onSubmit = show(shopCsv);
    fireEvent.change(screen.getByRole("textbox", { name: "Nama atribut untuk kolom kota" }), {
      target: { value: "1 kota" },
    });
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("Huruf, angka dan _ saja; tidak diawali angka")).toBeTruthy();
  });

  it("a vCard has no columns: only labels for every contact, sent without a mapping", () => {
    const onSubmit = show({
      format: "vcard",
      line: 1,
      headers: [],
      rows: [],
      suggested: { attributes: {} },
      problem: null,
    });
    expect(screen.queryByTestId("mapping-columns")).toBeNull();
    expect(screen.getByTestId("detected-format").textContent).toBe("vCard");
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({ mapping: undefined, labels: [] });
  });
});
