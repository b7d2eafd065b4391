import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PlatformPackage, TopupPack } from "../../api/platform";
import i18n from "../../i18n";
import { type Call, fakeApi } from "../automation/testing";
import { ADMIN, basic, renderConsole } from "./testing";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

const TRIAL = basic({
  id: "p-trial",
  code: "trial",
  name: "Uji coba",
  priceMonthly: 0,
  priceYearly: 0,
  messageQuota: 100,
  isTrial: true,
  trialDays: 14,
  modules: ["broadcast", "inbox", "automation", "commerce", "reminders", "reports"],
});
const PACK: TopupPack = {
  id: "t1",
  code: "topup-1000",
  name: "1.000 pesan",
  units: 1000,
  price: 50000,
  active: true,
};

let calls: Call[];
const writes = () => calls.filter((c) => c.method !== "GET");

/** A console with `packages` and one top-up pack; writes answer what they were sent. */
function server(packages: PlatformPackage[] = [basic(), TRIAL]) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/platform/auth/me") return { admin: ADMIN };
    if (path === "/platform/packages")
      return method === "GET" ? { packages } : { ...(body as object), id: "new", isTrial: false };
    if (path === "/platform/topup-packs")
      return method === "GET" ? { topupPacks: [PACK] } : { ...(body as object), id: "n" };
    if (method === "PATCH") return { ...(body as object), id: path.split("/").at(-1) };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const dialog = () => within(screen.getByRole("dialog"));

