import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { api, onUnauthorized, type SessionKind } from "../../api/client";
import i18n from "../../i18n";
import { signInAfterUnauthorized } from "../../layout/unauthorized";
import { fakeApi } from "../automation/testing";
import { renderConsole } from "./testing";

const UNAUTHORIZED = {
  status: 401,
  body: { error: { code: "platform_session_required", message: "Masuk sebagai admin platform." } },
};

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the platform session", { timeout: 20_000 }, () => {
  it("without one (a shop user's session does not count), a console page goes to the platform sign-in and comes back after", async () => {
    const calls = fakeApi(({ path }) => (path === "/auth/session" ? { user: { id: "u1" } } : UNAUTHORIZED));
    renderConsole("/platform/shops?status=expired");
    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe(
        `/platform/sign-in?next=${encodeURIComponent("/platform/shops?status=expired")}`,
      ),
    );
    expect(screen.getByRole("button", { name: "Masuk ke konsol" })).toBeTruthy();
    // Only the platform's session was asked; the shop's never.
    expect(calls.map((c) => c.path)).toEqual(["/platform/auth/me"]);
  });

  it("a 401 on a console call ends the platform session and leads to the platform sign-in; a shop call's 401 to the shop's", async () => {
    fakeApi(() => UNAUTHORIZED);
    const ended: SessionKind[] = [];
    const off = onUnauthorized((s) => ended.push(s));
    try {
      await expect(api("GET", "/platform/shops?page=1")).rejects.toMatchObject({ status: 401 });
      await expect(api("GET", "/contacts")).rejects.toMatchObject({ status: 401 });
      // The session checks themselves answer, they do not redirect.
      await expect(api("GET", "/platform/auth/me")).rejects.toMatchObject({ status: 401 });
      await expect(api("POST", "/platform/auth/sign-in", {})).rejects.toMatchObject({ status: 401 });
    } finally {
      off();
    }
    expect(ended).toEqual(["platform", "shop"]);
    expect(signInAfterUnauthorized("platform", "/platform/shops", "?page=2")).toBe(
      `/platform/sign-in?expired=1&next=${encodeURIComponent("/platform/shops?page=2")}`,
    );
    expect(signInAfterUnauthorized("shop", "/contacts", "")).toBe("/sign-in?expired=1&next=%2Fcontacts");
    expect(signInAfterUnauthorized("platform", "/platform/sign-in", "")).toBeNull();
    expect(signInAfterUnauthorized("shop", "/sign-in", "?next=%2F")).toBeNull();
  });
});
