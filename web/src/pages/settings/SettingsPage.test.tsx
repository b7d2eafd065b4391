import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router";
import type { Tenant } from "../../api/types";
import i18n from "../../i18n";
import { AppLayout } from "../../layout/AppLayout";
import { formatTime } from "../../lib/time";
import { useFormat } from "../../lib/useFormat";
import { AGENT, type Answer, type Call, fakeApi, OWNER } from "../automation/testing";
import { SettingsPage } from "./SettingsPage";

const SHOP: Tenant = {
  id: "t1",
  name: "Toko Contoh",
  timeZone: "Asia/Jakarta",
  locale: "id",
  warmDays: 90,
  auditRetentionDays: 365,
  disabledModules: [],
  packageDisabledModules: [],
  optOutKeywords: ["STOP", "BERHENTI"],
};

let stored: Tenant;
let calls: Call[];
/** What the fake server answers the next PATCH /tenant instead of saving (an error answer). */
let refusal: Answer | null;

/** A fake server keeping the shop's settings, signed in as `user`. */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant" && method === "GET") return stored;
    if (path === "/tenant" && method === "PATCH") {
      if (refusal) return refusal;
      const b = body as Partial<Tenant>;
      stored = {
        ...stored,
        ...b,
        ...(b.optOutKeywords ? { optOutKeywords: b.optOutKeywords.map((k) => k.toUpperCase()) } : {}),
      };
      return stored;
    }
    if (path.startsWith("/notifications")) return { items: [], unread: 0 };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

/** A moment shown elsewhere in the app: 03:00 UTC, in the shop's zone. */
const MOMENT = "2026-11-21T03:00:00Z";
function ShopClock() {
  return <span data-testid="shop-clock">{useFormat().time(MOMENT)}</span>;
}

