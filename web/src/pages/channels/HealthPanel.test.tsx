import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChannelHealth } from "../../api/types";
import i18n from "../../i18n";
import { HealthPanel } from "./HealthPanel";

const HOLDER = "vm:6887:b28537b7";

const HEALTHY: ChannelHealth = {
  status: "connected",
  since: "2026-11-01T00:00:00Z",
  lastError: null,
  sent: { lastHour: 3, lastDay: 40 },
  caps: { perHour: 120, perDay: 800 },
  leaseHolder: HOLDER,
  leaseExpiresAt: null,
  health: { score: 100, level: "healthy", parts: [] },
  reach: { newChats: 760, limitedBy: "daily_cap" },
  restrictions: null,
};

/** A number WhatsApp capped until 07:00 UTC (15.00 in the shop's zone, WITA), with failures and a young age. */
const CAPPED: ChannelHealth = {
  ...HEALTHY,
  health: {
    score: 30,
    level: "at_risk",
    parts: [
      { reason: "capped", kind: "ceiling", points: 30, until: "2026-12-06T07:00:00Z" },
      { reason: "failure_rate", kind: "deduction", points: 12, rate: 0.06 },
      { reason: "warmup", kind: "ceiling", points: 69, days: 3 },
    ],
  },
  reach: { newChats: 0, limitedBy: "capped", until: "2026-12-06T07:00:00Z" },
  restrictions: {
    cap: { state: "CAPPED", total: 50, used: 50, cycleEnd: "2026-12-06T07:00:00Z" },
    timelock: { endsAt: "2026-12-06T09:30:00Z" },
    at: "2026-12-06T05:00:00Z",
  },
};

function serve(health: ChannelHealth): void {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const body = url.endsWith("/health")
        ? health
        : { id: "t", name: "Toko", timeZone: "Asia/Makassar", locale: "id" };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
}

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

function show() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <HealthPanel channelId="11111111-1111-4111-8111-111111111111" />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("the channel's health panel", () => {
  it("keeps the process holding the connection in a collapsed 'Detail teknis' section", async () => {
    serve(HEALTHY);
    show();
    await screen.findByTestId("health-day");
    expect(screen.queryByText(new RegExp(HOLDER))).toBeNull();
    fireEvent.click(screen.getByText("Detail teknis"));
    expect((await screen.findByText(new RegExp(HOLDER))).textContent).toContain(HOLDER);
  });

  it("shows a healthy number's score as '100 · Sehat', nothing lost, and how many new customers it can reach", async () => {
    serve(HEALTHY);
    show();
    expect((await screen.findByTestId("health-score")).textContent).toBe("100 · Sehat");
    expect(screen.getByTestId("health-parts").textContent).toBe("Tidak ada yang mengurangi skor nomor ini.");
    expect(screen.getByTestId("health-reach").textContent).toBe(
      "Nomor ini bisa menjangkau sekitar 760 pelanggan baru hari ini",
    );
    expect(screen.getByTestId("health-restrictions").textContent).toBe(
      "WhatsApp belum memberi tahu batas nomor ini.",
    );
  });

  it("says in plain Bahasa why points were lost, and the cap and the lock until when in the shop's zone", async () => {
    serve(CAPPED);
    show();
    // Once the shop (its zone, WITA) is known, every time is read in it.
    await waitFor(() =>
      expect(screen.getByTestId("health-cap").textContent).toBe(
        "Jatah chat baru dari WhatsApp: Habis · 50 dari 50 terpakai sampai 6 Des 2026, 15.00 WITA",
      ),
    );
    const score = screen.getByTestId("health-score");
    expect(score.textContent).toBe("30 · Berisiko");
    expect(score.dataset.level).toBe("at_risk");
    const parts = [...screen.getByTestId("health-parts").querySelectorAll("li")].map((li) => li.textContent);
    expect(parts).toEqual([
      "Jatah chat baru dari WhatsApp sudah habis sampai 6 Des 2026, 15.00 WITA: skor paling tinggi 30",
      "6% pesan ditolak WhatsApp dalam 7 hari terakhir: −12 poin",
      "Nomor masih baru (3 hari); skornya naik selama pemanasan 14 hari: skor paling tinggi 69",
    ]);
    expect(screen.getByTestId("health-timelock").textContent).toBe(
      "Dilarang memulai chat baru sampai 6 Des 2026, 17.30 WITA",
    );
    expect(screen.getByTestId("health-reach").textContent).toBe(
      "Nomor ini tidak bisa menjangkau pelanggan baru sampai 6 Des 2026, 15.00 WITA",
    );
  });

  it("says a Cloud API number has no WhatsApp Web limit, and no restrictions line", async () => {
    serve({ ...HEALTHY, reach: { newChats: null, limitedBy: "cloud_api" } });
    show();
    expect((await screen.findByTestId("health-reach")).textContent).toBe(
      "Tanpa batas dari WhatsApp Web; batas pesan Meta berlaku",
    );
    expect(screen.queryByTestId("health-restrictions")).toBeNull();
  });
});
