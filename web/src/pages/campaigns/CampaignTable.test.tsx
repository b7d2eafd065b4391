import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import type { Campaign } from "../../api/types";
import { CampaignTable } from "./CampaignTable";

const campaign = (id: string, name: string, suspected: number): Campaign => ({
  id,
  name,
  channelId: "11111111-1111-4111-8111-111111111111",
  templateId: null,
  body: "Halo",
  media: null,
  waTemplate: null,
  audience: { type: "all" },
  status: "completed",
  statusReason: null,
  heldUntil: null,
  scheduledAt: null,
  startedAt: "2026-12-01T03:00:00Z",
  finishedAt: "2026-12-01T03:10:00Z",
  createdAt: "2026-12-01T02:00:00Z",
  counts: {
    total: 1200,
    pending: 0,
    sending: 0,
    sent: 0,
    delivered: 1200 - suspected,
    read: 0,
    failed: 0,
    skipped: 0,
    unknown: 0,
    suspected_drop: suspected,
    replied: 0,
    held: { cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0 },
    warm: 0,
  },
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
