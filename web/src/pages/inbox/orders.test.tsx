import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { ConversationDetail } from "../../api/inbox";
import { keys } from "../../api/keys";
import type { OrderSummary } from "../../api/orders";
import { type Call, fakeApi, orderSummary, queriesOf } from "../orders/testing";
import { ContactPanel } from "./ContactPanel";
import { showThread } from "./showThread";
import { conversation } from "./testing";

const c = conversation();
let calls: Call[];

/** The contact panel of `c`, the customer having `orders` (the server's last 5). */
function showPanel(orders: OrderSummary[]) {
  calls = fakeApi((_m, path) =>
    path.startsWith("/orders?") ? { items: orders, total: orders.length, page: 1, pageSize: 5 } : null,
  );
  const qc = new QueryClient({
    defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } },
  });
  const detail: ConversationDetail = {
    conversation: c,
    contact: { id: c.contactId, name: c.name, phone: c.phone, attributes: {}, labels: [], optedOut: false },
    notes: [],
    campaigns: [],
  };
  qc.setQueryData(keys.conversation(c.id), detail);
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>
          <ContactPanel id={c.id} />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

beforeEach(async () => {
  if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("orders in the inbox", { timeout: 20_000 }, () => {
  it("the conversation's header opens a new order for its customer and conversation", () => {
    fakeApi(() => null);
    showThread(c, []);
    const link = screen.getByRole("link", { name: "Buat pesanan" });
    const url = new URL(link.getAttribute("href") as string, "http://x");
    expect(url.pathname).toBe("/orders/new");
    expect(Object.fromEntries(url.searchParams)).toEqual({ contactId: c.contactId, conversationId: c.id });
  });

  it("the contact panel lists the customer's last orders with their status and total", async () => {
    showPanel([
      orderSummary(),
      orderSummary({
        id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
        number: "INV/2026/11/0007",
        status: "completed",
        total: 89000,
      }),
    ]);
    const list = await screen.findByTestId("customer-orders");
    const rows = within(list).getAllByTestId("customer-order");
    expect(rows.map((r) => r.textContent)).toEqual([
      "INV/2026/12/0001BaruRp150.000 · 1 Des 2026, 10.00 WIB",
      "INV/2026/11/0007SelesaiRp89.000 · 1 Des 2026, 10.00 WIB",
    ]);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole("link")
        .getAttribute("href"),
    ).toBe(`/orders/${orderSummary().id}`);
    expect(queriesOf(calls, "/orders").map((q) => q.toString())).toEqual([
      `contactId=${c.contactId}&page=1&pageSize=5`,
    ]);
  });

  it("the contact panel says when the customer never ordered", async () => {
    showPanel([]);
    expect((await screen.findByTestId("customer-orders-empty")).textContent).toBe("Belum pernah pesan.");
  });
});
