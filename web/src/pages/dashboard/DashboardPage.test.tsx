import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { type Call, fakeApi, OWNER, renderAt, TENANT } from "../automation/testing";
import { DashboardPage } from "./DashboardPage";

const TOKO = { id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" };
const BANDUNG = { id: "00000000-0000-4000-8000-00000000000b", name: "Cabang Bandung" };
const ZERO = { sent: 0, delivered: 0, read: 0, failed: 0, replied: 0, optOuts: 0, suspectedDrops: 0 };

let calls: Call[];
let outlets: Array<{ id: string; name: string }>;

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  calls = fakeApi(({ path }) => {
    const base = path.split("?")[0];
    if (base === "/tenant") return TENANT;
    if (base === "/auth/session") return { user: OWNER };
    if (base === "/outlets") return outlets;
    if (base === "/stats/overview")
      return { timeZone: "Asia/Jakarta", days: [{ date: "2026-12-07", ...ZERO }], totals: ZERO, today: ZERO };
    if (base === "/reports/today")
      return {
        date: "2026-12-07",
        timeZone: "Asia/Jakarta",
        orders: 1,
        revenue: 50_000,
        averageOrderValue: 50_000,
      };
    if (base === "/contacts") return { items: [], total: 0, page: 1, pageSize: 1 };
    if (base === "/campaigns" || base === "/channels" || base === "/channels/health") return [];
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
});
afterEach(() => vi.unstubAllGlobals());

const asked = (prefix: string) => calls.filter((c) => c.path.startsWith(prefix)).map((c) => c.path);

describe("the dashboard's outlet picker", () => {
  it("is not there for a shop with one outlet", async () => {
    outlets = [TOKO];
    renderAt(<DashboardPage />);
    await screen.findByTestId("today-revenue");
    await waitFor(() => expect(calls.some((c) => c.path === "/outlets")).toBe(true));
    expect(screen.queryByTestId("dashboard-outlet")).toBeNull();
  });

  it("shows all outlets first, then one outlet's sales and message figures when picked", async () => {
    outlets = [TOKO, BANDUNG];
    renderAt(<DashboardPage />);
    const picker = await screen.findByTestId("dashboard-outlet");
    expect((picker as HTMLInputElement).placeholder).toBe("Semua outlet");
    expect(asked("/reports/today")).toEqual(["/reports/today"]);
    fireEvent.click(picker);
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bandung" }));
    await waitFor(() => expect(asked("/reports/today")).toContain(`/reports/today?outletId=${BANDUNG.id}`));
    await waitFor(() =>
      expect(asked("/stats/overview")).toContain(`/stats/overview?days=7&outletId=${BANDUNG.id}`),
    );
  });
});
