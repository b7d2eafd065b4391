import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router";
import type { Tenant } from "../../api/types";
import i18n from "../../i18n";
import { AppLayout } from "../../layout/AppLayout";
import { AGENT, type Call, fakeApi, OWNER } from "../automation/testing";
import { SettingsPage } from "./SettingsPage";

/** Which permission prefixes each module owns (src/lib/modules.ts), as the fake server drops them. */
const PREFIXES: Record<string, string[]> = {
  broadcast: ["campaigns."],
  inbox: ["inbox."],
  automation: ["automation."],
  commerce: ["products.", "orders."],
  reminders: [],
  reports: ["reports."],
};

let stored: Tenant;

/** The shop as GET /tenant answers it, with `disabledModules` switched off. */
const shop = (disabledModules: Tenant["disabledModules"]): Tenant => ({
  id: "t1",
  name: "Toko Contoh",
  timeZone: "Asia/Jakarta",
  locale: "id",
  warmDays: 90,
  auditRetentionDays: 365,
  optOutKeywords: ["STOP"],
  disabledModules,
  packageDisabledModules: [],
});
let calls: Call[];

/** A fake server: the shop's settings and the session, whose permissions lose switched-off modules' keys. */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    const off = stored.disabledModules.flatMap((m) => PREFIXES[m] ?? []);
    if (path === "/auth/session")
      return {
        user: { ...user, permissions: user.permissions.filter((p) => !off.some((o) => p.startsWith(o))) },
      };
    if (path === "/tenant" && method === "GET") return stored;
    if (path === "/tenant" && method === "PATCH") {
      stored = { ...stored, ...(body as Partial<Tenant>) };
      return stored;
    }
    if (path.startsWith("/notifications")) return { items: [], unread: 0 };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

function app() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={["/settings"]}>
          <Routes>
            <Route element={<AppLayout />}>
              <Route path="/settings" element={<SettingsPage />} />
            </Route>
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const menu = () => screen.getAllByRole("link").map((a) => a.textContent);
const toggle = (m: string) => screen.getByTestId(`module-${m}`) as HTMLInputElement;

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the Modules card of the shop settings", () => {
  it("the owner switches broadcast and reminders off: the server is told, and their menu entries hide", async () => {
    stored = shop([]);
    server(OWNER);
    app();
    await waitFor(() =>
      expect(menu()).toEqual(expect.arrayContaining(["Campaigns", "Reminders", "Segments"])),
    );
    expect(toggle("broadcast").checked).toBe(true);
    fireEvent.click(toggle("broadcast"));
    await waitFor(() => expect(menu()).not.toContain("Campaigns"));
    fireEvent.click(toggle("reminders"));
    await waitFor(() => expect(menu()).not.toContain("Reminders"));
    fireEvent.click(toggle("commerce"));
    await waitFor(() => expect(menu()).not.toContain("Segments"));
    expect(menu()).not.toContain("Orders");
    expect(calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([
      { disabledModules: ["broadcast"] },
      { disabledModules: ["broadcast", "reminders"] },
      { disabledModules: ["broadcast", "commerce", "reminders"] },
    ]);
    expect(toggle("broadcast").checked).toBe(false);
    expect(toggle("inbox").checked).toBe(true);
    expect(menu()).toContain("Inbox");
  });

  it("someone without settings.update sees the switches but cannot flip them", async () => {
    stored = shop(["reports"]);
    server(AGENT);
    app();
    await waitFor(() => expect(screen.getByTestId("module-reports")).toBeTruthy());
    expect(toggle("reports").checked).toBe(false);
    expect(toggle("inbox").disabled).toBe(true);
  });
});
