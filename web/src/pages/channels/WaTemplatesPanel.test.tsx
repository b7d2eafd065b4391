import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { WaTemplate } from "../../api/types";
import { WaTemplatesPanel } from "./WaTemplatesPanel";

const template = (name: string, status: string): WaTemplate => ({
  name,
  language: "id",
  status,
  category: "MARKETING",
  parameterFormat: "POSITIONAL",
  parameters: { header: [], body: [] },
  components: [],
  reason: null,
  previousCategory: null,
  syncedAt: "2026-11-21T03:00:00.000Z",
});

/** A server answering GET /channels/c1/wa-templates from `stored` and POST …/wa-templates/sync by filling it. */
function fakeServer(stored: WaTemplate[], afterSync: WaTemplate[]) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${url}`);
      if (init?.method === "POST") {
        stored.splice(0, stored.length, ...afterSync);
        return new Response(JSON.stringify({ synced: afterSync.length, removed: 0 }), {
          status: 200,
          headers: { "content-type": "application/json" },
        });
      }
      return new Response(JSON.stringify(stored), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

function show(owner: boolean) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(["tenant"], { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <WaTemplatesPanel channelId="c1" canManage={owner} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("WaTemplatesPanel", () => {
  it("says how to get templates when none are synced, and lists them with their review state after a sync", async () => {
    const calls = fakeServer([], [template("promo_lebaran", "APPROVED"), template("info_resi", "PENDING")]);
    show(true);
    expect(await screen.findByText(/Sinkronkan template untuk mengambilnya/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("wa-sync"));
    expect(await screen.findByText("promo_lebaran")).toBeTruthy();
    expect(screen.getAllByTestId("wa-template-status").map((b) => b.textContent)).toEqual([
      "Disetujui",
      "Ditinjau",
    ]);
    await waitFor(() =>
      expect(calls).toEqual([
        "GET /api/v1/channels/c1/wa-templates",
        "POST /api/v1/channels/c1/wa-templates/sync",
        "GET /api/v1/channels/c1/wa-templates",
      ]),
    );
  });

  it("shows a state Meta adds later as it comes, and no sync button to agents", async () => {
    fakeServer([template("lama", "LIMIT_EXCEEDED")], []);
    show(false);
    expect(await screen.findByText("LIMIT_EXCEEDED")).toBeTruthy();
    expect(screen.queryByTestId("wa-sync")).toBeNull();
    expect(screen.queryByTestId("wa-create")).toBeNull();
  });

  it("shows Meta's rejection reason and a category Meta changed, and opens the wizard", async () => {
    fakeServer(
      [
        { ...template("promo_gratis", "REJECTED"), reason: "INVALID_FORMAT" },
        { ...template("pesanan_siap", "APPROVED"), category: "MARKETING", previousCategory: "UTILITY" },
      ],
      [],
    );
    show(true);
    expect((await screen.findByTestId("wa-template-reason")).textContent).toBe("INVALID_FORMAT");
    expect(screen.getByTestId("wa-category-changed").textContent).toBe(
      "Kategori diubah Meta (semula UTILITY)",
    );
    fireEvent.click(screen.getByTestId("wa-create"));
    expect(await screen.findByText("Template WhatsApp baru")).toBeTruthy();
  });
});
