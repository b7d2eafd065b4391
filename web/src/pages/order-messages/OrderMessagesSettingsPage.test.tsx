import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Notifications } from "@mantine/notifications";
import type { OrderMessageSettings } from "../../api/orderMessages";
import i18n from "../../i18n";
import { AGENT, type Answer, type Call, customRole, fakeApi, OWNER, renderAt } from "../automation/testing";
import { OrderMessagesSettingsPage } from "./OrderMessagesSettingsPage";

const event = (enabled: boolean, text: string) => ({ enabled, text, waTemplate: null });
const DEFAULTS: OrderMessageSettings = {
  channelId: null,
  codReminderHours: 12,
  events: {
    created: event(true, "Terima kasih {{name|kak}}, pesanan {{order.number}} sebesar {{order.total}}"),
    confirmed: event(false, "Pesanan {{order.number}} dikonfirmasi"),
    paid: event(false, "Pembayaran {{order.total}} diterima"),
    shipped: event(
      true,
      "Pesanan {{order.number}} dikirim lewat {{order.courier}}, resi {{order.tracking|-}}",
    ),
    completed: event(false, "Pesanan {{order.number}} selesai"),
    cod_confirm: event(true, "Balas YA untuk konfirmasi atau BATAL untuk membatalkan"),
    cod_reminder: event(true, "Kami masih menunggu konfirmasi {{order.number}}"),
  },
};

let stored: OrderMessageSettings;
let calls: Call[];
let refusal: Answer | null;

function show(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/channels")
      return [
        { id: "c1c1c1c1-0000-4000-8000-000000000001", name: "WA Toko", kind: "sandbox", status: "connected" },
      ];
    if (path === "/order-messages/settings" && method === "GET") return stored;
    if (path === "/order-messages/settings" && method === "PUT") {
      if (refusal) return refusal;
      stored = body as OrderMessageSettings;
      return stored;
    }
    if (path === "/order-messages/preview")
      return { text: "Pesanan INV/2026/12/0001 dikirim lewat JNE, resi JNE1234567890", missing: [] };
    return null;
  });
  return renderAt(
    <>
      <Notifications />
      <OrderMessagesSettingsPage />
    </>,
    "/settings/order-messages",
    "/settings/order-messages",
  );
}

const puts = () => calls.filter((c) => c.method === "PUT").map((c) => c.body as OrderMessageSettings);
const card = (e: string) => screen.getByTestId(`order-message-${e}`);

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => {
  vi.unstubAllGlobals();
  refusal = null;
});

describe("the order messages settings page", { timeout: 20_000 }, () => {
  it("shows every event with its switch, text and the variables, the thank-you and shipped on", async () => {
    stored = DEFAULTS;
    show(OWNER);
    await screen.findByTestId("order-messages-settings");
    for (const e of ["created", "confirmed", "paid", "shipped", "completed", "cod_confirm", "cod_reminder"])
      expect(card(e)).toBeTruthy();
    expect((screen.getByTestId("order-message-created-enabled") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("order-message-paid-enabled") as HTMLInputElement).checked).toBe(false);
    expect(within(card("shipped")).getByText("{{order.tracking}}")).toBeTruthy();
    expect(within(card("created")).getByText("Terima kasih (pesanan baru)")).toBeTruthy();
    expect(((await screen.findByTestId("order-messages-save")) as HTMLButtonElement).disabled).toBe(true);
  });

  it("previews an event's text as it is typed, on a sample order", async () => {
    stored = DEFAULTS;
    show(OWNER);
    fireEvent.click(await screen.findByTestId("order-message-shipped-preview"));
    expect((await screen.findByTestId("order-message-shipped-sample")).textContent).toContain(
      "Pesanan INV/2026/12/0001 dikirim lewat JNE, resi JNE1234567890",
    );
    expect(calls.find((c) => c.path === "/order-messages/preview")?.body).toEqual({
      event: "shipped",
      text: DEFAULTS.events.shipped.text,
    });
  });

  it("saves a switched-on event, a new text, a Cloud API template and the COD hours whole", async () => {
    stored = DEFAULTS;
    show(OWNER);
    fireEvent.click(await screen.findByTestId("order-message-paid-enabled"));
    fireEvent.change(screen.getByTestId("order-message-paid-text"), {
      target: { value: "Lunas {{order.total}}, terima kasih!" },
    });
    fireEvent.change(screen.getByTestId("order-message-shipped-template"), {
      target: { value: "info_pesanan" },
    });
    fireEvent.change(screen.getByTestId("order-messages-cod-hours"), { target: { value: "6" } });
    fireEvent.click(await screen.findByTestId("order-messages-save"));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toEqual({
      ...DEFAULTS,
      codReminderHours: 6,
      events: {
        ...DEFAULTS.events,
        paid: { enabled: true, text: "Lunas {{order.total}}, terima kasih!", waTemplate: null },
        shipped: { ...DEFAULTS.events.shipped, waTemplate: { name: "info_pesanan", language: "id" } },
      },
    });
    expect(await screen.findByText("Pengaturan pesan pesanan disimpan")).toBeTruthy();
  });

  it("shows the server's complaint under the text it names", async () => {
    stored = DEFAULTS;
    refusal = {
      status: 400,
      body: {
        error: {
          code: "order_message_text_invalid",
          message: "Teks pesan tidak valid: events.shipped.text",
          fields: { "events.shipped.text": '"{{" is not closed with "}}"' },
        },
      },
    };
    show(OWNER);
    fireEvent.change(await screen.findByTestId("order-message-shipped-text"), {
      target: { value: "Resi {{order.tracking" },
    });
    fireEvent.click(await screen.findByTestId("order-messages-save"));
    expect(await within(card("shipped")).findByText('"{{" is not closed with "}}"')).toBeTruthy();
  });

  it("is read-only for an agent", async () => {
    stored = DEFAULTS;
    show(AGENT);
    await screen.findByTestId("order-messages-owner-only");
    expect((screen.getByTestId("order-message-created-text") as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByTestId("order-message-created-enabled") as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId("order-messages-save")).toBeNull();
  });

  it("is read-only for a custom role holding settings.read, editable once it holds settings.update", async () => {
    stored = DEFAULTS;
    const first = show(customRole("settings.read"));
    await screen.findByTestId("order-messages-owner-only");
    expect((screen.getByTestId("order-message-created-text") as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.queryByTestId("order-messages-save")).toBeNull();
    first.unmount();
    show(customRole("settings.read", "settings.update"));
    expect(await screen.findByTestId("order-messages-save")).toBeTruthy();
    expect((screen.getByTestId("order-message-created-text") as HTMLTextAreaElement).disabled).toBe(false);
    expect(screen.queryByTestId("order-messages-owner-only")).toBeNull();
  });
});
