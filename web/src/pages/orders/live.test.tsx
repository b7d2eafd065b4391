import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { OrderStatus, OrderSummary } from "../../api/orders";
import { RealtimeProvider } from "../../realtime/RealtimeProvider";
import { useRealtimeSync } from "../../realtime/useRealtimeSync";
import { CustomerOrders } from "./CustomerOrders";
import { OrderDetailPage } from "./OrderDetailPage";
import { OrderListPage } from "./OrderListPage";
import { BUDI_ID, fakeApi, order, orderSummary } from "./testing";

/** A stand-in for socket.io-client's socket: the test plays the server's side. */
class FakeSocket {
  connected = true;
  private handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? new Set()).add(handler));
    return this;
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** The server pushes `event`. */
  push(event: string, payload: unknown) {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
}

let socket: FakeSocket;
vi.mock("socket.io-client", () => ({ io: () => socket }));

const FIRST = orderSummary();
const SECOND = orderSummary({ id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd", number: "INV/2026/12/0002" });
/** The orders on the server now (the test changes them as another user or the order API would). */
let server: OrderSummary[];

/** The app's socket wiring (as AppLayout has it) around `element` at `path`. */
function Live() {
  useRealtimeSync();
  return null;
}
function show(path: string, route: string, element: ReactElement) {
  fakeApi((_m, p) => {
    const base = p.split("?")[0];
    if (base === "/orders") return { items: server, total: server.length, page: 1, pageSize: 25 };
    const one = server.find((o) => base === `/orders/${o.id}`);
    return one ? order({ ...one, next: [] }) : null;
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <RealtimeProvider>
          <Live />
          <MemoryRouter initialEntries={[path]}>
            <Routes>
              <Route path={route} element={element} />
            </Routes>
          </MemoryRouter>
        </RealtimeProvider>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

/** The server changes `id` to `status` and announces it. */
function move(id: string, status: OrderStatus) {
  server = server.map((o) => (o.id === id ? { ...o, status } : o));
  const o = server.find((x) => x.id === id)!;
  act(() =>
    socket.push("order.changed", { id, number: o.number, status, kind: "status", contactId: BUDI_ID }),
  );
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
beforeEach(() => {
  socket = new FakeSocket();
  server = [FIRST];
});
afterEach(() => vi.unstubAllGlobals());

describe("live orders", { timeout: 20_000 }, () => {
  it("the orders page shows a new order and a moved one as soon as the server announces them", async () => {
    show("/orders", "/orders", <OrderListPage />);
    const rows = await screen.findAllByTestId("order-row");
    expect(rows.map((r) => r.querySelector("td")?.textContent)).toEqual(["INV/2026/12/0001"]);

    server = [SECOND, FIRST];
    act(() =>
      socket.push("order.changed", {
        id: SECOND.id,
        number: SECOND.number,
        status: "new",
        kind: "created",
        contactId: BUDI_ID,
      }),
    );
    await waitFor(() =>
      expect(screen.getAllByTestId("order-row").map((r) => r.querySelector("td")?.textContent)).toEqual([
        "INV/2026/12/0002",
        "INV/2026/12/0001",
      ]),
    );

    move(FIRST.id, "confirmed");
    await waitFor(() => expect(screen.getAllByTestId("order-row")[1]?.textContent).toContain("Dikonfirmasi"));
  });

  it("the order's page shows its new status when someone else moves it", async () => {
    show(`/orders/${FIRST.id}`, "/orders/:id", <OrderDetailPage />);
    expect((await screen.findByTestId("order-page-status")).textContent).toBe("Baru");
    move(FIRST.id, "shipped");
    await waitFor(() => expect(screen.getByTestId("order-page-status").textContent).toBe("Dikirim"));
  });

  it("the customer's orders (inbox panel, contact page) follow the order's moves", async () => {
    show("/", "/", <CustomerOrders contactId={BUDI_ID} />);
    const list = await screen.findByTestId("customer-orders");
    expect(within(list).getByTestId("customer-order").textContent).toContain("Baru");
    move(FIRST.id, "completed");
    await waitFor(() =>
      expect(
        within(screen.getByTestId("customer-orders")).getByTestId("customer-order").textContent,
      ).toContain("Selesai"),
    );
  });
});
