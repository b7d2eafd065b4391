import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { customRole, fakeApi, OWNER, renderAt } from "../automation/testing";
import { ListFilters } from "./ListFilters";

beforeEach(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

/** The filters for a signed-in `user`, once the session and the numbers are read. */
async function filtersFor(user: typeof OWNER) {
  const calls = fakeApi(({ path }) => {
    if (path === "/auth/session") return { user };
    if (path === "/channels") return [];
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
  renderAt(<ListFilters value={{ assignee: "all", status: "open" }} onChange={() => undefined} />);
  await screen.findByRole("searchbox", { name: "Search name, number or message text" });
  // The session has been answered and rendered: what shows by permission has settled.
  await vi.waitFor(() => expect(calls.some((c) => c.path === "/auth/session")).toBe(true));
  await act(async () => undefined);
}

describe("the inbox's list filters", () => {
  it("offer mine / unassigned / all to those who read every conversation", async () => {
    await filtersFor(OWNER);
    expect(await screen.findByText("Unassigned")).toBeTruthy();
    expect(screen.getByText("All")).toBeTruthy();
  });

  it("offer no such choice to someone who reads only their own conversations", async () => {
    await filtersFor(customRole("inbox.view_assigned", "inbox.reply"));
    expect(screen.queryByText("Unassigned")).toBeNull();
    expect(screen.queryByText("All")).toBeNull();
  });
});
