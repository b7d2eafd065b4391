import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import { AGENT, OWNER } from "../automation/testing";
import i18n from "../../i18n";
import { ProductsPage } from "./ProductsPage";

const KOPI = {
  id: "44444444-4444-4444-8444-444444444444",
  sku: "KOPI-250",
  name: "Kopi Gayo 250 g",
  price: 15000,
  category: "Kopi",
  image: null,
  active: true,
  consumptionDays: 14,
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
};

let products: (typeof KOPI)[] = [];
let user = OWNER;
const calls: { method: string; path: string; body: unknown }[] = [];

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  calls.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "");
      const method = init?.method ?? "GET";
      calls.push({ method, path, body: init?.body });
      let body: unknown;
      if (path.startsWith("/products/categories")) body = [{ category: "Kopi", count: products.length }];
      else if (path === "/products/imports")
        body = {
          created: 2,
          updated: 1,
          rejected: 1,
          errors: [
            {
              line: 4,
              field: "price",
              message: { id: 'Harga "murah" bukan rupiah bulat', en: 'Price "murah" is not whole rupiah' },
            },
          ],
        };
      else if (path.startsWith("/products"))
        body = { items: products, total: products.length, page: 1, pageSize: 50 };
      else if (path === "/auth/session") body = { user };
      else body = { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  products = [];
  user = OWNER;
});

function renderPage() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The signed-in user is known from the start, as after sign-in: what an agent sees is not a loading state.
  qc.setQueryData(keys.me, user);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>
          <ProductsPage />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("the products page", () => {
  it("lists a product with its price in rupiah and its interval in days", async () => {
    products = [KOPI];
    renderPage();
    const row = (await screen.findAllByTestId("product-row"))[0]!;
    expect(row.textContent).toContain("KOPI-250");
    expect(row.textContent).toContain("Kopi Gayo 250 g");
    expect(row.textContent).toContain("Rp15.000");
    expect(row.textContent).toContain("14 hari");
    expect(within(row).getByRole("switch", { name: "Aktifkan Kopi Gayo 250 g" })).toHaveProperty(
      "checked",
      true,
    );
  });

  it("offers add and import when the catalogue is empty", async () => {
    renderPage();
    const empty = await screen.findByTestId("products-empty");
    expect(await within(empty).findByRole("button", { name: "Tambah produk" })).toBeTruthy();
    expect(within(empty).getByRole("button", { name: "Impor" })).toBeTruthy();
  });

  it("shows an agent the catalogue without add, import or edit", async () => {
    user = AGENT;
    products = [KOPI];
    renderPage();
    const row = (await screen.findAllByTestId("product-row"))[0]!;
    expect(screen.queryByTestId("product-add")).toBeNull();
    expect(screen.queryByTestId("products-import")).toBeNull();
    expect(within(row).getByRole("switch")).toHaveProperty("disabled", true);
    expect(within(row).queryByText("Ubah")).toBeNull();
  });

  it("imports a file and shows each rejected line with its column and problem", async () => {
    products = [KOPI];
    renderPage();
    fireEvent.click(await screen.findByTestId("products-import"));
    await screen.findByText("Impor produk");
    const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File(["sku,nama,harga\n"], "produk.csv", { type: "text/csv" });
    fireEvent.change(input, { target: { files: [file] } });
    const result = await screen.findByTestId("products-import-result");
    expect(result.textContent).toContain("2 ditambahkan, 1 diperbarui, 1 ditolak");
    const errors = within(result).getByTestId("products-import-errors");
    const line = within(errors).getByText("4").closest("tr")!;
    expect(line.textContent).toContain("price");
    expect(line.textContent).toContain('Harga "murah" bukan rupiah bulat');
    expect(calls.some((c) => c.method === "POST" && c.path === "/products/imports")).toBe(true);
  });

  it("adds a product with the price typed in rupiah", async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId("product-add"));
    fireEvent.change(await screen.findByTestId("product-sku"), { target: { value: "TEH-01" } });
    fireEvent.change(screen.getByTestId("product-name"), { target: { value: "Teh Melati" } });
    fireEvent.change(screen.getByTestId("product-price"), { target: { value: "Rp15.000" } });
    fireEvent.change(screen.getByTestId("product-interval"), { target: { value: "30" } });
    fireEvent.click(screen.getByTestId("product-save"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.path === "/products")).toBe(true));
    const post = calls.find((c) => c.method === "POST" && c.path === "/products")!;
    expect(JSON.parse(String(post.body))).toMatchObject({
      sku: "TEH-01",
      name: "Teh Melati",
      price: 15000,
      consumptionDays: 30,
      active: true,
    });
  });

  it("switches a product off from the table and deletes one only after confirming", async () => {
    products = [KOPI];
    renderPage();
    const row = (await screen.findAllByTestId("product-row"))[0]!;
    fireEvent.click(within(row).getByRole("switch", { name: "Aktifkan Kopi Gayo 250 g" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    const patch = calls.find((c) => c.method === "PATCH")!;
    expect(patch.path).toBe(`/products/${KOPI.id}`);
    expect(JSON.parse(String(patch.body))).toEqual({ active: false });

    fireEvent.click(within(row).getByTestId("product-delete"));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    const dialog = await screen.findByRole("dialog", { name: "Hapus produk ini?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Hapus" }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "DELETE" && c.path === `/products/${KOPI.id}`)).toBe(true),
    );
  });
});
