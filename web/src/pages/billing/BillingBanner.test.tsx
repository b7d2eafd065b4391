import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Billing } from "../../api/billing";
import i18n from "../../i18n";
import { AppLayout } from "../../layout/AppLayout";
import { AGENT, type Call, fakeApi, OWNER } from "../automation/testing";
import { billing, TRIAL } from "./testing";

let calls: Call[];

/** The signed-in frame for `user` against a fake server whose GET /billing answers `summary`. */
function show(summary: Billing, user = OWNER) {
  calls = fakeApi((c) => {
    if (c.path === "/auth/session") return { user };
    if (c.path === "/tenant")
      return { id: "t1", name: "Toko", timeZone: "Asia/Jakarta", disabledModules: [] };
    if (c.path === "/billing") return summary;
    if (c.path.startsWith("/notifications")) return { items: [], unread: 0 };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={["/orders"]}>
          <Routes>
            <Route element={<AppLayout />}>
              <Route path="/orders" element={<p>orders page</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const menu = () => screen.getAllByRole("link").map((a) => a.textContent);
const billingAsked = () => calls.some((c) => c.path === "/billing");

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the subscription's banners and menu entry (SaaS mode)", () => {
  it("single mode shows no banner and no Billing entry", async () => {
    show({ enabled: false });
    await waitFor(() => expect(billingAsked()).toBe(true));
    await waitFor(() => expect(menu()).toContain("Orders"));
    expect(menu()).not.toContain("Billing");
    expect(screen.queryByTestId("billing-banner")).toBeNull();
  });

  it("an expired subscription: sending stopped, data kept, pay — with a link to billing; the menu has Billing", async () => {
    show(billing({ status: "expired" }));
    const banner = await screen.findByTestId("billing-banner");
    expect(banner.textContent).toContain("sending stopped, your data is kept — pay to continue");
    expect(screen.getByRole("link", { name: "Pay now" }).getAttribute("href")).toBe("/billing");
    expect(menu()).toContain("Billing");
  });

  it("payment due: sending continues until the grace date, in the shop's time zone", async () => {
    show(billing({ status: "past_due", graceUntil: "2027-01-04T00:00:00+07:00" }));
    const banner = await screen.findByTestId("billing-banner");
    expect(banner.textContent).toContain("Sending continues until");
    expect(banner.textContent).toContain("4 Jan 2027, 00:00 WIB");
  });

  it("suspended: contact support, no payment link", async () => {
    show(billing({ status: "suspended" }));
    expect((await screen.findByTestId("billing-banner")).textContent).toContain("suspended by the platform");
    expect(screen.queryByRole("link", { name: "Pay now" })).toBeNull();
  });

  it("a trial shows a banner in its last three days only", async () => {
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000 - 60_000).toISOString();
    const first = show(billing({ status: "trialing", package: TRIAL, periodEnd: inDays(2) }));
    expect((await screen.findByTestId("billing-banner")).textContent).toContain("2 days left");
    first.unmount();
    vi.unstubAllGlobals();
    show(billing({ status: "trialing", package: TRIAL, periodEnd: inDays(10) }));
    await waitFor(() => expect(menu()).toContain("Billing"));
    expect(screen.queryByTestId("billing-banner")).toBeNull();
  });

  it("an agent (no billing.read) never asks for billing and sees no entry", async () => {
    show(billing({ status: "expired" }), AGENT);
    await waitFor(() => expect(menu()).toContain("Orders"));
    expect(billingAsked()).toBe(false);
    expect(menu()).not.toContain("Billing");
  });
});
