import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationDetail, InboxMessage } from "../../api/inbox";
import { keys } from "../../api/keys";
import i18n from "../../i18n";
import { conversation } from "./testing";
import { Thread } from "./Thread";

const c = conversation({ channelKind: "cloud_api", name: "Rina" });
const SHOP_MESSAGE = "Mau ikut promo Lebaran? Pilih di bawah ya kak";

const message = (m: Partial<InboxMessage>): InboxMessage => ({
  id: crypto.randomUUID(),
  direction: "in",
  text: null,
  media: null,
  status: "received",
  error: null,
  campaignId: null,
  createdAt: "2026-11-21T03:00:00Z",
  deliveredAt: null,
  readAt: null,
  autoReply: false,
  answering: null,
  button: null,
  location: null,
  ...m,
});

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

const detail: ConversationDetail = {
  conversation: c,
  contact: { id: c.contactId, name: "Rina", phone: c.phone, attributes: {}, labels: [], optedOut: false },
  notes: [],
  campaigns: [],
};

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

function show() {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  qc.setQueryData(keys.conversation(c.id), detail);
  qc.setQueryData(keys.thread(c.id), THREAD);
  qc.setQueryData(keys.quickReplies, []);
  qc.setQueryData(keys.waTemplates(c.channelId), []);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <Thread id={c.id} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

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
