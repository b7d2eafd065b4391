/** Test helpers of the platform console: its routes in a memory router, sample shops and packages. */
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import type { PlatformPackage, PlatformShop } from "../../api/platform";
import { PackagesPage } from "./PackagesPage";
import { PaymentsPage } from "./PaymentsPage";
import { PlatformLayout } from "./PlatformLayout";
import { PlatformSignInPage } from "./PlatformSignInPage";
import { RequirePlatformSession } from "./RequirePlatformSession";
import { ShopsPage } from "./ShopsPage";
import { TotalsPage } from "./TotalsPage";

/** Shows where the router is (path and query), for tests that follow a redirect. */
function Where({ name }: { name: string }) {
  const l = useLocation();
  return <div data-testid={name}>{l.pathname + l.search}</div>;
}

/** The console at `path` as web/src/router.tsx mounts it (a shop page shows `shop-page`). */
export function renderConsole(path: string) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/platform/sign-in" element={<PlatformSignInPage />} />
            <Route element={<RequirePlatformSession />}>
              <Route element={<PlatformLayout />}>
                <Route path="/platform" element={<TotalsPage />} />
                <Route path="/platform/shops" element={<ShopsPage />} />
                <Route path="/platform/packages" element={<PackagesPage />} />
                <Route path="/platform/payments" element={<PaymentsPage />} />
              </Route>
            </Route>
            <Route path="*" element={<Where name="shop-page" />} />
          </Routes>
          <Where name="location" />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

export const ADMIN = { id: "a1", email: "admin@kabar.test", name: "Admin Kabar" };

/** A shop on the Basic package, mid-period. */
export const shop = (over: Partial<PlatformShop> = {}): PlatformShop => ({
  id: "s1",
  name: "Toko Sari",
  createdAt: "2026-11-01T03:00:00Z",
  ownerEmail: "sari@toko.test",
  status: "active",
  package: { id: "p-basic", code: "basic", name: "Basic" },
  periodEnd: "2026-12-31T16:59:59Z",
  usage: { messagesUsed: 1250, messagesAllowance: 2000, topupLeft: 500, numbers: 1, staff: 3, contacts: 840 },
  ...over,
});

/** The Basic package as the platform lists it. */
export const basic = (over: Partial<PlatformPackage> = {}): PlatformPackage => ({
  id: "p-basic",
  code: "basic",
  name: "Basic",
  priceMonthly: 149000,
  priceYearly: 1490000,
  messageQuota: 2000,
  numbersLimit: 1,
  staffLimit: 3,
  contactsLimit: null,
  modules: ["broadcast", "inbox"],
  countsAgentReplies: false,
  isTrial: false,
  active: true,
  sort: 1,
  trialDays: null,
  ...over,
});
