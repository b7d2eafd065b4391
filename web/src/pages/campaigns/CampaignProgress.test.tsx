import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { CampaignCounts } from "../../api/types";
import { CampaignProgress } from "./CampaignProgress";
import { campaignCounts } from "./testing";

const counts = (c: Partial<Omit<CampaignCounts, "held">>): CampaignCounts => campaignCounts(c);

function show(c: CampaignCounts, onPick = vi.fn()) {
  // The tenant query never answers here: times fall back to WIB.
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <CampaignProgress counts={c} onPick={onPick} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("CampaignProgress", () => {
  it("shows the share of recipients done and the count per state", async () => {
    await act(() => i18n.changeLanguage("id"));
    show(
      counts({
        total: 200,
        pending: 40,
        sending: 10,
        sent: 30,
        delivered: 70,
        read: 40,
        failed: 5,
        skipped: 5,
        replied: 12,
      }),
    );
    expect(screen.getByTestId("campaign-progress").getAttribute("aria-valuenow")).toBe("75");
    expect(screen.getByTestId("progress-percent").textContent).toBe("75%");
    expect(screen.getByTestId("count-delivered").textContent).toBe("70");
    expect(screen.getByTestId("count-replied").textContent).toBe("12");
    expect(screen.getByTestId("progress-text").textContent).toContain("150 dari 200");
  });

  it("an empty campaign is 0 %, and a click on a counter filters by its state", async () => {
    const onPick = vi.fn();
    show(counts({}), onPick);
    expect(screen.getByTestId("progress-percent").textContent).toBe("0%");
    fireEvent.click(screen.getByRole("button", { name: "Gagal" }));
    expect(onPick).toHaveBeenCalledWith("failed");
  });

  it("counts suspected drops with a one-line explanation, and filters by them on a click", async () => {
    await act(() => i18n.changeLanguage("id"));
    const onPick = vi.fn();
    show(counts({ total: 100, delivered: 90, suspected_drop: 10 }), onPick);
    expect(screen.getByTestId("count-suspected_drop").textContent).toBe("10");
    expect(screen.getByTestId("suspected-drop-hint").textContent).toBe(
      "10 penerima diduga tidak sampai: terkirim ke server WhatsApp tetapi tidak sampai ke HP pelanggan setelah 30 menit.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Diduga tidak sampai" }));
    expect(onPick).toHaveBeenCalledWith("suspected_drop");
  });

  it("shows no suspected-drop counter while there are none", async () => {
    show(counts({ total: 10, delivered: 10 }));
    expect(screen.queryByTestId("count-suspected_drop")).toBeNull();
    expect(screen.queryByTestId("suspected-drop-hint")).toBeNull();
  });

  it("speaks English when switched", async () => {
    await act(() => i18n.changeLanguage("en"));
    show(counts({ total: 1000, read: 1000, replied: 1000 }));
    expect(screen.getByText("Replied")).toBeTruthy();
    expect(screen.getByTestId("count-read").textContent).toBe("1,000");
    await act(() => i18n.changeLanguage("id"));
  });
});