describe("the packages and top-up packs", { timeout: 30_000 }, () => {
  it("lists packages with prices in rupiah, quotas with 'unlimited', and top-up packs", async () => {
    server();
    renderConsole("/platform/packages");
    const rows = await screen.findAllByTestId("package-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId("package-price-monthly").textContent).toBe("Rp149.000");
    expect(within(rows[0]!).getByTestId("package-quota").textContent).toBe("2.000");
    expect(within(rows[0]!).getByText("Tanpa batas")).toBeTruthy(); // contacts
    expect(within(rows[0]!).getByText("Broadcast, Kotak masuk")).toBeTruthy();
    expect(within(rows[1]!).getByText("trial · uji coba 14 hari")).toBeTruthy();
    expect(within(await screen.findByTestId("topup-row")).getByTestId("topup-row-price").textContent).toBe(
      "Rp50.000",
    );
  });

  it("refuses a package whose prices or limits are not whole numbers ≥ 0 or that has no module, naming each field", async () => {
    server();
    renderConsole("/platform/packages");
    fireEvent.click(await screen.findByTestId("package-new"));
    await screen.findByRole("dialog");
    type("package-name", "Grosir");
    type("package-code", "grosir");
    type("package-priceMonthly", "-5");
    type("package-priceYearly", "99.500");
    type("package-messageQuota", "1,5");
    type("package-numbersLimit", "");
    type("package-staffLimit", "2");
    type("package-contactsLimit", "abc");
    for (const m of ["broadcast", "inbox", "automation", "commerce", "reminders", "reports"])
      fireEvent.click(screen.getByTestId(`package-module-${m}`));
    fireEvent.click(screen.getByTestId("package-save"));

    const integer = "Isi bilangan bulat tanpa titik atau tanda minus.";
    await waitFor(() => expect(dialog().getAllByText(integer)).toHaveLength(4));
    expect(dialog().getByText("Wajib diisi.")).toBeTruthy(); // numbers limit
    expect(screen.getByTestId("package-modules-error").textContent).toBe("Pilih minimal satu modul.");
    expect(writes()).toEqual([]);

    // Fixed, with contacts unlimited: sent as integers, null for unlimited, modules in order.
    type("package-priceMonthly", "99000");
    type("package-priceYearly", "990000");
    type("package-messageQuota", "0");
    type("package-numbersLimit", "1");
    fireEvent.click(screen.getByTestId("package-contactsLimit-unlimited"));
    fireEvent.click(screen.getByTestId("package-module-inbox"));
    fireEvent.click(screen.getByTestId("package-module-broadcast"));
    fireEvent.click(screen.getByTestId("package-save"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(writes()).toEqual([
      {
        method: "POST",
        path: "/platform/packages",
        body: {
          name: "Grosir",
          code: "grosir",
          priceMonthly: 99000,
          priceYearly: 990000,
          messageQuota: 0,
          numbersLimit: 1,
          staffLimit: 2,
          contactsLimit: null,
          modules: ["broadcast", "inbox"],
          countsAgentReplies: false,
          active: true,
          sort: 0,
          trialDays: null,
        },
      },
    ]);
  });

  it("edits the trial package's days (at least 1)", async () => {
    server();
    renderConsole("/platform/packages");
    const rows = await screen.findAllByTestId("package-row");
    fireEvent.click(within(rows[1]!).getByTestId("package-edit"));
    await screen.findByRole("dialog");
    expect((screen.getByTestId("package-trialDays") as HTMLInputElement).value).toBe("14");
    type("package-trialDays", "0");
    fireEvent.click(screen.getByTestId("package-save"));
    expect(await dialog().findByText("Minimal 1.")).toBeTruthy();
    expect(writes()).toEqual([]);
    type("package-trialDays", "7");
    fireEvent.click(screen.getByTestId("package-save"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(writes()).toMatchObject([
      {
        method: "PATCH",
        path: "/platform/packages/p-trial",
        body: { trialDays: 7, priceMonthly: 0, messageQuota: 100 },
      },
    ]);
  });

  it("a package without trial has no trial days; a code in use shows under the code", async () => {
    calls = fakeApi(({ method, path }) => {
      if (path === "/platform/auth/me") return { admin: ADMIN };
      if (path === "/platform/packages" && method === "GET") return { packages: [basic()] };
      if (path === "/platform/topup-packs") return { topupPacks: [] };
      return {
        status: 409,
        body: {
          error: {
            code: "code_taken",
            message: "Kode sudah dipakai.",
            fields: { code: "Kode sudah dipakai." },
          },
        },
      };
    });
    renderConsole("/platform/packages");
    fireEvent.click(await screen.findByTestId("package-edit"));
    await screen.findByRole("dialog");
    expect(screen.queryByTestId("package-trialDays")).toBeNull();
    fireEvent.click(screen.getByTestId("package-save"));
    expect(await dialog().findByText("Kode sudah dipakai.")).toBeTruthy();
    expect(writes()).toMatchObject([{ method: "PATCH", path: "/platform/packages/p-basic" }]);
  });

  it("refuses a top-up pack without units or price ≥ 1, then creates it", async () => {
    server();
    renderConsole("/platform/packages");
    fireEvent.click(await screen.findByTestId("topup-new"));
    await screen.findByRole("dialog");
    type("topup-name", "500 pesan");
    type("topup-code", "topup-500");
    type("topup-units", "0");
    type("topup-price", "25.000");
    fireEvent.click(screen.getByTestId("topup-save"));
    expect(await dialog().findByText("Minimal 1.")).toBeTruthy();
    expect(dialog().getByText("Isi bilangan bulat tanpa titik atau tanda minus.")).toBeTruthy();
    expect(writes()).toEqual([]);
    type("topup-units", "500");
    type("topup-price", "25000");
    fireEvent.click(screen.getByTestId("topup-save"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(writes()).toEqual([
      {
        method: "POST",
        path: "/platform/topup-packs",
        body: { name: "500 pesan", code: "topup-500", units: 500, price: 25000, active: true },
      },
    ]);
  });

  it("a top-up pack's edit the server refuses without naming a field says so in the dialog, which stays open; back closes it", async () => {
    calls = fakeApi(({ method, path }) => {
      if (path === "/platform/auth/me") return { admin: ADMIN };
      if (path === "/platform/packages") return { packages: [basic()] };
      if (path === "/platform/topup-packs" && method === "GET") return { topupPacks: [PACK] };
      return {
        status: 404,
        body: { error: { code: "not_found", message: "Paket top-up tidak ditemukan." } },
      };
    });
    renderConsole("/platform/packages");
    fireEvent.click(await screen.findByTestId("topup-edit"));
    await screen.findByRole("dialog");
    type("topup-price", "60000");
    fireEvent.click(screen.getByTestId("topup-save"));
    expect((await dialog().findByRole("alert")).textContent).toBe("Paket top-up tidak ditemukan.");
    expect(writes()).toMatchObject([
      { method: "PATCH", path: "/platform/topup-packs/t1", body: { units: 1000, price: 60000 } },
    ]);
    fireEvent.click(dialog().getByRole("button", { name: "Kembali" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});
