import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SalesReport, SalesSummary } from "../../api/reports";
import i18n from "../../i18n";
import { AGENT, fakeApi, OWNER, renderAt, TENANT, type Call } from "../automation/testing";
import { TodaySales } from "../dashboard/TodaySales";
import { ReportsPage } from "./ReportsPage";

let calls: Call[];
let orderCount: number;

const SALES: SalesReport = {
  timeZone: "Asia/Jakarta",
  from: "2026-11-01",
  to: "2026-11-30",
  granularity: "day",
  periods: [
    { period: "2026-11-01", orders: 0, revenue: 0, averageOrderValue: 0 },
    { period: "2026-11-02", orders: 2, revenue: 1_250_000, averageOrderValue: 625_000 },
  ],
  totals: { orders: 2, revenue: 1_250_000, averageOrderValue: 625_000 },
};

const product = (name: string, quantity: number, revenue: number) => ({
  productId: crypto.randomUUID(),
  sku: name.toUpperCase(),
  name,
  quantity,
  revenue,
});

const SUMMARY: SalesSummary = {
  timeZone: "Asia/Jakarta",
  from: "2026-11-01",
  to: "2026-11-30",
  totals: { orders: 2, revenue: 1_250_000, averageOrderValue: 625_000, customers: 1 },
  byStatus: [
    { status: "new", orders: 2, total: 1_250_000 },
    { status: "cancelled", orders: 1, total: 85_000 },
    { status: "paid", orders: 0, total: 0 },
  ],
  topCustomers: [
    { contactId: "c-1", name: "Sari Dewi", phone: "+6281234567890", orders: 2, revenue: 1_250_000 },
  ],
  topProducts: [product("Kopi Gayo", 10, 850_000), product("Teh Melati", 20, 400_000)],
  topProductsByQuantity: [product("Teh Melati", 20, 400_000), product("Kopi Gayo", 10, 850_000)],
  provinces: [
    { province: "32", provinceName: "Jawa Barat", customers: 1, orders: 2, revenue: 1_250_000 },
    { province: null, provinceName: null, customers: 1, orders: 1, revenue: 5_000 },
  ],
  cities: [
    {
      province: "32",
      provinceName: "Jawa Barat",
      city: "Bandung",
      customers: 1,
      orders: 2,
      revenue: 1_250_000,
    },
  ],
  repeat: { customers: 4, repeatCustomers: 1, rate: 0.25 },
  reminders: { sent: 8, converted: 2, rate: 0.25, revenue: 300_000 },
};

let summary: SalesSummary = SUMMARY;
/** GET /outlets (404 when null: the page must not need it). */
let outlets: Array<{ id: string; name: string }> | null = null;
const BANDUNG = "00000000-0000-4000-8000-00000000000b";

