import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../../i18n";
import type { ImportPreview, PreviewRow, PreviewRows, ReadPreviewRowsInput } from "../../../api/types";
import { OWNER } from "../../automation/testing";
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

/** A row as the server reads it (override any field). */
const row = (r: Partial<PreviewRow>): PreviewRow => ({
  line: 2,
  ok: true,
  phone: "+6281234567890",
  otherPhones: [],
  name: null,
  labels: [],
  attributes: {},
  reason: null,
  ...r,
});

/** What the server answers to POST /contacts/imports/preview/rows in this test; the bodies it got. */
let answer: (input: ReadPreviewRowsInput) => PreviewRows;
let asked: ReadPreviewRowsInput[];
/** The shop's outlets (one: no outlet picker). */
let outlets: Array<{ id: string; name: string }>;

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

beforeEach(() => {
  asked = [];
  answer = () => ({ problem: null, rows: [] });
  outlets = [{ id: "o1", name: "Toko Contoh" }];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      if (url.endsWith("/auth/session")) return json({ user: OWNER });
      if (url.endsWith("/outlets")) return json(outlets);
      expect(url).toMatch(/\/contacts\/imports\/preview\/rows$/);
      const input = JSON.parse(String(init.body)) as ReadPreviewRowsInput;
      asked.push(input);
      return new Response(JSON.stringify(answer(input)), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(preview: ImportPreview) {
  const onSubmit = vi.fn();
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MappingStep
          preview={preview}
          onSubmit={onSubmit}
          onBack={() => {}}
          submitting={false}
          error={null}
        />
      </MantineProvider>
    </QueryClientProvider>,
  );
  return onSubmit;
}

/** Picks what column `header` becomes in its select. */
function setRole(header: string, role: string) {
  fireEvent.click(screen.getByRole("textbox", { name: `Kolom ${header} dijadikan` }));
  fireEvent.click(screen.getByRole("option", { name: role }));
}

/** The preview's cells of one kind (`phone`, `name`, `labels`, `attributes`), row by row. */
const previewCells = (kind: string) => screen.queryAllByTestId(`preview-${kind}`).map((el) => el.textContent);

/** Waits until the preview shows these cells of `kind` (the server's answer arrived). */
const expectCells = (kind: string, cells: string[]) =>
  waitFor(() => expect(previewCells(kind)).toEqual(cells));

/** The mapping of the last preview request. */
const lastAsked = () => asked.at(-1)!;

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});

