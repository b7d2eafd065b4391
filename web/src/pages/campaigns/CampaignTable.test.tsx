import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { Campaign } from "../../api/types";
import { CampaignTable } from "./CampaignTable";
import { campaign as aCampaign, campaignCounts } from "./testing";

const campaign = (id: string, name: string, suspected: number): Campaign =>
  aCampaign({
    id,
    name,
    body: "Halo",
    counts: campaignCounts({ total: 1200, delivered: 1200 - suspected, suspected_drop: suspected }),
  });

describe("the campaign list", () => {
  it("says how many recipients of a campaign are suspected drops, only where there are some", async () => {
    await act(() => i18n.changeLanguage("id"));
    // The tenant query never answers here: times fall back to WIB.
    const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
    render(
      <QueryClientProvider client={qc}>
        <MantineProvider env="test">
          <MemoryRouter>
            <CampaignTable
              campaigns={[
                campaign("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Promo", 1100),
                campaign("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "Ucapan", 0),
              ]}
            />
          </MemoryRouter>
        </MantineProvider>
      </QueryClientProvider>,
    );
    const marks = screen.getAllByTestId("list-suspected-drop");
    expect(marks.map((m) => m.textContent)).toEqual(["1.100 diduga tidak sampai"]);
  });
});