beforeEach(async () => {
  orderCount = 3;
  summary = SUMMARY;
  outlets = null;
  await act(() => i18n.changeLanguage("id"));
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-06T17:30:00Z")); // 00:30 WIB on 7 December
  calls = fakeApi(({ path }) => {
    if (path === "/tenant") return TENANT;
    if (path === "/auth/session") return { user: OWNER };
    if (path.startsWith("/orders?")) return { items: [], total: orderCount, page: 1, pageSize: 1 };
    if (path === "/outlets" && outlets) return outlets;
    if (path.startsWith("/reports/sales")) return SALES;
    if (path.startsWith("/reports/summary")) return summary;
    if (path === "/reports/today")
      return {
        date: "2026-12-07",
        timeZone: "Asia/Jakarta",
        orders: 3,
        revenue: 255_000,
        averageOrderValue: 85_000,
      };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const text = (el: Element | undefined) => el?.textContent ?? "";
const href = (el: Element | undefined) => el?.getAttribute("href");
const lastPath = (prefix: string) => calls.filter((c) => c.path.startsWith(prefix)).at(-1)?.path ?? "";

describe("the reports page", () => {
  it("shows the range's figures in rupiah, top customers linked to their contact, products, statuses, regions and repeat rate", async () => {
    renderAt(<ReportsPage />, "/reports", "/reports");
    expect(text(await screen.findByTestId("report-revenue"))).toContain("Rp1.250.000");
    expect(text(screen.getByTestId("report-aov"))).toContain("Rp625.000");
    // The last 30 days up to the shop's today (7 December in WIB), by day.
    expect(lastPath("/reports/sales")).toBe("/reports/sales?from=2026-11-08&to=2026-12-07&granularity=day");
    const customers = screen.getByTestId("top-customers");
    expect(href(within(customers).getByRole("link", { name: "Sari Dewi" }))).toBe("/contacts/c-1");
    const products = screen.getByTestId("top-products");
    expect(text(within(products).getAllByRole("row")[1])).toContain("Kopi Gayo");
    fireEvent.click(within(products).getByText("Menurut jumlah"));
    expect(text(within(products).getAllByRole("row")[1])).toContain("Teh Melati");
    const statuses = screen.getByTestId("by-status");
    expect(text(statuses)).toContain("Baru");
    expect(text(statuses)).toContain("Dibatalkan");
    expect(text(statuses)).not.toContain("Dibayar");
    expect(text(screen.getByTestId("provinces"))).toContain("Tidak diketahui");
    expect(text(screen.getByTestId("cities"))).toContain("Bandung");
    expect(text(screen.getByTestId("repeat-rate"))).toContain("25%");
    expect(text(screen.getByTestId("reminder-conversion"))).toContain("25%");
    expect(text(screen.getByTestId("reminder-conversion"))).toContain(
      "2 dari 8 pengingat diikuti pesanan dalam 14 hari, senilai Rp300.000",
    );
  });

  it("says so when no reminder was sent in the range", async () => {
    summary = { ...SUMMARY, reminders: { sent: 0, converted: 0, rate: 0, revenue: 0 } };
    renderAt(<ReportsPage />, "/reports", "/reports");
    expect(text(await screen.findByTestId("reminder-conversion"))).toContain(
      "Belum ada pengingat pesan ulang terkirim di rentang ini.",
    );
  });

  it("asks again for the preset or dates picked and the grouping, and offers each report to download", async () => {
    renderAt(<ReportsPage />, "/reports", "/reports");
    await screen.findByTestId("report-revenue");
    fireEvent.click(screen.getByText("Bulan ini"));
    fireEvent.click(screen.getByText("Minggu"));
    await waitFor(() =>
      expect(lastPath("/reports/sales")).toBe(
        "/reports/sales?from=2026-12-01&to=2026-12-07&granularity=week",
      ),
    );
    fireEvent.click(screen.getByText("Pilih tanggal"));
    fireEvent.change(screen.getByTestId("report-from"), { target: { value: "2026-10-01" } });
    await waitFor(() =>
      expect(lastPath("/reports/summary")).toBe("/reports/summary?from=2026-10-01&to=2026-12-07"),
    );
    fireEvent.click(screen.getByTestId("report-export"));
    expect(href(await screen.findByTestId("export-products-xlsx"))).toBe(
      "/api/v1/reports/export?from=2026-10-01&to=2026-12-07&report=products&granularity=week&format=xlsx",
    );
  });

  it("shows a shop without orders the way to its first order", async () => {
    orderCount = 0;
    renderAt(<ReportsPage />, "/reports", "/reports");
    const empty = await screen.findByTestId("reports-empty");
    expect(href(within(empty).getByRole("link", { name: "Buat pesanan" }))).toBe("/orders/new");
    expect(calls.some((c) => c.path.startsWith("/reports/"))).toBe(false);
  });
});

describe("today's sales on the dashboard", () => {
  it("shows an owner today's orders and revenue, and nothing to an agent", async () => {
    const { unmount } = renderAt(<TodaySales />);
    await waitFor(() => expect(text(screen.getByTestId("today-revenue"))).toContain("Rp255.000"));
    expect(text(screen.getByTestId("today-orders"))).toContain("3 pesanan");
    unmount();
    calls = fakeApi(({ path }) => (path === "/auth/session" ? { user: AGENT } : { status: 403, body: {} }));
    renderAt(<TodaySales />);
    await waitFor(() => expect(calls.some((c) => c.path === "/auth/session")).toBe(true));
    expect(screen.queryByTestId("today-sales")).toBeNull();
    expect(calls.some((c) => c.path === "/reports/today")).toBe(false);
  });
});

describe("the reports page's outlet picker", () => {
  it("is not there for a shop with one outlet", async () => {
    outlets = [{ id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" }];
    renderAt(<ReportsPage />, "/reports", "/reports");
    await screen.findByTestId("report-revenue");
    await waitFor(() => expect(calls.some((c) => c.path === "/outlets")).toBe(true));
    expect(screen.queryByTestId("report-outlet")).toBeNull();
  });

  it("offers all outlets or one with two outlets, and asks for the one picked, downloads included", async () => {
    outlets = [
      { id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" },
      { id: BANDUNG, name: "Cabang Bandung" },
    ];
    renderAt(<ReportsPage />, "/reports", "/reports");
    const picker = await screen.findByTestId("report-outlet");
    expect((picker as HTMLInputElement).placeholder).toBe("Semua outlet");
    expect(lastPath("/reports/sales")).not.toContain("outletId");
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bandung" }));
    await waitFor(() => expect(lastPath("/reports/sales")).toContain(`outletId=${BANDUNG}`));
    expect(lastPath("/reports/summary")).toContain(`outletId=${BANDUNG}`);
    fireEvent.click(screen.getByTestId("report-export"));
    expect(href(await screen.findByTestId("export-sales-csv"))).toContain(`outletId=${BANDUNG}`);
  });
});