/** The app's frame (navigation) with the settings page at `path`. */
function app(path = "/settings") {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <Notifications />
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route element={<AppLayout />}>
              <Route
                path="/settings"
                element={
                  <>
                    <SettingsPage />
                    <ShopClock />
                  </>
                }
              />
              <Route path="*" element={<div data-testid="elsewhere" />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const save = () => screen.getByTestId("settings-save");
const cancel = () => screen.getByTestId("settings-cancel");
const nameInput = () => screen.getByTestId("settings-name") as HTMLInputElement;
const patches = () => calls.filter((c) => c.method === "PATCH" && c.path === "/tenant").map((c) => c.body);

/** Picks `option` in the select labelled `label`. */
async function pick(label: string, option: string) {
  fireEvent.click(screen.getByRole("textbox", { name: label }));
  fireEvent.click(await screen.findByRole("option", { name: option }));
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the shop settings page", { timeout: 20_000 }, () => {
  it("shows the shop's settings, with Save and Batal disabled until something changes", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(OWNER);
    app();
    await waitFor(() => expect(nameInput().value).toBe("Toko Contoh"));
    expect((screen.getByRole("textbox", { name: "Zona waktu" }) as HTMLInputElement).value).toBe(
      "WIB — Waktu Indonesia Barat (Asia/Jakarta)",
    );
    expect((screen.getByRole("textbox", { name: "Bahasa berkas unduhan" }) as HTMLInputElement).value).toBe(
      "Bahasa Indonesia",
    );
    const form = screen.getByTestId("settings-form");
    expect(within(form).getByText("STOP")).toBeTruthy();
    expect(within(form).getByText("BERHENTI")).toBeTruthy();
    expect(
      within(form).getByText(/Pelanggan yang mengirim salah satu kata ini berhenti menerima kampanye/),
    ).toBeTruthy();
    expect(save()).toHaveProperty("disabled", true);
    expect(cancel()).toHaveProperty("disabled", true);

    fireEvent.change(nameInput(), { target: { value: "Toko Baru" } });
    expect(save()).toHaveProperty("disabled", false);
    expect(screen.getByTestId("settings-unsaved").textContent).toBe("Ada perubahan yang belum disimpan.");
    // Batal puts back what is saved; nothing was sent.
    fireEvent.click(cancel());
    expect(nameInput().value).toBe("Toko Contoh");
    expect(save()).toHaveProperty("disabled", true);
    expect(patches()).toEqual([]);
  });

  it("saves only what changed, says so, and the header shows the new name", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(OWNER);
    app();
    await waitFor(() => expect(nameInput().value).toBe("Toko Contoh"));
    expect(screen.getByTestId("shop-clock").textContent).toBe(formatTime(MOMENT, "Asia/Jakarta", "id"));
    fireEvent.change(nameInput(), { target: { value: "Toko Sumber Rejeki" } });
    await pick("Bahasa berkas unduhan", "English");
    await pick("Zona waktu", "WITA — Waktu Indonesia Tengah (Asia/Makassar)");
    const words = screen.getByTestId("settings-opt-out");
    fireEvent.change(words, { target: { value: "berhenti kirim" } });
    fireEvent.keyDown(words, { key: "Enter" });
    // Typed in another case, a word already there is not added twice.
    fireEvent.change(words, { target: { value: "stop" } });
    fireEvent.keyDown(words, { key: "Enter" });
    fireEvent.click(save());
    expect(await screen.findByText("Pengaturan toko disimpan.")).toBeTruthy();
    expect(patches()).toEqual([
      {
        name: "Toko Sumber Rejeki",
        locale: "en",
        timeZone: "Asia/Makassar",
        optOutKeywords: ["STOP", "BERHENTI", "BERHENTI KIRIM"],
      },
    ]);
    // The form now shows what the server saved, with nothing left to save.
    await waitFor(() => expect(screen.getByTestId("shop-name").textContent).toBe("Toko Sumber Rejeki"));
    expect(within(screen.getByTestId("settings-form")).getByText("BERHENTI KIRIM")).toBeTruthy();
    expect(save()).toHaveProperty("disabled", true);
    // Times elsewhere in the app follow the new zone (WITA is an hour ahead of WIB).
    expect(screen.getByTestId("shop-clock").textContent).toBe(formatTime(MOMENT, "Asia/Makassar", "id"));
    expect(formatTime(MOMENT, "Asia/Makassar", "id")).not.toBe(formatTime(MOMENT, "Asia/Jakarta", "id"));
  });

  it("shows the server's field error under the field, and refuses an empty word list itself", async () => {
    stored = { ...SHOP };
    refusal = {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Periksa isian berikut",
          fields: { name: "Maksimal 200 karakter" },
        },
      },
    };
    server(OWNER);
    app();
    await waitFor(() => expect(nameInput().value).toBe("Toko Contoh"));
    fireEvent.change(nameInput(), { target: { value: "x".repeat(201) } });
    fireEvent.click(save());
    expect(await screen.findByText("Maksimal 200 karakter")).toBeTruthy();
    expect(nameInput().getAttribute("aria-invalid")).toBe("true");

    // No opt-out word at all: said under the field, nothing sent.
    fireEvent.click(cancel());
    const words = screen.getByTestId("settings-opt-out");
    fireEvent.keyDown(words, { key: "Backspace" });
    fireEvent.keyDown(words, { key: "Backspace" });
    expect(within(screen.getByTestId("settings-form")).queryByText("STOP")).toBeNull();
    fireEvent.click(save());
    expect(await screen.findByText("Isi minimal satu kata.")).toBeTruthy();
    expect(patches()).toHaveLength(1);
  });

  it("edits how many days back a message makes a customer one who has chatted before, and shows the server's refusal", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(OWNER);
    app();
    const days = (await screen.findByTestId("settings-warm-days")) as HTMLInputElement;
    await waitFor(() => expect(days.value).toBe("90"));
    fireEvent.change(days, { target: { value: "30" } });
    fireEvent.click(save());
    expect(await screen.findByText("Pengaturan toko disimpan.")).toBeTruthy();
    expect(patches()).toEqual([{ warmDays: 30 }]);

    refusal = {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Periksa isian berikut",
          fields: { warmDays: "Maksimal 3650" },
        },
      },
    };
    fireEvent.change(days, { target: { value: "5000" } });
    fireEvent.click(save());
    expect(await screen.findByText("Maksimal 3650")).toBeTruthy();
    expect(days.getAttribute("aria-invalid")).toBe("true");
    // Left empty: said under the field, nothing sent.
    fireEvent.change(days, { target: { value: "" } });
    fireEvent.click(save());
    expect(await screen.findByText("Isi jumlah hari (1–3650).")).toBeTruthy();
    expect(patches()).toHaveLength(2);
  });

  it("sets how long the audit log keeps its entries, and shows the server's refusal under the field", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(OWNER);
    app();
    const days = (await screen.findByTestId("settings-audit-retention")) as HTMLInputElement;
    await waitFor(() => expect(days.value).toBe("365"));
    fireEvent.change(days, { target: { value: "730" } });
    fireEvent.click(save());
    await waitFor(() => expect(patches()).toEqual([{ auditRetentionDays: 730 }]));
    await waitFor(() => expect(days.value).toBe("730"));
    refusal = {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: "Periksa isian berikut",
          fields: { auditRetentionDays: "Minimal 30" },
        },
      },
    };
    fireEvent.change(days, { target: { value: "10" } });
    fireEvent.click(save());
    expect(await screen.findByText("Minimal 30")).toBeTruthy();
  });

  it("lists a time zone outside Indonesia's three when the shop has one", async () => {
    stored = { ...SHOP, timeZone: "Asia/Singapore" };
    refusal = null;
    server(OWNER);
    app();
    await waitFor(() =>
      expect((screen.getByRole("textbox", { name: "Zona waktu" }) as HTMLInputElement).value).toBe(
        "Asia/Singapore",
      ),
    );
    fireEvent.click(screen.getByRole("textbox", { name: "Zona waktu" }));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "WIB — Waktu Indonesia Barat (Asia/Jakarta)",
      "WITA — Waktu Indonesia Tengah (Asia/Makassar)",
      "WIT — Waktu Indonesia Timur (Asia/Jayapura)",
      "Asia/Singapore",
    ]);
  });

  it("shows an agent who opens it the settings read-only, without Save", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(AGENT);
    app();
    expect((await screen.findByTestId("settings-owner-only")).textContent).toBe(
      "Peran Anda tidak bisa mengubah pengaturan ini.",
    );
    await waitFor(() => expect(nameInput().value).toBe("Toko Contoh"));
    expect(nameInput().disabled).toBe(true);
    expect(screen.queryByTestId("settings-save")).toBeNull();
    expect(screen.queryByTestId("settings-api-keys")).toBeNull();
  });

  it("links the owner to the shop's API keys", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(OWNER);
    app();
    const link = await screen.findByRole("link", { name: "Kunci API" });
    expect(link.getAttribute("href")).toBe("/settings/api-keys");
  });

  it("offers no API keys nor webhooks to an admin limited to outlets (both reach every outlet)", async () => {
    stored = { ...SHOP };
    refusal = null;
    server({ ...OWNER, role: "admin", outletIds: ["outlet-a"] });
    app();
    await waitFor(() => expect(nameInput().value).toBe("Toko Contoh"));
    expect(screen.queryByTestId("settings-api-keys")).toBeNull();
    expect(screen.queryByTestId("settings-webhooks")).toBeNull();
  });

  it("is in the owner's navigation, not in an agent's", async () => {
    stored = { ...SHOP };
    refusal = null;
    server(OWNER);
    const owner = app("/");
    const nav = await screen.findByRole("navigation");
    expect(await within(nav).findByRole("link", { name: "Pengaturan toko" })).toBeTruthy();
    owner.unmount();

    vi.unstubAllGlobals();
    server(AGENT);
    app("/");
    await waitFor(() => expect(screen.getByTestId("shop-name").textContent).toBe("Toko Contoh"));
    const agentNav = screen.getByRole("navigation");
    expect(within(agentNav).getByRole("link", { name: "Kontak" })).toBeTruthy();
    expect(within(agentNav).queryByRole("link", { name: "Pengaturan toko" })).toBeNull();
  });
});
