import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { keys } from "../api/keys";
import type { Notification } from "../api/notifications";
import { formatDayTime } from "../lib/time";
import { NotificationBell, notificationText } from "./NotificationBell";

const note = (n: Partial<Notification>): Notification => ({
  id: crypto.randomUUID(),
  kind: "channel_blocked",
  severity: "error",
  channelId: null,
  channelName: "Toko Utama",
  campaignId: null,
  campaignName: null,
  reason: null,
  until: null,
  createdAt: "2026-11-21T03:00:00Z",
  readAt: null,
  ...n,
});

function show(items: Notification[], unread: number) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.notifications, { items, unread });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <MemoryRouter>
          <NotificationBell />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("NotificationBell", () => {
  it("says what happened in the interface language, with the reason a campaign paused", async () => {
    await act(() => i18n.changeLanguage("id"));
    const paused = note({
      kind: "campaign_paused",
      severity: "warning",
      campaignName: "Promo Lebaran",
      reason: "channel_blocked",
    });
    expect(notificationText(i18n.t, paused)).toBe(
      "Kampanye Promo Lebaran dijeda otomatis: Nomor pengirim diblokir WhatsApp",
    );
    await act(() => i18n.changeLanguage("en"));
    expect(notificationText(i18n.t, note({}))).toBe(
      "Number Toko Utama was blocked by WhatsApp. Sending stopped; its campaigns are paused.",
    );
    await act(() => i18n.changeLanguage("id"));
  });

  it("says which number's new chats are held, why, and until when in the shop's time zone", async () => {
    await act(() => i18n.changeLanguage("id"));
    const capped = note({
      kind: "channel_restricted",
      severity: "warning",
      channelName: "Toko Budi",
      reason: "capped",
      until: "2026-12-07T03:00:00Z",
    });
    const wib = (v: string) => formatDayTime(v, "Asia/Jakarta", i18n.language);
    expect(notificationText(i18n.t, capped, wib)).toBe(
      "Nomor Toko Budi mencapai batas chat baru WhatsApp. Pesan ke pelanggan baru ditahan sampai Sen, 7 Des 10.00 WIB; pelanggan yang sudah pernah chat tetap dikirimi.",
    );
    const refused = note({
      kind: "channel_restricted",
      channelName: "Toko Budi",
      reason: "reachout_refused",
    });
    expect(notificationText(i18n.t, refused, wib)).toBe(
      "WhatsApp menolak chat baru dari nomor Toko Budi (463). Pesan ke pelanggan baru ditahan untuk sementara (Kabar memeriksa lagi tiap 5 menit); pelanggan yang sudah pernah chat tetap dikirimi.",
    );
    await act(() => i18n.changeLanguage("en"));
    expect(notificationText(i18n.t, capped, (v) => formatDayTime(v, "Asia/Makassar", "en"))).toBe(
      "Number Toko Budi reached WhatsApp's new-chat limit. Messages to new customers are held until Mon 7 Dec 11:00 WITA; customers who have chatted before still get theirs.",
    );
    expect(notificationText(i18n.t, note({ kind: "channel_restricted", reason: "resumed" }))).toBe(
      "Number Toko Utama may start new chats again. Messages to new customers are going out again.",
    );
    await act(() => i18n.changeLanguage("id"));
  });

  it("names the webhook Kabar turned off for failing, and says where to turn it on again", async () => {
    await act(() => i18n.changeLanguage("id"));
    const off = note({
      kind: "webhook_endpoint_disabled",
      channelName: null,
      reason: "https://toko.example/kabar",
    });
    expect(notificationText(i18n.t, off)).toBe(
      "Webhook https://toko.example/kabar gagal terus selama 24 jam dan dimatikan. Periksa sistem Anda, lalu aktifkan lagi di Pengaturan → Webhook.",
    );
  });

  it("shows the unread count and lists the notifications when opened", async () => {
    await act(() => i18n.changeLanguage("id"));
    show(
      [
        note({}),
        note({
          kind: "campaign_completed",
          severity: "info",
          campaignName: "Info stok",
          readAt: "2026-11-21T04:00:00Z",
        }),
      ],
      1,
    );
    const bell = screen.getByTestId("notification-bell");
    expect(bell.getAttribute("aria-label")).toBe("Pemberitahuan (1 belum dibaca)");
    fireEvent.click(bell);
    const items = await screen.findAllByTestId("notification");
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining("Nomor Toko Utama diblokir WhatsApp"),
      expect.stringContaining("Kampanye Info stok selesai dikirim."),
    ]);
  });

  it("says so when there is nothing yet", async () => {
    show([], 0);
    fireEvent.click(screen.getByTestId("notification-bell"));
    expect((await screen.findByTestId("empty")).textContent).toMatch(/Belum ada pemberitahuan/);
  });
});
