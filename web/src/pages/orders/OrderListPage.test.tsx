import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { OrderSummary } from "../../api/orders";
import { AGENT, OWNER } from "../automation/testing";
import { OrderListPage } from "./OrderListPage";
import { type Call, fakeApi, orderSummary, product, queriesOf, showAt } from "./testing";

let calls: Call[];

/** GET /outlets (none: answered null, as a shop that never set outlets up). */
let outlets: Array<{ id: string; name: string }> | null = null;

/** The list page with `orders` on the server; a filtered query answers `filtered` (default: the same). */
function show(orders: OrderSummary[], filtered: OrderSummary[] = orders, role: "owner" | "agent" = "owner") {
  calls = fakeApi((_m, path) => {
    const [base, query = ""] = path.split("?");
    if (base === "/auth/session") return { user: role === "owner" ? OWNER : AGENT };
    if (base === "/outlets") return outlets;
    if (base === "/products") return { items: [product()], total: 1, page: 1, pageSize: 20 };
    if (base === "/orders") {
      const qs = new URLSearchParams(query);
      const any = [...qs.keys()].some((k) => k !== "page" && k !== "pageSize");
      const items = any ? filtered : orders;
      return { items, total: items.length, page: 1, pageSize: 25 };
    }
    return null;
  });
  showAt("/orders", "/orders", <OrderListPage />);
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => {
  vi.unstubAllGlobals();
  outlets = null;
});

describe("the order list", { timeout: 20_000 }, () => {
  it("shows each order's number, customer, items, total in rupiah, payment and status", async () => {
    show([
      orderSummary(),
      orderSummary({
        id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
        number: "INV/2026/12/0002",
        status: "shipped",
        customer: { contactId: null, name: null, phone: "+6285700001111" },
        total: 1234500,
        paymentMethod: "cod",
      }),
    ]);
    const rows = await screen.findAllByTestId("order-row");
    const cells = rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent));
    expect(cells[0]).toEqual([
      "INV/2026/12/0001",
      "1 Des 2026, 10.00 WIB",
      "Budi+62 812-3456-7890",
      "2",
      "Rp150.000",
      "Transfer bank",
      "Baru",
    ]);
    expect(cells[1]?.[2]).toBe("+62 857-0000-1111");
    expect(cells[1]?.[4]).toBe("Rp1.234.500");
    expect(cells[1]?.[6]).toBe("Dikirim");
    expect(
      within(rows[0] as HTMLElement)
        .getByRole("link", { name: "INV/2026/12/0001" })
        .getAttribute("href"),
    ).toBe("/orders/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
  });

  it("asks the server with every filter set, and exports what the filters match", async () => {
    show([orderSummary()]);
    await screen.findAllByTestId("order-row");
    fireEvent.click(screen.getByRole("textbox", { name: "Status" }));
    fireEvent.click(await screen.findByRole("option", { name: "Dikonfirmasi" }));
    fireEvent.click(await screen.findByRole("option", { name: "Dibayar" }));
    fireEvent.click(screen.getByRole("textbox", { name: "Pembayaran" }));
    fireEvent.click(await screen.findByRole("option", { name: "QRIS" }));
    fireEvent.change(screen.getByTestId("filter-from"), { target: { value: "2026-12-01" } });
    fireEvent.change(screen.getByTestId("filter-to"), { target: { value: "2026-12-06" } });
    fireEvent.click(screen.getByRole("textbox", { name: "Produk" }));
    fireEvent.click(await screen.findByRole("option", { name: "Kopi Gayo 250 g · KOPI-250 · Rp75.000" }));
    fireEvent.change(screen.getByTestId("order-search"), { target: { value: "budi" } });
    await waitFor(() => expect(queriesOf(calls, "/orders").at(-1)?.get("search")).toBe("budi"));
    const last = queriesOf(calls, "/orders").at(-1) as URLSearchParams;
    expect(last.getAll("status")).toEqual(["confirmed", "paid"]);
    expect(Object.fromEntries([...last].filter(([k]) => k !== "status"))).toEqual({
      search: "budi",
      paymentMethod: "qris",
      from: "2026-12-01",
      to: "2026-12-06",
      productId: product().id,
      page: "1",
      pageSize: "25",
    });
    fireEvent.click(screen.getByTestId("export-menu"));
    const xlsx = new URL(
      (await screen.findByTestId("export-xlsx")).getAttribute("href") as string,
      "http://x",
    );
    expect(xlsx.pathname).toBe("/api/v1/orders/export");
    expect(xlsx.searchParams.getAll("status")).toEqual(["confirmed", "paid"]);
    expect(xlsx.searchParams.get("from")).toBe("2026-12-01");
    expect(xlsx.searchParams.get("format")).toBe("xlsx");
  });

  it("offers to write the first order when the shop has none", async () => {
    show([]);
    const empty = await screen.findByTestId("empty");
    expect(empty.textContent).toContain("Belum ada pesanan");
    expect(within(empty).getByRole("link", { name: "Buat pesanan" }).getAttribute("href")).toBe(
      "/orders/new",
    );
    expect(screen.queryByTestId("empty-clear")).toBeNull();
  });

  it("offers to clear the filters when they match nothing, and clearing lists every order again", async () => {
    show([orderSummary()], []);
    await screen.findAllByTestId("order-row");
    fireEvent.change(screen.getByTestId("filter-from"), { target: { value: "2026-01-01" } });
    const empty = await screen.findByTestId("empty");
    expect(empty.textContent).toContain("Tidak ada pesanan yang cocok");
    expect(screen.queryByTestId("empty-create")).toBeNull();
    fireEvent.click(within(empty).getByRole("button", { name: "Hapus filter" }));
    expect(await screen.findAllByTestId("order-row")).toHaveLength(1);
    expect(queriesOf(calls, "/orders").at(-1)?.toString()).toBe("page=1&pageSize=25");
  });

  it("offers the export to owners only (the API refuses agents)", async () => {
    show([orderSummary()], [orderSummary()], "agent");
    await screen.findAllByTestId("order-row");
    await waitFor(() => expect(calls.some((c) => c.path === "/auth/session")).toBe(true));
    expect(screen.queryByTestId("export-menu")).toBeNull();
    expect(screen.getByTestId("new-order")).toBeTruthy();
  });
});

describe("the order list's outlet filter", { timeout: 20_000 }, () => {
  it("is not there for a shop with one outlet", async () => {
    outlets = [{ id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" }];
    show([orderSummary()]);
    await screen.findAllByTestId("order-row");
    await waitFor(() => expect(calls.some((c) => c.path === "/outlets")).toBe(true));
    expect(screen.queryByTestId("filter-outlet")).toBeNull();
  });

  it("lists one outlet's orders when one is picked from two", async () => {
    outlets = [
      { id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" },
      { id: "00000000-0000-4000-8000-00000000000b", name: "Cabang Bandung" },
    ];
    show([orderSummary()]);
    fireEvent.click(await screen.findByTestId("filter-outlet"));
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bandung" }));
    await waitFor(() =>
      expect(calls.some((c) => c.path.includes("outletId=00000000-0000-4000-8000-00000000000b"))).toBe(true),
    );
  });
});
