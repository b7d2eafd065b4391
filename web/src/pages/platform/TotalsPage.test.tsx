import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { fakeApi } from "../automation/testing";
import { ADMIN, renderConsole } from "./testing";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the platform totals", { timeout: 20_000 }, () => {
  it("shows shops by status, revenue in rupiah, messages this month, and the zone of every time", async () => {
    fakeApi(({ path }) => {
      if (path === "/platform/auth/me") return { admin: ADMIN };
      if (path === "/platform/totals")
        return {
          shops: { total: 42, trialing: 10, active: 25, past_due: 3, expired: 3, suspended: 1 },
          revenue: { thisMonth: 3725000, total: 48170000 },
          messagesThisMonth: 123456,
        };
      return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
    });
    renderConsole("/platform");
    expect((await screen.findByTestId("revenue-month")).textContent).toBe("Rp3.725.000");
    expect(screen.getByTestId("revenue-total").textContent).toBe("Rp48.170.000");
    expect(screen.getByTestId("messages-month").textContent).toBe("123.456");
    expect(screen.getByText("42 toko")).toBeTruthy();
    expect(within(screen.getByTestId("shops-trialing")).getByText("10")).toBeTruthy();
    expect(within(screen.getByTestId("shops-past_due")).getByText("Lewat jatuh tempo")).toBeTruthy();
    expect(within(screen.getByTestId("shops-suspended")).getByText("1")).toBeTruthy();
    expect(screen.getByTestId("platform-zone").textContent).toContain("Asia/Jakarta");
    expect(screen.getByTestId("platform-admin").textContent).toBe("admin@kabar.test");
  });
});
