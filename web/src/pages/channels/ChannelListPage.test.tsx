import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider, focusManager } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Channel, ChannelHealthSummary } from "../../api/types";
import i18n from "../../i18n";
import { keys } from "../../api/keys";
import { customRole, fakeApi, type OWNER } from "../automation/testing";
import { ChannelListPage } from "./ChannelListPage";

const channel = (id: string, name: string): Channel => ({
  id,
  outletId: "00000000-0000-4000-8000-00000000000a",
  name,
  kind: "whatsapp_web",
  phone: null,
  status: "connected",
  statusSince: "2026-11-01T00:00:00Z",
  lastError: null,
  pacingPreset: "safe",
  pacing: {
    minDelayMs: 8000,
    maxDelayMs: 20000,
    perMinute: 3,
    perHour: 120,
    perDay: 800,
    warmup: { enabled: true, firstDay: 20, growth: 1.8 },
    quietHours: { enabled: true, start: "21:00", end: "08:00" },
    typing: true,
    typingMs: { min: 1500, max: 4000 },
    precheckNumbers: true,
    pauseAfterConsecutiveFailures: 10,
    concurrency: 1,
  },
  createdAt: "2026-11-01T00:00:00Z",
});
const TOKO = channel("11111111-1111-4111-8111-111111111111", "Nomor Toko");
const PROMO = channel("22222222-2222-4222-8222-222222222222", "Nomor Promo");

const score = (c: Channel, s: number, level: ChannelHealthSummary["level"]): ChannelHealthSummary => ({
  channelId: c.id,
  score: s,
  level,
  parts: [],
  reach: { newChats: 10, limitedBy: "daily_cap" },
});

let scores: ChannelHealthSummary[];
let healthCalls = 0;

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  scores = [score(TOKO, 92, "healthy"), score(PROMO, 25, "at_risk")];
  healthCalls = 0;
  fakeApi(({ path }) => {
    if (path === "/channels") return [TOKO, PROMO];
    if (path === "/channels/health") {
      healthCalls++;
      return scores;
    }
    if (path === "/auth/session") return { user: null };
    return { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
  });
});
afterEach(() => vi.unstubAllGlobals());

/** The page, signed in as `user` when given (known from the start, as after sign-in). */
function show(user?: typeof OWNER) {
  // The app's defaults: nothing refetches on focus unless a query asks for it.
  const qc = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 30_000, refetchOnWindowFocus: false } },
  });
  if (user) qc.setQueryData(keys.me, user);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>
          <ChannelListPage />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const badgeOf = (c: Channel) =>
  within(screen.getByTestId(`channel-row-${c.id}`)).getByTestId("channel-health-score");

describe("the numbers page", () => {
  it("shows each number's health score with its colour and one word, from one request", async () => {
    show();
    await waitFor(() => expect(badgeOf(TOKO).textContent).toBe("92 · Sehat"));
    expect(badgeOf(TOKO).dataset.level).toBe("healthy");
    expect(badgeOf(PROMO).textContent).toBe("25 · Berisiko");
    expect(badgeOf(PROMO).dataset.level).toBe("at_risk");
    expect(screen.getByText("Kesehatan")).toBeTruthy();
    expect(healthCalls).toBe(1);
  });

  it("shows the new score when the owner comes back to the page", async () => {
    show();
    await waitFor(() => expect(badgeOf(PROMO).textContent).toBe("25 · Berisiko"));
    scores = [score(TOKO, 92, "healthy"), score(PROMO, 55, "watch")];
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(badgeOf(PROMO).textContent).toBe("55 · Waspada"));
    act(() => focusManager.setFocused(undefined));
  });

  it("offers adding a number to a custom role holding channels.manage, not to one that only reads numbers", async () => {
    const first = show(customRole("channels.read"));
    await waitFor(() => expect(badgeOf(TOKO).textContent).toBe("92 · Sehat"));
    expect(screen.queryByTestId("add-channel")).toBeNull();
    first.unmount();
    show(customRole("channels.read", "channels.manage"));
    expect(await screen.findByTestId("add-channel")).toBeTruthy();
  });
});
