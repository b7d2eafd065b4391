import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PlatformPayment } from "../../api/platform";
import i18n from "../../i18n";
import { fakeApi } from "../automation/testing";
import { ADMIN, renderConsole } from "./testing";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

const payment = (over: Partial<PlatformPayment>): PlatformPayment => ({
  id: "pay1",
  orderId: "KBR-20261207-0001",
  kind: "subscription",
  status: "paid",
  grossAmount: 149000,
  createdAt: "2026-12-07T02:00:00Z",
  paidAt: "2026-12-07T02:03:00Z",
  description: "Basic · bulanan",
  invoiceId: "inv1",
  shopId: "s1",
  shopName: "Toko Sari",
  ...over,
});

const ALL = [
  payment({}),
  payment({
    id: "pay2",
    orderId: "KBR-20261207-0002",
    kind: "topup",
    status: "pending",
    grossAmount: 50000,
    paidAt: null,
    description: "1.000 pesan",
    invoiceId: null,
    shopId: "s2",
    shopName: "Warung Budi",
  }),
];

describe("the payments of every shop", { timeout: 20_000 }, () => {
  it("lists shop, what was bought, amount in rupiah and status, and filters by status", async () => {
    const calls = fakeApi(({ path }) => {
      if (path === "/platform/auth/me") return { admin: ADMIN };
      if (path.startsWith("/platform/payments")) {
        const status = new URLSearchParams(path.split("?")[1] ?? "").get("status");
        return { payments: ALL.filter((p) => !status || p.status === status) };
      }
      return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
    });
    renderConsole("/platform/payments");
    const rows = await screen.findAllByTestId("payment-row");
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByTestId("payment-shop").textContent).toBe("Toko Sari");
    expect(first.getByTestId("payment-amount").textContent).toBe("Rp149.000");
    expect(first.getByTestId("payment-status").textContent).toBe("Lunas");
    expect(first.getByText("Langganan · Basic · bulanan")).toBeTruthy();
    expect(first.getByText("KBR-20261207-0001")).toBeTruthy();
    expect(within(rows[1]!).getByTestId("payment-status").textContent).toBe("Menunggu");
    expect(within(rows[1]!).getByText("—")).toBeTruthy();

    fireEvent.change(screen.getByTestId("payments-status"), { target: { value: "pending" } });
    await waitFor(() => expect(screen.getAllByTestId("payment-row")).toHaveLength(1));
    expect(screen.getByTestId("payment-shop").textContent).toBe("Warung Budi");
    expect(calls.at(-1)?.path).toBe("/platform/payments?status=pending");

    fireEvent.change(screen.getByTestId("payments-status"), { target: { value: "refunded" } });
    expect(await screen.findByText("Belum ada pembayaran.")).toBeTruthy();
  });
});
