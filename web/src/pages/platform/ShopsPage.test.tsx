import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PlatformShop } from "../../api/platform";
import i18n from "../../i18n";
import { formatDateTime } from "../../lib/time";
import { type Call, fakeApi } from "../automation/testing";
import { ADMIN, basic, renderConsole, shop } from "./testing";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

let calls: Call[];

/** A console listing `shops` (`total` in all); suspend / resume change the status the next list shows. */
function server(shops: PlatformShop[], total = shops.length) {
  const status = new Map(shops.map((s) => [s.id, s.status]));
  calls = fakeApi(({ method, path }) => {
    if (path === "/platform/auth/me") return { admin: ADMIN };
    if (method === "GET" && path.startsWith("/platform/shops?"))
      return { shops: shops.map((s) => ({ ...s, status: status.get(s.id) })), total };
    if (method === "GET" && path === "/platform/packages")
      return {
        packages: [
          basic({ id: "p-trial", code: "trial", name: "Uji coba", isTrial: true }),
          basic(),
          basic({ id: "p-old", code: "lama", name: "Paket Lama", active: false }),
        ],
      };
    const grant = /^\/platform\/shops\/(\w+)\/package$/.exec(path);
    if (method === "POST" && grant) {
      status.set(grant[1]!, "active");
      return {
        ...shops.find((s) => s.id === grant[1]),
        status: "active",
        package: { id: "p1", code: "basic", name: "Basic" },
      };
    }
    const verb = /^\/platform\/shops\/(\w+)\/(suspend|resume)$/.exec(path);
    if (method === "POST" && verb) {
      status.set(verb[1]!, verb[2] === "suspend" ? "suspended" : "active");
      return { ...shops.find((s) => s.id === verb[1]), status: status.get(verb[1]!) };
    }
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const listCalls = () =>
  calls
    .filter((c) => c.path.startsWith("/platform/shops?"))
    .map((c) => new URLSearchParams(c.path.split("?")[1]));

describe("the shops of the platform", { timeout: 20_000 }, () => {
  it("lists each shop with owner, package, status, period end in WIB, usage this period and created; nothing of its data", async () => {
    server([
      shop(),
      shop({
        id: "s2",
        name: "Warung Budi",
        ownerEmail: "budi@warung.test",
        status: "trialing",
        package: { id: "p-trial", code: "trial", name: "Uji coba" },
        usage: { messagesUsed: 7, messagesAllowance: null, topupLeft: 0, numbers: 0, staff: 1, contacts: 12 },
      }),
    ]);
    renderConsole("/platform/shops");
    const rows = await screen.findAllByTestId("shop-row");
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText("Toko Sari")).toBeTruthy();
    expect(first.getByTestId("shop-owner").textContent).toBe("sari@toko.test");
    expect(first.getByTestId("shop-package").textContent).toBe("Basic");
    expect(first.getByTestId("shop-status").textContent).toBe("Aktif");
    expect(first.getByTestId("shop-period-end").textContent).toBe(
      formatDateTime("2026-12-31T16:59:59Z", "Asia/Jakarta", "id"),
    );
    expect(first.getByTestId("shop-period-end").textContent).toContain("WIB");
    expect(first.getByTestId("shop-messages").textContent).toBe("1.250 dari 2.000");
    expect(first.getByTestId("shop-topup").textContent).toBe("+ 500 sisa top-up");
    expect(first.getByTestId("shop-counts").textContent).toBe("1 nomor · 3 staf · 840 kontak");
    const second = within(rows[1]!);
    expect(second.getByTestId("shop-status").textContent).toBe("Uji coba");
    expect(second.getByTestId("shop-messages").textContent).toBe("7 (tanpa batas)");
    expect(screen.getByTestId("shops-total").textContent).toBe("2 toko");
    // The console links nowhere into a shop (no contacts, conversations or orders).
    expect(screen.queryAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "/platform",
      "/platform/shops",
      "/platform/packages",
      "/platform/payments",
    ]);
  });

  it("shows a shop without a subscription (made before SaaS mode) as such, with nothing to suspend", async () => {
    server([
      shop(),
      shop({
        id: "s3",
        name: "Toko Lama",
        ownerEmail: null,
        status: null,
        package: null,
        periodEnd: null,
        usage: {
          messagesUsed: 0,
          messagesAllowance: null,
          topupLeft: 0,
          numbers: 2,
          staff: 4,
          contacts: 9000,
        },
      }),
    ]);
    renderConsole("/platform/shops");
    const rows = await screen.findAllByTestId("shop-row");
    expect(rows).toHaveLength(2);
    const old = within(rows[1]!);
    expect(old.getByText("Toko Lama")).toBeTruthy();
    expect(old.getByTestId("shop-owner").textContent).toBe("Tanpa pemilik");
    expect(old.getByTestId("shop-status").textContent).toBe("Tanpa langganan");
    expect(old.getByTestId("shop-package").textContent).toBe("—");
    expect(old.getByTestId("shop-period-end").textContent).toBe("—");
    expect(old.getByTestId("shop-messages").textContent).toBe("0 (tanpa batas)");
    expect(old.getByTestId("shop-counts").textContent).toBe("2 nomor · 4 staf · 9.000 kontak");
    // Suspend and resume answer 409 shop_without_subscription for it: neither is offered.
    expect(old.queryByTestId("suspend")).toBeNull();
    expect(old.queryByTestId("resume")).toBeNull();
    expect(within(rows[0]!).getByTestId("suspend")).toBeTruthy();
  });

  it("puts a shop made before SaaS mode on an offered package (never the trial), monthly or yearly", async () => {
    server([shop({ id: "s3", name: "Toko Lama", status: null, package: null, periodEnd: null })]);
    renderConsole("/platform/shops");
    const row = within((await screen.findAllByTestId("shop-row"))[0]!);
    fireEvent.click(row.getByTestId("grant"));
    expect(row.getByTestId("grant").textContent).toBe("Pasang paket");
    expect(await screen.findByText(/dibuat sebelum mode SaaS/)).toBeTruthy();
    expect((screen.getByTestId("grant-confirm") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("grant-package"));
    // Offered packages only: not the trial, not one no longer offered.
    const list = within(await screen.findByRole("listbox"));
    expect(list.getAllByRole("option").map((o) => o.textContent)).toEqual(["Basic"]);
    fireEvent.click(list.getByRole("option", { name: "Basic" }));
    fireEvent.click(screen.getByText("Tahunan"));
    fireEvent.click(screen.getByTestId("grant-confirm"));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === "POST").map((c) => [c.path, c.body])).toEqual([
        ["/platform/shops/s3/package", { packageId: "p-basic", cycle: "yearly" }],
      ]),
    );
    await waitFor(() => expect(screen.queryByTestId("grant-confirm")).toBeNull());
    await waitFor(() => expect(row.getByTestId("shop-status").textContent).toBe("Aktif"));
  });

  it("searches, filters by status and pages through the server's pages", async () => {
    server([shop()], 120);
    renderConsole("/platform/shops");
    await screen.findAllByTestId("shop-row");
    expect(listCalls()[0]?.get("page")).toBe("1");
    fireEvent.click(within(screen.getByTestId("shops-pages")).getByRole("button", { name: "3" }));
    await waitFor(() => expect(listCalls().at(-1)?.get("page")).toBe("3"));

    fireEvent.change(screen.getByTestId("shops-status"), { target: { value: "past_due" } });
    await waitFor(() => expect(listCalls().at(-1)?.get("status")).toBe("past_due"));
    expect(listCalls().at(-1)?.get("page")).toBe("1");
    fireEvent.change(screen.getByTestId("shops-search"), { target: { value: "sari" } });
    await waitFor(() => expect(listCalls().at(-1)?.get("search")).toBe("sari"));
    expect(listCalls().at(-1)?.get("status")).toBe("past_due");
  });

  it("suspends a shop only with a reason, after confirming; a suspended shop can be resumed", async () => {
    server([shop()]);
    renderConsole("/platform/shops");
    fireEvent.click(await screen.findByTestId("suspend"));
    fireEvent.click(await screen.findByTestId("suspend-confirm"));
    expect(await screen.findByText("Tulis alasan penangguhan.")).toBeTruthy();
    fireEvent.change(screen.getByTestId("suspend-reason"), { target: { value: "   " } });
    fireEvent.click(screen.getByTestId("suspend-confirm"));
    expect(await screen.findByText("Tulis alasan penangguhan.")).toBeTruthy();
    expect(calls.some((c) => c.method === "POST")).toBe(false);

    fireEvent.change(screen.getByTestId("suspend-reason"), { target: { value: " Penipuan pembayaran " } });
    fireEvent.click(screen.getByTestId("suspend-confirm"));
    await waitFor(() => expect(screen.getByTestId("shop-status").textContent).toBe("Ditangguhkan"));
    expect(calls.filter((c) => c.method === "POST")).toEqual([
      { method: "POST", path: "/platform/shops/s1/suspend", body: { reason: "Penipuan pembayaran" } },
    ]);

    fireEvent.click(screen.getByTestId("resume"));
    // The dialog's confirm button (the row's own comes first).
    await waitFor(() => expect(screen.getAllByRole("button", { name: "Aktifkan lagi" })).toHaveLength(2));
    fireEvent.click(screen.getAllByRole("button", { name: "Aktifkan lagi" })[1]!);
    await waitFor(() => expect(screen.getByTestId("shop-status").textContent).toBe("Aktif"));
    expect(calls.filter((c) => c.method === "POST").at(-1)?.path).toBe("/platform/shops/s1/resume");
  });
});
