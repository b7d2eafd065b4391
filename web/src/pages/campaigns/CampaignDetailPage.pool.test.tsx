import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import type { Campaign, Channel } from "../../api/types";
import i18n from "../../i18n";
import { campaign as aCampaign, campaignCounts, showCampaignPage } from "./testing";

const MAIN = "11111111-1111-4111-8111-111111111111";
const SECOND = "22222222-2222-4222-8222-222222222222";
const BANNED = "33333333-3333-4333-8333-333333333333";

const channel = (id: string, name: string, status: Channel["status"]) =>
  ({ id, name, kind: "sandbox", status }) as Channel;
const CHANNELS = [
  channel(MAIN, "Nomor Toko", "connected"),
  channel(SECOND, "Nomor Cadangan", "connected"),
  channel(BANNED, "Nomor Lama", "blocked"),
];

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  // Everything the page needs is in the cache; anything else it asks for is not there.
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => Response.json({ error: { code: "route_not_found", message: "x" } }, { status: 404 })),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(c: Campaign) {
  return showCampaignPage(c, (qc) => qc.setQueryData(keys.channels, CHANNELS));
}

/** The "Per nomor" row of a number: its cells' text. */
const row = (id: string) =>
  within(screen.getByTestId(`by-channel-${id}`))
    .getAllByRole("cell")
    .map((c) => c.textContent);

describe("a campaign over several numbers on its page", () => {
  it("shows per number the actual split, the banned number's recipients moved to the others", async () => {
    show(
      aCampaign({
        status: "running",
        counts: campaignCounts({ total: 100, pending: 40, sent: 55, failed: 5 }),
        pool: [
          { channelId: MAIN, weight: 2 },
          { channelId: SECOND, weight: 1 },
          { channelId: BANNED, weight: 1 },
        ],
        byChannel: [
          { channelId: MAIN, recipients: 60, warm: 20, pending: 25, sent: 33, failed: 2 },
          { channelId: SECOND, recipients: 35, warm: 5, pending: 15, sent: 18, failed: 2 },
          { channelId: BANNED, recipients: 5, warm: 0, pending: 0, sent: 4, failed: 1 },
        ],
      }),
    );
    const table = await screen.findByTestId("campaign-by-channel");
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Nomor", "Bobot", "Penerima", "Terkirim", "Menunggu", "Gagal"]);
    expect(row(MAIN)).toEqual(["Nomor Toko", "2", "60", "33", "25", "2"]);
    expect(row(SECOND)).toEqual(["Nomor Cadangan", "1", "35", "18", "15", "2"]);
    // The banned number kept only what it had sent; it says why.
    expect(row(BANNED)).toEqual(["Nomor LamaDiblokir", "1", "5", "4", "0", "1"]);
  });

  it("before the start, lists the numbers and their weights, and says the split comes at the start", async () => {
    show(
      aCampaign({
        status: "draft",
        routing: "hybrid",
        pool: [
          { channelId: MAIN, weight: 1 },
          { channelId: SECOND, weight: 3 },
        ],
        byChannel: [],
      }),
    );
    expect(await screen.findByTestId("campaign-hybrid")).toBeTruthy();
    expect(row(SECOND)).toEqual(["Nomor Cadangan", "3", "—", "—", "—", "—"]);
    expect(screen.getByText("Penerima dibagi ke nomor-nomor ini saat kampanye dimulai.")).toBeTruthy();
  });

  it("shows no per-number table for a campaign from one number", async () => {
    show(aCampaign());
    await screen.findByTestId("campaign-name");
    expect(screen.queryByTestId("campaign-by-channel")).toBeNull();
  });
});
