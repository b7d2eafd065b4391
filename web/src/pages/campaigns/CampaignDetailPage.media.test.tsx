import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { Campaign } from "../../api/types";
import { campaign as aCampaign, showCampaignPage } from "./testing";

const campaign = (media: Campaign["media"], body = "Halo {{name|kak}}, promo!"): Campaign =>
  aCampaign({
    id: "c0c0c0c0-c0c0-4c0c-8c0c-c0c0c0c0c0c0",
    body,
    media,
    status: "draft",
    startedAt: null,
    finishedAt: null,
    createdAt: "2026-11-21T03:00:00Z",
  });

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => Response.json({ error: { code: "route_not_found", message: "x" } }, { status: 404 })),
  );
});
afterEach(() => vi.unstubAllGlobals());

const show = (c: Campaign) => showCampaignPage(c);

describe("a campaign's attachment on its page", () => {
  it("shows the picture it sends and that the text is its caption", async () => {
    show(campaign({ type: "image", id: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", mimeType: "image/jpeg" }));
    const media = await screen.findByTestId("campaign-media");
    expect(within(media).getByRole("img").getAttribute("src")).toBe(
      "/api/v1/media/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
    );
    expect(within(media).getByTestId("caption-mode").textContent).toBe(
      "Teks dikirim sebagai keterangan di bawah lampiran, dalam satu pesan.",
    );
  });

  it("shows a document's file name, and nothing when there is no attachment", async () => {
    const { unmount } = show(
      campaign({
        type: "document",
        id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
        mimeType: "application/pdf",
        filename: "katalog.pdf",
      }),
    );
    expect((await screen.findByTestId("campaign-media")).textContent).toContain("katalog.pdf");
    unmount();
    show(campaign(null));
    await screen.findByTestId("campaign-message");
    expect(screen.queryByTestId("campaign-media")).toBeNull();
  });
});
