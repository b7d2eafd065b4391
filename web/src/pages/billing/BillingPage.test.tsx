import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Billing, Payment } from "../../api/billing";
import i18n from "../../i18n";
import { AGENT, type Answer, type Call, fakeApi, OWNER, renderAt } from "../automation/testing";
import { BillingPage } from "./BillingPage";
import { BASIC, billing, PRO } from "./testing";

let calls: Call[];
const assign = vi.fn();

/** The billing page against a fake server; `extra` answers what the defaults do not. */
function show(
  summary: Billing,
  { path = "/billing", payments = [] as Payment[], extra = (_c: Call): Answer | undefined => undefined } = {},
) {
  calls = fakeApi((c) => {
    const answer = extra(c);
    if (answer !== undefined) return answer;
    if (c.path === "/auth/session") return { user: OWNER };
    if (c.path === "/tenant") return { id: "t1", name: "Toko", timeZone: "Asia/Jakarta" };
    if (c.path === "/billing") return summary;
    if (c.path === "/billing/packages")
      return {
        packages: [BASIC, PRO],
        topups: [{ id: "tp1", code: "t500", name: "Top-up 500", units: 500, price: 50_000 }],
      };
    if (c.path === "/billing/payments") return { payments };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
  return renderAt(<BillingPage />, path, "/billing");
}

const PAID: Payment = {
  id: "pay1",
  orderId: "KBR-1",
  kind: "topup",
  status: "paid",
  grossAmount: 55_500,
  createdAt: "2026-12-05T03:00:00Z",
  paidAt: "2026-12-05T03:01:00Z",
  description: "Top-up 500",
  invoiceId: "inv1",
};

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
  // jsdom's location cannot be spied on; the payment page is left through location.assign.
  Object.defineProperty(window, "location", { configurable: true, value: { ...window.location, assign } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  assign.mockReset();
});

describe("the billing page", () => {
  it("in single mode says billing is not used, and shows nothing else", async () => {
    show({ enabled: false });
    await waitFor(() => expect(calls.some((c) => c.path === "/billing")).toBe(true));
    await waitFor(() => expect(screen.queryByTestId("loading")).toBeNull());
    expect(screen.getByTestId("billing-off").textContent).toContain("not used");
    expect(screen.queryByTestId("current-plan")).toBeNull();
    expect(calls.some((c) => c.path === "/billing/packages")).toBe(false);
  });

  it("someone without billing.read is told billing is not available, and nothing is asked", async () => {
    show(billing(), { extra: (c) => (c.path === "/auth/session" ? { user: AGENT } : undefined) });
    await waitFor(() => expect(calls.some((c) => c.path === "/auth/session")).toBe(true));
    expect((await screen.findByTestId("billing-off")).textContent).toContain("not used");
    expect(calls.some((c) => c.path.startsWith("/billing"))).toBe(false);
  });

  it("shows the package, its status, and usage bars against the package's limits", async () => {
    show(billing());
    expect((await screen.findByTestId("package-name")).textContent).toBe("Basic");
    expect(screen.getByTestId("subscription-status").textContent).toBe("Active");
    const messages = screen.getByTestId("usage-messages").textContent;
    expect(messages).toContain("400 of 1,000 used this period");
    expect(messages).toContain("Top-ups left: 250 messages");
    expect(messages).toContain("Left in all: 850 messages");
    expect(screen.getByTestId("usage-numbers").textContent).toContain("1 of 1");
    expect(screen.getByTestId("usage-staff").textContent).toContain("2 of 3");
    expect(screen.getByTestId("usage-contacts").textContent).toContain("5,321 · unlimited");
    expect(within(screen.getByTestId("usage-numbers")).getByRole("progressbar")).toBeTruthy();
    expect(within(screen.getByTestId("usage-contacts")).queryByRole("progressbar")).toBeNull();
  });

  it("shows an unlimited message allowance as such", async () => {
    show(
      billing({ messages: { periodUnits: null, periodUsed: 12, topupLeft: 0, topupUsed: 0, left: null } }),
    );
    expect((await screen.findByTestId("usage-messages")).textContent).toContain(
      "12 used this period · unlimited",
    );
  });

  it("prices packages in rupiah, monthly or yearly", async () => {
    show(billing());
    const pro = await screen.findByTestId("package-pro");
    expect(within(pro).getByTestId("price").textContent).toBe("Rp299.000/month");
    fireEvent.click(screen.getByText("Yearly"));
    await waitFor(() => expect(within(pro).getByTestId("price").textContent).toBe("Rp2.990.000/year"));
    expect(within(screen.getByTestId("package-basic")).getByText("Your package")).toBeTruthy();
  });

  it("an upgrade shows the prorated price the checkout answers, then goes to the payment page", async () => {
    show(billing(), {
      extra: (c) =>
        c.path === "/billing/checkout"
          ? {
              paymentId: "p",
              orderId: "KBR-9",
              grossAmount: 77_419,
              token: "tok",
              redirectUrl: "https://pay.test/snap/tok",
            }
          : undefined,
    });
    fireEvent.click(
      within(await screen.findByTestId("package-pro")).getByRole("button", { name: "Upgrade" }),
    );
    expect((await screen.findByTestId("upgrade-price")).textContent).toContain(
      "Pay Rp77.419 for the rest of this period",
    );
    expect(calls.find((c) => c.path === "/billing/checkout")?.body).toEqual({
      kind: "upgrade",
      packageId: PRO.id,
      cycle: "monthly",
    });
    fireEvent.click(screen.getByRole("button", { name: "Continue to payment" }));
    expect(assign).toHaveBeenCalledWith("https://pay.test/snap/tok");
  });

  it("a downgrade refused for too many numbers lists what to remove, with a link to the numbers", async () => {
    show(billing({ package: PRO }), {
      extra: (c) =>
        c.path === "/billing/downgrade"
          ? {
              status: 409,
              body: {
                error: {
                  code: "over_package_limit",
                  message: "Over the package's limits",
                  // As src/modules/billing/limit-errors.ts sends them: `details.limits`.
                  details: {
                    limits: [
                      {
                        limit: "numbers",
                        allowed: 1,
                        used: 3,
                        remove: [
                          { id: "c2", name: "CS 2" },
                          { id: "c3", name: "CS 3" },
                        ],
                      },
                      { limit: "contacts", allowed: 5000, used: 5321 },
                    ],
                  },
                },
              },
            }
          : undefined,
    });
    fireEvent.click(
      within(await screen.findByTestId("package-basic")).getByRole("button", { name: "Downgrade" }),
    );
    const problems = await screen.findByTestId("downgrade-problems");
    expect(problems.textContent).toContain("WhatsApp numbers: 3 in use, the package allows 1");
    expect(problems.textContent).toContain("For example remove: CS 2, CS 3");
    expect(within(problems).getByRole("link", { name: "Open WhatsApp numbers" }).getAttribute("href")).toBe(
      "/channels",
    );
    expect(problems.textContent).toContain("Contacts: 5,321 stored, the package allows 5,000");
  });

  it("a scheduled downgrade is shown with its date and can be cancelled", async () => {
    // DELETE /billing/downgrade answers like GET /billing (docs/billing.md); the page asks GET /billing again.
    show(billing({ package: PRO, nextPackage: BASIC }), {
      extra: (c) => (c.method === "DELETE" ? billing({ package: PRO }) : undefined),
    });
    const next = await screen.findByTestId("next-package");
    expect(next.textContent).toContain("Moves to the Basic package on");
    fireEvent.click(within(next).getByRole("button", { name: "Cancel the downgrade" }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "DELETE" && c.path === "/billing/downgrade")).toBe(true),
    );
    await waitFor(() =>
      expect(calls.filter((c) => c.method === "GET" && c.path === "/billing")).toHaveLength(2),
    );
  });

  it("buying a top-up goes straight to the payment page", async () => {
    show(billing(), {
      extra: (c) =>
        c.path === "/billing/checkout"
          ? {
              paymentId: "p",
              orderId: "KBR-10",
              grossAmount: 50_000,
              token: "t",
              redirectUrl: "https://pay.test/t",
            }
          : undefined,
    });
    fireEvent.click(within(await screen.findByTestId("topup-t500")).getByRole("button", { name: "Buy" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("https://pay.test/t"));
    expect(calls.find((c) => c.path === "/billing/checkout")?.body).toEqual({
      kind: "topup",
      topupPackId: "tp1",
    });
  });

  it("back from the payment page: 'waiting for confirmation' while pending", async () => {
    show(billing(), {
      path: "/billing?payment=KBR-1",
      payments: [{ ...PAID, status: "pending", paidAt: null }],
    });
    expect((await screen.findByTestId("payment-return")).textContent).toContain(
      "Waiting for the payment's confirmation",
    );
  });

  it("back from the payment page: the paid payment, and its invoice with the PDF link", async () => {
    show(billing(), {
      path: "/billing?payment=KBR-1",
      payments: [PAID],
      extra: (c) =>
        c.path === "/billing/invoices/inv1"
          ? {
              id: "inv1",
              number: "INV-KBR/2026/12/0001",
              status: "paid",
              issuedAt: "2026-12-05T03:01:00Z",
              // As checkout writes them: the purchase, then the PPN line; the rate in percent.
              items: [
                { name: "Top-up 500", quantity: 1, price: 50_000, amount: 50_000 },
                { name: "PPN 11%", quantity: 1, price: 5_500, amount: 5_500 },
              ],
              subtotal: 50_000,
              ppnRate: 11,
              ppnAmount: 5_500,
              total: 55_500,
              shopName: "Toko",
            }
          : undefined,
    });
    await waitFor(() =>
      expect(screen.getByTestId("payment-return").textContent).toContain("Payment of Rp55.500 received"),
    );
    fireEvent.click(within(screen.getByTestId("payments")).getByRole("button", { name: "View" }));
    const invoice = await screen.findByTestId("invoice");
    expect(invoice.textContent).toContain("VAT (PPN) 11%");
    // The PPN line shows once, after the subtotal, not among the items too.
    expect(invoice.textContent).not.toContain("PPN 11%");
    expect(within(invoice).getAllByRole("row")).toHaveLength(5);
    expect(screen.getByTestId("invoice-total").textContent).toBe("Rp55.500");
    expect(within(invoice).getByRole("link", { name: "Download PDF" }).getAttribute("href")).toBe(
      "/api/v1/billing/invoices/inv1/pdf",
    );
  });

  it("an admin (billing.read, no billing.manage) sees the page without buttons", async () => {
    const admin = { ...OWNER, permissions: OWNER.permissions.filter((p) => p !== "billing.manage") };
    show(billing(), { extra: (c) => (c.path === "/auth/session" ? { user: admin } : undefined) });
    await screen.findByTestId("package-pro");
    expect(screen.queryByRole("button", { name: "Upgrade" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Buy" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Pay the renewal" })).toBeNull();
  });
});
