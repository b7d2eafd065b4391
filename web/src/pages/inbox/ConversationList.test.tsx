import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation } from "../../api/inbox";
import i18n from "../../i18n";
import { fakeApi, OWNER, renderAt } from "../automation/testing";
import { ConversationList } from "./ConversationList";
import { conversation } from "./testing";

/** A conversation whose last message is the customer's, with this text and file kind. */
const lastIs = (id: string, text: string | null, mediaType: "image" | "document" | null): Conversation =>
  conversation({
    id,
    phone: `+62812000000${id}`,
    lastMessage: { direction: "in", text, mediaType, status: "received", createdAt: "2026-11-21T03:00:00Z" },
  });

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the conversation list", () => {
  it("says what a last message without text carries: a photo, a document", async () => {
    fakeApi(({ path }) => {
      if (path === "/auth/session") return { user: OWNER };
      if (path === "/agents") return [];
      if (path.startsWith("/conversations"))
        return [
          lastIs("1", null, "image"),
          lastIs("2", null, "document"),
          lastIs("3", "Ini fotonya", "image"),
        ];
      return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
    });
    renderAt(<ConversationList filters={{ assignee: "all" }} />);
    await screen.findAllByTestId("conversation-row");
    expect(screen.getAllByTestId("conversation-preview").map((el) => el.textContent)).toEqual([
      "📷 Foto",
      "📄 Dokumen",
      "Ini fotonya",
    ]);
  });
});
