import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { keys } from "../../api/keys";
import type { Campaign, CampaignCounts } from "../../api/types";
import { CampaignDetailPage } from "./CampaignDetailPage";

/** A campaign's recipient counts for component tests: all zero but what `c` says (and `held`'s reasons). */
export const campaignCounts = (
  c: Partial<Omit<CampaignCounts, "held">> & { held?: Partial<CampaignCounts["held"]> } = {},
): CampaignCounts => ({
  total: 0,
  pending: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  skipped: 0,
  unknown: 0,
  suspected_drop: 0,
  replied: 0,
  warm: 0,
  ...c,
  held: { cap_warning: 0, capped: 0, timelock: 0, reachout_refused: 0, ...c.held },
});

/** A campaign as the API gives it, for component tests: a completed one unless `c` says otherwise. */
export const campaign = (c: Partial<Campaign> = {}): Campaign => ({
  id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
  name: "Promo Desember",
  channelId: "11111111-1111-4111-8111-111111111111",
  templateId: null,
  body: "Halo {{name|Kak}}",
  media: null,
  waTemplate: null,
  audience: { type: "all" },
  status: "completed",
  statusReason: null,
  heldUntil: null,
  pool: [{ channelId: "11111111-1111-4111-8111-111111111111", weight: 1 }],
  routing: "weighted",
  byChannel: [],
  scheduledAt: null,
  startedAt: "2026-12-01T03:00:00Z",
  finishedAt: "2026-12-01T03:10:00Z",
  createdAt: "2026-12-01T02:00:00Z",
  counts: campaignCounts(),
  ...c,
});

/**
 * Renders the campaign page of `c` at /campaigns/:id, with `c` (and whatever `seed` puts
 * in the query cache) already loaded; queries never go stale or retry.
 */
export function showCampaignPage(c: Campaign, seed: (qc: QueryClient) => void = () => {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  qc.setQueryData(keys.campaign(c.id), c);
  seed(qc);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[`/campaigns/${c.id}`]}>
          <Routes>
            <Route path="/campaigns/:id" element={<CampaignDetailPage />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}
