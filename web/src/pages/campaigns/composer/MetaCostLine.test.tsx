import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n from "../../../i18n";
import type { CampaignEstimate } from "../../../api/types";
import { MetaCostLine } from "./MetaCostLine";

function show(cost: CampaignEstimate["metaCost"]) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <MetaCostLine cost={cost} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("MetaCostLine", () => {
  it("shows Meta's charge in rupiah the Indonesian way", async () => {
    await act(() => i18n.changeLanguage("id"));
    show({
      category: "MARKETING",
      byMarket: [{ market: "62", messages: 1000, rate: 150 }],
      unknownMessages: 0,
      rupiah: 150_000,
    });
    expect(screen.getByTestId("estimate-meta-cost").textContent).toBe(
      "Perkiraan biaya Meta: Rp150.000 (1.000 pesan MARKETING × Rp150)",
    );
  });

  it("gives one part per market, sen with a comma, and counts messages to markets without a rate", async () => {
    await act(() => i18n.changeLanguage("id"));
    show({
      category: "UTILITY",
      byMarket: [
        { market: "62", messages: 3, rate: 356.65 },
        { market: "60", messages: 1, rate: 1000.5 },
      ],
      unknownMessages: 2,
      rupiah: 2070,
    });
    expect(screen.getByTestId("estimate-meta-cost").textContent).toBe(
      "Perkiraan biaya Meta: Rp2.070 (3 pesan UTILITY × Rp356,65 + 1 pesan UTILITY × Rp1.000,5)" +
        "2 pesan ke negara tanpa tarif di pengaturan tidak dihitung.",
    );
  });

  it("says it in English too", async () => {
    await act(() => i18n.changeLanguage("en"));
    show({
      category: "MARKETING",
      byMarket: [{ market: "62", messages: 1000, rate: 150 }],
      unknownMessages: 0,
      rupiah: 150_000,
    });
    expect(screen.getByTestId("estimate-meta-cost").textContent).toBe(
      "Estimated Meta charge: Rp150,000 (1,000 MARKETING messages × Rp150)",
    );
    await act(() => i18n.changeLanguage("id"));
  });

  it("shows nothing for a free number", () => {
    show(null);
    expect(screen.queryByTestId("estimate-meta-cost")).toBeNull();
  });
});
