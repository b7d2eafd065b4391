import { act, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { InboxMessage } from "../../api/inbox";
import { conversation, inboxMessage } from "./testing";
import { showThread } from "./showThread";

const c = conversation();
const message = inboxMessage;
const PHOTO = message({
  id: "55555555-5555-4555-8555-555555555555",
  text: "Yang ini kak",
  media: { type: "image", id: "66666666-6666-4666-8666-666666666666", mimeType: "image/jpeg" },
});
const PDF = message({
  id: "77777777-7777-4777-8777-777777777777",
  direction: "out",
  status: "read",
  media: {
    type: "document",
    id: "88888888-8888-4888-8888-888888888888",
    mimeType: "application/pdf",
    filename: "daftar-harga.pdf",
  },
});
const LINKED = message({
  direction: "out",
  status: "sent",
  text: "Promo",
  media: { type: "image", url: "https://cdn.toko-contoh.test/promo.jpg" },
});

beforeEach(async () => {
  // jsdom does not scroll; the thread scrolls to its last message.
  if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => Response.json({ error: { code: "route_not_found", message: "x" } }, { status: 404 })),
  );
});
afterEach(() => vi.unstubAllGlobals());

const show = (messages: InboxMessage[]) => showThread(c, messages);

describe("files in the thread", () => {
  it("a customer's photo shows as a thumbnail with a download link, not as '📎 Media'", async () => {
    show([PHOTO]);
    const bubble = await screen.findByTestId("message-in");
    const src = `/api/v1/conversations/${c.id}/messages/${PHOTO.id}/media`;
    const img = within(bubble).getByRole("img") as HTMLImageElement;
    expect(img.getAttribute("src")).toBe(src);
    const link = within(bubble).getByTestId("media-download") as HTMLAnchorElement;
    expect(link.getAttribute("href")).toBe(src);
    expect(link.hasAttribute("download")).toBe(true);
    expect(link.textContent).toContain("Unduh");
    expect(bubble.textContent).toContain("Yang ini kak");
    expect(bubble.textContent).not.toContain("📎 Media");
  });

  it("a document shows its file name and a download link; a linked picture shows from its link", async () => {
    show([PDF, LINKED]);
    const [doc, linked] = await screen.findAllByTestId("message-out");
    expect(within(doc!).queryByRole("img")).toBeNull();
    expect(doc!.textContent).toContain("daftar-harga.pdf");
    expect(within(doc!).getByTestId("media-download").getAttribute("href")).toBe(
      `/api/v1/conversations/${c.id}/messages/${PDF.id}/media`,
    );
    expect(within(linked!).getByRole("img").getAttribute("src")).toBe(
      "https://cdn.toko-contoh.test/promo.jpg",
    );
  });
});
