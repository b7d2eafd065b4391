import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { Campaign } from "../../api/types";
import { ActualCost } from "./ActualCost";

function show(cost: Campaign["actualCost"]) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <ActualCost cost={cost} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe("ActualCost", () => {
  it("shows what Meta billed, in total and by category, the Indonesian way", async () => {
    await act(() => i18n.changeLanguage("id"));
    show({
      byCategory: [
        { category: "marketing", messages: 1200, rupiah: 703_596 },
        { category: "utility", messages: 2, rupiah: null },
      ],
      rupiah: 703_596,
    });
    expect(screen.getByTestId("actual-cost").textContent).toBe(
      "Biaya Meta: Rp703.5961.200 pesan marketing: Rp703.5962 pesan utility: tanpa tarif di pengaturan",
    );
  });

  it("shows nothing while Meta billed nothing", async () => {
    await act(() => i18n.changeLanguage("en"));
    show(null);
    expect(screen.queryByTestId("actual-cost")).toBeNull();
    await act(() => i18n.changeLanguage("id"));
  });
});
