/** Fixtures and a fake API for the orders pages' component tests. */
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { vi } from "vitest";
import type { Order, OrderSummary, Product } from "../../api/orders";
import { OWNER as SIGNED_IN_OWNER } from "../automation/testing";

/** The signed-in user of the tests (an owner unless the fake API's session says otherwise). */
const OWNER = {
  id: "99999999-9999-4999-8999-999999999999",
  tenantId: "t",
  email: "pemilik@toko.test",
  name: "Pemilik",
};

export const BUDI_ID = "33333333-3333-4333-8333-333333333333";

/** An order as GET /orders lists it: a new transfer order of Budi (override any field). */
export const orderSummary = (o: Partial<OrderSummary> = {}): OrderSummary => ({
  id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
  number: "INV/2026/12/0001",
  status: "new",
  paymentMethod: "transfer",
  source: "manual",
  customer: { contactId: BUDI_ID, name: "Budi", phone: "+6281234567890" },
  total: 150000,
  itemCount: 2,
  placedAt: "2026-12-01T03:00:00Z",
  outletId: "0e0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e",
  ...o,
});

/** A whole order: two lines of 75.000, nothing moved yet (override any field). */
export const order = (o: Partial<Order> = {}): Order => ({
  ...orderSummary(),
  lines: [
    {
      id: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
      productId: "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
      sku: "KOPI-250",
      name: "Kopi Gayo 250 g",
      quantity: 2,
      unitPrice: 75000,
      lineTotal: 150000,
    },
  ],
  subtotal: 150000,
  discount: 0,
  shippingCost: 0,
  address: null,
  province: null,
  provinceName: null,
  city: null,
  notes: null,
  courier: null,
  trackingNumber: null,
  closeReason: null,
  channelId: null,
  externalId: null,
  completedAt: null,
  createdAt: "2026-12-01T03:00:00Z",
  updatedAt: "2026-12-01T03:00:00Z",
  next: ["confirmed", "cancelled"],
  history: [],
  ...o,
});

/** Products of the catalogue as GET /products lists them. */
export const product = (p: Partial<Product> = {}): Product => ({
  id: "cccccccc-cccc-4ccc-8ccc-cccccccccccc",
  sku: "KOPI-250",
  name: "Kopi Gayo 250 g",
  price: 75000,
  category: null,
  active: true,
  consumptionDays: null,
  image: null,
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
  ...p,
});

export interface Call {
  method: string;
  /** The path under /api/v1, with its query string. */
  path: string;
  body: unknown;
}

/** An answer of the fake API: JSON with status 200, or `{ status, body }` for another status. */
export type Answer = unknown | { status: number; body: unknown };

const isStatus = (a: unknown): a is { status: number; body: unknown } =>
  typeof a === "object" &&
  a !== null &&
  "status" in a &&
  "body" in a &&
  typeof (a as { status: unknown }).status === "number";

/**
 * Replaces `fetch` by `answer(method, path, body)` (path under /api/v1 with its query);
 * returns the list every call is recorded in. GET /tenant answers a WIB shop, and GET
 * /auth/session the shop's owner unless `answer` gives another user.
 */
export function fakeApi(answer: (method: string, path: string, body: unknown) => Answer): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const path = url.replace(/^\/api\/v1/, "");
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      const a =
        path === "/tenant"
          ? { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" }
          : path === "/auth/session"
            ? (answer(method, path, body) ?? { user: { ...SIGNED_IN_OWNER, ...OWNER } })
            : answer(method, path, body);
      const { status, body: json } = isStatus(a) ? a : { status: 200, body: a };
      return new Response(JSON.stringify(json ?? null), {
        status,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

/** Shows where the app went (for "on success go to the order"). */
function Where() {
  const l = useLocation();
  return <div data-testid="location">{l.pathname + l.search}</div>;
}

/** Renders `element` at `path` (route pattern `route`) with a fresh query client; other paths show where they are. */
export function showAt(path: string, route: string, element: ReactElement) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={element} />
            <Route path="*" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

/** The query of the GET calls of `path` (e.g. "/orders"), one URLSearchParams each. */
export const queriesOf = (calls: Call[], path: string) =>
  calls
    .filter((c) => c.method === "GET" && c.path.split("?")[0] === path)
    .map((c) => new URLSearchParams(c.path.split("?")[1] ?? ""));
