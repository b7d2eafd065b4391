import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Channel, ChannelHealthSummary, PacingPolicy } from "../../../api/types";
import i18n from "../../../i18n";
import { ChannelStep } from "./ChannelStep";
import { EMPTY_DRAFT } from "./draft";

const policy: PacingPolicy = {
  minDelayMs: 500,
  maxDelayMs: 1500,
  perMinute: 0,
  perHour: 0,
  perDay: 800,
  warmup: { enabled: false, firstDay: 20, growth: 1.8 },
  quietHours: { enabled: false, start: "21:00", end: "08:00" },
  typing: false,
  typingMs: { min: 0, max: 0 },
  precheckNumbers: false,
  pauseAfterConsecutiveFailures: 0,
  concurrency: 1,
};
const CHANNEL: Channel = {
  id: "11111111-1111-4111-8111-111111111111",
  outletId: "00000000-0000-4000-8000-00000000000a",
  name: "Nomor Toko",
  kind: "whatsapp_web",
  phone: "+6281234567890",
  status: "connected",
  statusSince: "2026-11-01T00:00:00Z",
  lastError: null,
  pacingPreset: "custom",
  pacing: policy,
  createdAt: "2026-11-01T00:00:00Z",
};

/** What GET /channels/health answers for the channel. */
let reach: ChannelHealthSummary["reach"];

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  reach = { newChats: 1234, limitedBy: "new_chat_cap" };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const path = url.replace(/^\/api\/v1/, "");
      const health: ChannelHealthSummary[] = [
        { channelId: CHANNEL.id, score: 80, level: "healthy", parts: [], reach },
      ];
      const body =
        path === "/channels"
          ? [CHANNEL]
          : path === "/channels/health"
            ? health
            : { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <ChannelStep
          draft={{ ...EMPTY_DRAFT, channelId: CHANNEL.id }}
          update={() => {}}
          error={() => undefined}
        />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("the composer's channel step", () => {
  it("says 'tanpa batas' for a cap that is off, never ∞, and the gap with a decimal comma", async () => {
    show();
    const summary = await screen.findByTestId("pacing-summary");
    expect(summary.textContent).not.toContain("∞");
    expect(summary.textContent).toContain("Tanpa batas per jam · maks. 800 per hari");
    expect(summary.textContent).toContain("Selang antarpesan 0,5–1,5 detik");
  });

  it("shows the sending number grouped, as a person writes it", async () => {
    show();
    await screen.findByTestId("pacing-summary");
    expect((screen.getByTestId("channel-input") as HTMLInputElement).value).toBe(
      "Nomor Toko (+62 812-3456-7890)",
    );
  });

  it("says how many new customers the chosen number can reach today", async () => {
    show();
    expect((await screen.findByTestId("composer-reach")).textContent).toBe(
      "Nomor ini bisa menjangkau sekitar 1.234 pelanggan baru hari ini",
    );
  });

  it("says when the chosen number can reach no new customers, and until when", async () => {
    reach = { newChats: 0, limitedBy: "timelock", until: "2026-12-06T07:00:00Z" };
    show();
    expect((await screen.findByTestId("composer-reach")).textContent).toBe(
      "Nomor ini tidak bisa menjangkau pelanggan baru sampai 6 Des 2026, 14.00 WIB",
    );
  });

  it("says a Cloud API number has no WhatsApp Web limit, Meta's applies", async () => {
    reach = { newChats: null, limitedBy: "cloud_api" };
    show();
    expect((await screen.findByTestId("composer-reach")).textContent).toBe(
      "Tanpa batas dari WhatsApp Web; batas pesan Meta berlaku",
    );
  });
});