describe("the import mapping step", () => {
  it("shows the rows as the server reads them under the detection, and sends no mapping when nothing changed", async () => {
    answer = () => ({
      problem: null,
      rows: [
        row({
          name: "Andi Wijaya",
          labels: ["vip", "grosir"],
          attributes: { kota: "Surabaya" },
          otherPhones: ["+62315550123"],
        }),
        row({ line: 3, ok: false, phone: null, reason: 'invalid phone "0857": too short' }),
      ],
    });
    const onSubmit = show(shopCsv);
    await expectCells("phone", ["+62 812-3456-7890", "tidak diimpor"]);
    expect(lastAsked()).toEqual({
      format: "csv",
      line: 1,
      headers: shopCsv.headers,
      rows: shopCsv.rows,
    });
    expect(previewCells("other-phones")).toEqual(["+ nomor lain: +62 31 5550123"]);
    expect(previewCells("reason")).toEqual(['nomor tidak valid "0857": terlalu pendek']);
    expect(previewCells("name")).toEqual(["Andi Wijaya", "—"]);
    expect(previewCells("labels")).toEqual(["vipgrosir", ""]);
    expect(previewCells("attributes")).toEqual(["kota: Surabaya", "—"]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({ mapping: undefined, labels: [], homeOutletId: null });
  });

  it("a column mapped to label, ignored or renamed asks again with the mapping the import will get", async () => {
    answer = (input) => ({
      problem: null,
      rows: [row({ name: input.mapping ? "dibaca ulang" : "Andi Wijaya" })],
    });
    const onSubmit = show(shopCsv);
    await expectCells("name", ["Andi Wijaya"]);
    setRole("kota", "Label");
    setRole("grup", "Abaikan");
    setRole("nama", "Atribut");
    fireEvent.change(screen.getByRole("textbox", { name: "Nama atribut untuk kolom nama" }), {
      target: { value: "pemilik" },
    });
    const mapping = { phone: ["telepon"], name: [], labels: ["kota"], attributes: { pemilik: "nama" } };
    await waitFor(() => expect(lastAsked().mapping).toEqual(mapping));
    await expectCells("name", ["dibaca ulang"]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({ mapping, labels: [], homeOutletId: null });
  });

  it("several phone columns: all are asked for and sent, with a note", async () => {
    const onSubmit = show({
      ...shopCsv,
      headers: ["nama", "telepon", "no wa", "grup"],
      rows: [["Andi", "0315550123", "081234567890", ""]],
      suggested: { phone: "telepon", name: "nama", labels: [], attributes: {} },
    });
    expect(screen.queryByTestId("several-phones")).toBeNull();
    setRole("no wa", "Nomor telepon");
    expect(screen.getByTestId("several-phones")).toBeTruthy();
    await waitFor(() => expect(lastAsked().mapping).toMatchObject({ phone: ["telepon", "no wa"] }));
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit.mock.calls[0]![0].mapping).toMatchObject({ phone: ["telepon", "no wa"], name: "nama" });
  });

  it("a Google Contacts export: touching one column sends every phone column, its labels and name columns", async () => {
    const onSubmit = show(googleCsv);
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]!.mapping).toBeUndefined();
    fireEvent.change(screen.getByRole("textbox", { name: "Nama atribut untuk kolom Notes" }), {
      target: { value: "catatan" },
    });
    const mapping = {
      phone: ["Phone 1 - Value", "Phone 2 - Value"],
      name: ["First Name", "Last Name"],
      labels: ["Labels"],
      attributes: { organization: "Organization Name", catatan: "Notes" },
    };
    await waitFor(() => expect(lastAsked().mapping).toEqual(mapping));
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit.mock.calls[0]![0].mapping).toEqual(mapping);
  });

  it("a Google phone column set to ignore is left out of the mapping", async () => {
    const onSubmit = show(googleCsv);
    setRole("Phone 2 - Value", "Abaikan");
    await waitFor(() => expect(lastAsked().mapping).toMatchObject({ phone: ["Phone 1 - Value"] }));
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit.mock.calls[0]![0].mapping).toMatchObject({ phone: ["Phone 1 - Value"] });
  });

  it("requires a phone column: nothing is asked or sent until one is chosen", async () => {
    answer = () => ({ problem: null, rows: [row({ name: "Budi" })] });
    const noPhone: ImportPreview = {
      ...shopCsv,
      headers: ["Pelanggan", "Kontak Utama"],
      rows: [["Budi", "081234567890"]],
      suggested: { name: "Pelanggan", labels: [], attributes: {} },
      problem: "no phone column found",
    };
    const onSubmit = show(noPhone);
    expect(screen.getByTestId("detect-problem")).toBeTruthy();
    expect(previewCells("phone")).toEqual([]);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId("phone-required").textContent).toBe("Pilih satu kolom sebagai nomor telepon.");
    expect(asked).toEqual([]);

    setRole("Kontak Utama", "Nomor telepon");
    expect(screen.queryByTestId("phone-required")).toBeNull();
    await expectCells("phone", ["+62 812-3456-7890"]);
    const mapping = { phone: ["Kontak Utama"], name: "Pelanggan", labels: [], attributes: {} };
    expect(lastAsked().mapping).toEqual(mapping);
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).toHaveBeenCalledWith({ mapping, labels: [], homeOutletId: null });
  });

  it("an attribute name templates cannot use is shown on the field, not asked for and not sent", async () => {
    const onSubmit = show(shopCsv);
    await waitFor(() => expect(asked).toHaveLength(1));
    fireEvent.change(screen.getByRole("textbox", { name: "Nama atribut untuk kolom kota" }), {
      target: { value: "1 kota" },
    });
    fireEvent.click(screen.getByTestId("import-submit"));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText("Huruf, angka dan _ saja; tidak diawali angka")).toBeTruthy();
    expect(asked.map((a) => a.mapping?.attributes)).not.toContainEqual(
      expect.objectContaining({ "1 kota": "kota" }),
    );
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
    expect(onSubmit).toHaveBeenCalledWith({ mapping: undefined, labels: [], homeOutletId: null });
    expect(asked).toEqual([]);
  });

  it("homes the new contacts in the outlet chosen, offered only when the shop has two outlets or more", async () => {
    outlets = [
      { id: "o1", name: "Cabang Solo" },
      { id: "o2", name: "Cabang Bogor" },
    ];
    const onSubmit = show(shopCsv);
    fireEvent.click(await screen.findByTestId("import-outlet"));
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bogor" }));
    fireEvent.click(screen.getByTestId("import-submit"));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0].homeOutletId).toBe("o2");
  });
});
