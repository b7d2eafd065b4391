import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import { AGENT, customRole, OWNER } from "../automation/testing";
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
  waTemplate: null,
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

/** A WhatsApp Web number and a Cloud API one (GET /channels). */
const CHANNELS = [
  { id: "ch-web", name: "WA Toko", kind: "baileys", status: "connected" },
  { id: "ch-cloud", name: "WA Resmi", kind: "cloud_api", status: "connected" },
];
/** The Cloud API number's synced templates: one approved with two body parameters, one rejected. */
const TEMPLATES = [
  {
    name: "pengingat_pesan_ulang",
    language: "id",
    status: "APPROVED",
    parameterFormat: "POSITIONAL",
    parameters: { header: [], body: ["1", "2"] },
    components: [{ type: "BODY", text: "Halo {{1}}, {{2}} sudah mau habis?" }],
  },
  {
    name: "ditolak",
    language: "id",
    status: "REJECTED",
    parameterFormat: "POSITIONAL",
    parameters: { header: [], body: [] },
    components: [{ type: "BODY", text: "Tidak" }],
  },
];

let preview: ReminderPreview;
let settings: ReminderSettings;
let user = OWNER;
const calls: { method: string; path: string; body: unknown }[] = [];

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  calls.length = 0;
  preview = FULL;
  settings = SETTINGS;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "");
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      let answer: unknown = [];
      if (path === "/reminders/preview") answer = preview;
      else if (path === "/reminders/settings") answer = { ...settings, ...(body ?? {}) };
      else if (path === "/channels") answer = CHANNELS;
      else if (path === "/channels/ch-cloud/wa-templates") answer = TEMPLATES;
      return new Response(JSON.stringify(answer), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  user = OWNER;
});

function renderPage() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(keys.me, user);
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

  it("asks for an approved WhatsApp template with its values only when the chosen number is a Cloud API one", async () => {
    settings = {
      ...SETTINGS,
      channelId: "ch-cloud",
      waTemplate: { name: "pengingat_pesan_ulang", language: "id", body: ["{{name|Kak}}", ""] },
    };
    renderPage();
    const picker = await screen.findByTestId("reminder-template-picker");
    await waitFor(() =>
      expect((within(picker).getByTestId("reminder-wa-template") as HTMLInputElement).value).toBe(
        "pengingat_pesan_ulang (id)",
      ),
    );
    fireEvent.change(within(picker).getByTestId("reminder-wa-param-body-2"), {
      target: { value: "{{reminder.items}}" },
    });
    expect(within(picker).getByTestId("reminder-wa-preview").textContent).toBe(
      "Halo {{name|Kak}}, {{reminder.items}} sudah mau habis?",
    );
    fireEvent.click(screen.getByTestId("reminder-settings-save"));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toMatchObject({
        channelId: "ch-cloud",
        waTemplate: {
          name: "pengingat_pesan_ulang",
          language: "id",
          body: ["{{name|Kak}}", "{{reminder.items}}"],
        },
      }),
    );
  });

  it("shows no template picker for a WhatsApp Web number", async () => {
    settings = { ...SETTINGS, channelId: "ch-web" };
    renderPage();
    await screen.findByTestId("reminder-settings");
    await waitFor(() => expect(calls.some((c) => c.path === "/channels")).toBe(true));
    expect(screen.queryByTestId("reminder-template-picker")).toBeNull();
  });

  it("shows an agent the preview but not the settings", async () => {
    user = AGENT;
    renderPage();
    await screen.findByTestId("reminder-message");
    expect(screen.queryByTestId("reminder-settings")).toBeNull();
  });

  it("shows the settings to a custom role holding campaigns.create (as PUT /reminders/settings asks), not to one reading campaigns only", async () => {
    user = customRole("campaigns.read");
    const first = renderPage();
    await screen.findByTestId("reminder-message");
    expect(screen.queryByTestId("reminder-settings")).toBeNull();
    first.unmount();
    user = customRole("campaigns.read", "campaigns.create");
    renderPage();
    expect(await screen.findByTestId("reminder-settings")).toBeTruthy();
  });
});
