import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import type { ReminderPreview, ReminderSettings } from "../../api/reminders";
import i18n from "../../i18n";
import { RemindersPage } from "./RemindersPage";

const SETTINGS: ReminderSettings = {
  enabled: false,
  leadDays: 3,
  sendHour: 9,
  channelId: null,
  message: "Halo {{name}}",
  messageIsDefault: true,
  crossSell: true,
  maxSuggestions: 2,
  timeZone: "Asia/Jakarta",
  lastRunOn: null,
};
const FULL: ReminderPreview = {
  date: "2026-12-07",
  timeZone: "Asia/Jakarta",
  enabled: false,
  messages: [
    {
      contactId: "c1",
      name: "Bu Rina",
      phone: "+6281200000001",
      items: [{ reminderId: "r1", productId: "p1", name: "Kopi Gayo", dueOn: "2026-12-07" }],
      suggestions: [{ productId: "p2", name: "Gula Aren", price: 30_000 }],
      text: "Halo Bu Rina, Kopi Gayo yang Kakak beli sepertinya sudah mau habis.",
    },
  ],
  skipped: [
    {
      reminderId: "r2",
      contactId: "c2",
      name: "Pak Budi",
      phone: "+62812",
      productName: "Teh",
      reason: "reordered",
    },
  ],
  counts: { customers: 1, reminders: 1, skipped: 1 },
};

let preview: ReminderPreview;
let role = "owner";
const calls: { method: string; path: string; body: unknown }[] = [];

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  calls.length = 0;
  preview = FULL;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "");
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      let answer: unknown = [];
      if (path === "/reminders/preview") answer = preview;
      else if (path === "/reminders/settings") answer = { ...SETTINGS, ...(body ?? {}) };
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  role = "owner";
});

function renderPage() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(keys.me, { id: "u", email: "o@toko.id", name: "Pemilik", role, tenantId: "t" });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>
          <RemindersPage />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("RemindersPage", () => {
  it("lists who would get what today with the rendered message and suggestions, the skipped ones with why", async () => {
    renderPage();
    const card = await screen.findByTestId("reminder-message");
    expect(within(card).getByText("Bu Rina")).toBeTruthy();
    expect(within(card).getByText("Kopi Gayo")).toBeTruthy();
    expect(within(card).getByTestId("reminder-suggestion").textContent).toBe("+ Gula Aren (Rp30.000)");
    expect(within(card).getByTestId("reminder-text").textContent).toContain("sudah mau habis");
    expect(screen.getByTestId("reminders-counts").textContent).toContain("1 pesan");
    expect(screen.getByTestId("reminders-skipped").textContent).toContain("Sudah pesan lagi");
    expect(screen.getByTestId("reminders-off")).toBeTruthy();
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("says so when nobody is due today", async () => {
    preview = { ...FULL, messages: [], skipped: [], counts: { customers: 0, reminders: 0, skipped: 0 } };
    renderPage();
    expect((await screen.findByTestId("reminders-empty")).textContent).toContain("Belum ada pelanggan");
  });

  it("saves the owner's changed settings, and hides them from an agent", async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId("reminder-enabled"));
    fireEvent.click(screen.getByTestId("reminder-settings-save"));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toMatchObject({ enabled: true, leadDays: 3 }),
    );
    expect(calls.find((c) => c.method === "PUT")?.body).not.toHaveProperty("message");
  });

  it("shows an agent the preview but not the settings", async () => {
    role = "agent";
    renderPage();
    await screen.findByTestId("reminder-message");
    expect(screen.queryByTestId("reminder-settings")).toBeNull();
  });
});
