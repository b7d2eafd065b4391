import { Notifications } from "@mantine/notifications";
import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Agent } from "../../api/agents";
import type { InboxMessage } from "../../api/inbox";
import i18n from "../../i18n";
import { fakeApi, OWNER, renderAt } from "../automation/testing";
import { PresenceSwitch } from "./PresenceSwitch";
import { inboxMessage } from "./testing";
import { Line } from "./Thread";

const me = (online: boolean): Agent => ({
  id: OWNER.id,
  name: OWNER.name,
  role: "owner",
  online,
  lastSeenAt: null,
  openConversations: online ? 20 : 0,
  maxOpenConversations: 20,
});

const message = (m: Partial<InboxMessage>): InboxMessage =>
  inboxMessage({ direction: "out", text: "Halo kak, daftar harga kami kirim ya", status: "delivered", ...m });

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("going online", () => {
  it("says how many conversations it assigned, in the interface language", async () => {
    let online = false;
    fakeApi(({ method, path }) => {
      if (path === "/auth/session") return { user: OWNER };
      if (path === "/agents") return [me(online)];
      if (method === "PUT" && path === "/agents/me/presence") {
        online = true;
        return { ...me(true), assigned: 20 };
      }
      return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
    });
    renderAt(
      <>
        <Notifications />
        <PresenceSwitch />
      </>,
    );
    const toggle = await screen.findByRole("switch");
    await vi.waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(toggle);
    expect(await screen.findByText("20 percakapan diberikan kepada Anda")).toBeTruthy();
  });
});

describe("the thread", () => {
  it("marks an auto-reply as such, like a campaign message, and an agent's reply not", async () => {
    renderAt(
      <>
        <Line m={message({ autoReply: true })} conversationId="c1" />
        <Line m={message({ text: "Ini katalognya kak" })} conversationId="c1" />
      </>,
    );
    const [auto, agent] = screen.getAllByTestId("message-out");
    expect(auto?.textContent).toContain("Balasan otomatis");
    expect(agent?.textContent).not.toContain("Balasan otomatis");
    await act(() => i18n.changeLanguage("en"));
    expect(auto?.textContent).toContain("Auto-reply");
    await act(() => i18n.changeLanguage("id"));
  });
});
