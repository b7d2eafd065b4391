import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import { AGENT, OWNER } from "../automation/testing";
import type { SegmentsOverview } from "../../api/segments";
import i18n from "../../i18n";
import { SegmentsPage } from "./SegmentsPage";

const THRESHOLDS = {
  newDays: 30,
  inactiveDays: 180,
  championScore: 4,
  atRiskRecency: 2,
  atRiskValue: 3,
  bigSpenderScore: 5,
  loyalScore: 4,
  promisingRecency: 4,
};
const SEGMENTS = [
  "inactive",
  "new",
  "champions",
  "at_risk",
  "big_spender",
  "loyal",
  "promising",
  "need_attention",
] as const;

let overview: SegmentsOverview;
let user = OWNER;
const calls: { method: string; path: string; body: unknown }[] = [];

const withCounts = (counts: Partial<Record<(typeof SEGMENTS)[number], number>>): SegmentsOverview => ({
  segments: SEGMENTS.map((segment) => ({ segment, customers: counts[segment] ?? 0 })),
  customers: Object.values(counts).reduce((a, b) => a + (b ?? 0), 0),
  thresholds: THRESHOLDS,
  computedAt: "2026-12-05T19:00:00Z",
});

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  calls.length = 0;
  overview = withCounts({ champions: 3, at_risk: 12, new: 5 });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/api\/v1/, "");
      const method = init?.method ?? "GET";
      calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      let body: unknown;
      if (path === "/segments/settings") {
        overview = {
          ...withCounts({ champions: 3, at_risk: 10, new: 5, loyal: 2 }),
          thresholds: { ...THRESHOLDS, loyalScore: 3 },
        };
        body = overview;
      } else if (path.startsWith("/segments")) body = overview;
      else body = { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
      return new Response(JSON.stringify(body), {
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
          <SegmentsPage />
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("SegmentsPage", () => {
  it("shows each segment's customers and meaning with the shop's thresholds, and links to its contacts and a campaign", async () => {
    renderPage();
    const atRisk = await screen.findByTestId("segment-at_risk");
    expect(within(atRisk).getByText("Berisiko")).toBeTruthy();
    expect(within(atRisk).getByTestId("segment-count").textContent).toBe("12");
    expect(within(atRisk).getByText(/R ≤ 2/)).toBeTruthy();
    expect(within(atRisk).getByText("Lihat kontak").closest("a")?.getAttribute("href")).toBe(
      "/contacts?segment=at_risk",
    );
    expect(within(atRisk).getByTestId("segment-campaign").getAttribute("href")).toBe(
      "/campaigns/new?segment=at_risk",
    );
    // A segment nobody is in offers no links.
    expect(within(screen.getByTestId("segment-loyal")).queryByText("Lihat kontak")).toBeNull();
    expect(screen.getByTestId("segments-computed").textContent).toContain("20 pelanggan");
  });

  it("saves only the changed thresholds and shows the recomputed counts", async () => {
    renderPage();
    const loyal = await screen.findByTestId("threshold-loyalScore");
    fireEvent.change(loyal, { target: { value: "3" } });
    fireEvent.click(screen.getByTestId("thresholds-save"));
    await waitFor(() => expect(calls.find((c) => c.method === "PUT")?.body).toEqual({ loyalScore: 3 }));
    await waitFor(() =>
      expect(within(screen.getByTestId("segment-loyal")).getByTestId("segment-count").textContent).toBe("2"),
    );
  });

  it("recomputes on demand", async () => {
    renderPage();
    fireEvent.click(await screen.findByTestId("segments-refresh"));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "POST" && c.path === "/segments/refresh")).toBe(true),
    );
  });

  it("says what to do when no customer has an order", async () => {
    overview = withCounts({});
    renderPage();
    expect((await screen.findByTestId("segments-empty")).textContent).toContain("Buat pesanan");
  });

  it("shows an agent the segments but not the thresholds or campaigns", async () => {
    user = AGENT;
    renderPage();
    await screen.findByTestId("segment-at_risk");
    expect(screen.queryByTestId("thresholds")).toBeNull();
    expect(screen.queryByTestId("segment-campaign")).toBeNull();
  });
});
