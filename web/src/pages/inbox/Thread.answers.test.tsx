import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { InboxMessage } from "../../api/inbox";
import i18n from "../../i18n";
import { conversation, inboxMessage } from "./testing";
import { showThread } from "./showThread";

const c = conversation({ channelKind: "cloud_api", name: "Rina" });
const SHOP_MESSAGE = "Mau ikut promo Lebaran? Pilih di bawah ya kak";

const message = inboxMessage;

const shop = message({ direction: "out", status: "read", text: SHOP_MESSAGE });
const THREAD: InboxMessage[] = [
  shop,
  message({
    text: "Ya, mau",
    button: { kind: "quick_reply", id: "PROMO_LEBARAN_YA", title: "Ya, mau" },
    answering: {
      externalId: "wamid.abc",
      message: { id: shop.id, direction: "out", text: SHOP_MESSAGE, hasMedia: false },
    },
  }),
  message({
    text: "Besok pagi",
    button: { kind: "list_row", id: "slot-pagi", title: "Besok pagi" },
    answering: { externalId: "wamid.gone", message: null },
  }),
  message({
    text: "📍 Toko Sinar Jaya — https://maps.google.com/?q=-7.7928,110.3657",
    location: {
      latitude: -7.7928,
      longitude: 110.3657,
      name: "Toko Sinar Jaya",
      url: "https://sinarjaya.example/lokasi",
    },
  }),
];

beforeEach(() => {
  // jsdom lays nothing out: the thread scrolls to its last message.
  if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};
  vi.stubGlobal(
    "fetch",
    vi.fn(async () =>
      Response.json({ error: { code: "route_not_found", message: "not here" } }, { status: 404 }),
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

const show = () => showThread(c, THREAD);

describe("the thread shows what a customer answered", () => {
  it("quotes the shop's message a button answered, names the button, and links a location's url", async () => {
    await act(() => i18n.changeLanguage("id"));
    show();
    const [, tap, row, place] = screen.getAllByTestId(/^message-(in|out)$/);
    expect(within(tap!).getByTestId("message-answering").textContent).toBe(`Menjawab: ${SHOP_MESSAGE}`);
    expect(within(tap!).getByTestId("message-button").textContent).toBe(
      "🔘 Tombol balasan cepat · PROMO_LEBARAN_YA",
    );
    expect(tap!.textContent).toContain("Ya, mau");
    expect(within(row!).getByTestId("message-answering").textContent).toBe(
      "Menjawab pesan yang tidak ada di Kabar",
    );
    expect(within(row!).getByTestId("message-button").textContent).toBe("🔘 Pilihan daftar · slot-pagi");
    const link = within(place!).getByTestId("message-location-url");
    expect(link.getAttribute("href")).toBe("https://sinarjaya.example/lokasi");
  });

  it("says it in English too", async () => {
    await act(() => i18n.changeLanguage("en"));
    show();
    const [, tap] = screen.getAllByTestId(/^message-(in|out)$/);
    expect(within(tap!).getByTestId("message-answering").textContent).toBe(`Answering: ${SHOP_MESSAGE}`);
    expect(within(tap!).getByTestId("message-button").textContent).toBe(
      "🔘 Quick-reply button · PROMO_LEBARAN_YA",
    );
  });
});
