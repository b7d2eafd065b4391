import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { keys } from "../../api/keys";
import type { Campaign, Channel } from "../../api/types";
import { OWNER } from "../automation/testing";
import { campaign as aCampaign, campaignCounts, showCampaignPage } from "./testing";

const OWN = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const OFFLINE = "33333333-3333-4333-8333-333333333333";

const campaign = (over: Partial<Campaign> = {}): Campaign =>
  aCampaign({
    channelId: OWN,
    counts: campaignCounts({ total: 10, delivered: 6, suspected_drop: 4 }),
    ...over,
  });

const channel = (id: string, name: string, status: Channel["status"]) =>
  ({ id, name, kind: "sandbox", status }) as Channel;

let posted: Array<{ url: string; body: unknown }> = [];
const draft = campaign({
  id: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
  name: "Promo Desember (kirim ulang)",
  channelId: OTHER,
  status: "draft",
  audience: { type: "drops", campaignId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa" },
});

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  posted = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === "POST" && url.endsWith("/resend-drops")) {
        posted.push({ url, body: JSON.parse(String(init.body)) });
        return Response.json(draft, { status: 201 });
      }
      return Response.json({ error: { code: "route_not_found", message: "x" } }, { status: 404 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(c: Campaign, channels: Channel[]) {
  return showCampaignPage(c, (qc) => {
    qc.setQueryData(keys.campaign(draft.id), draft);
    qc.setQueryData(keys.channels, channels);
    qc.setQueryData(keys.me, OWNER);
  });
}

describe("a campaign's suspected drops on its page", () => {
  it("counts them, explains them, and resends them through another connected number", async () => {
    show(campaign(), [
      channel(OWN, "Nomor toko", "connected"),
      channel(OTHER, "Nomor cadangan", "connected"),
      channel(OFFLINE, "Nomor lama", "disconnected"),
    ]);
    expect((await screen.findByTestId("count-suspected_drop")).textContent).toBe("4");
    expect(screen.getByTestId("suspected-drop-hint").textContent).toContain(
      "tidak sampai ke HP pelanggan setelah 30 menit",
    );
    fireEvent.click(screen.getByTestId("resend-drops"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("textbox", { name: "Nomor pengirim" }));
    // Only the other connected number: never the campaign's own, nor one that is offline.
    const options = within(dialog).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["Nomor cadangan"]);
    fireEvent.click(options[0]!);
    fireEvent.click(within(dialog).getByRole("button", { name: "Buat draf" }));
    // The new draft opens.
    await waitFor(() =>
      expect(screen.getByTestId("campaign-name").textContent).toBe("Promo Desember (kirim ulang)"),
    );
    expect(posted).toEqual([
      {
        url: "/api/v1/campaigns/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa/resend-drops",
        body: { channelId: OTHER, name: "Promo Desember (kirim ulang)" },
      },
    ]);
  });

  it("says how to get another number when there is none connected", async () => {
    show(campaign(), [
      channel(OWN, "Nomor toko", "connected"),
      channel(OFFLINE, "Nomor lama", "disconnected"),
    ]);
    fireEvent.click(await screen.findByTestId("resend-drops"));
    const empty = await screen.findByTestId("resend-drops-empty");
    expect(empty.textContent).toContain("Belum ada nomor lain yang tersambung");
    expect(screen.getByRole("button", { name: "Buat draf" }).hasAttribute("disabled")).toBe(true);
  });

  it("offers no resend while nothing is a suspected drop", async () => {
    show(campaign({ counts: { ...campaign().counts, delivered: 10, suspected_drop: 0 } }), [
      channel(OTHER, "Nomor cadangan", "connected"),
    ]);
    await screen.findByTestId("campaign-message");
    expect(screen.queryByTestId("resend-drops")).toBeNull();
  });
});
