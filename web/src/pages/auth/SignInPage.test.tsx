import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { AGENT, fakeApi, OWNER } from "../automation/testing";
import { billing } from "../billing/testing";
import { SignInPage } from "./SignInPage";

/** The sign-in page against a fake server: sign-up `open` or not, GET /billing answers `summary`. */
function show({ open, summary, user = OWNER }: { open: boolean; summary: unknown; user?: typeof OWNER }) {
  const calls = fakeApi((c) => {
    if (c.path === "/signup")
      return { enabled: open, trialDays: open ? 14 : null, trialMessages: open ? 100 : null };
    if (c.path === "/auth/sign-in") return { user };
    if (c.path === "/billing") return summary;
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={["/sign-in"]}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/" element={<p>home page</p>} />
            <Route path="/billing" element={<p>billing page</p>} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
  return calls;
}

function signIn() {
  fireEvent.change(screen.getByLabelText("Email", { exact: false }), { target: { value: "o@x.test" } });
  fireEvent.change(screen.getByLabelText("Password", { exact: false }), { target: { value: "rahasia123" } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

describe("sign-in in SaaS mode", () => {
  it("links to sign-up when it is open", async () => {
    show({ open: true, summary: billing() });
    expect((await screen.findByTestId("sign-up-link")).textContent).toContain("Sign up free");
  });

  it("the owner of an expired shop lands on the billing page (how to pay)", async () => {
    show({ open: true, summary: billing({ status: "expired" }) });
    await screen.findByTestId("sign-up-link");
    signIn();
    expect(await screen.findByText("billing page")).toBeTruthy();
  });

  it("an active shop's owner, and anyone in single mode, lands on the start page", async () => {
    show({ open: true, summary: billing() });
    await screen.findByTestId("sign-up-link");
    signIn();
    expect(await screen.findByText("home page")).toBeTruthy();
  });

  it("single mode: no sign-up link; an agent never asks for billing", async () => {
    const calls = show({ open: false, summary: { enabled: false }, user: AGENT });
    signIn();
    expect(await screen.findByText("home page")).toBeTruthy();
    expect(screen.queryByTestId("sign-up-link")).toBeNull();
    expect(calls.some((c) => c.path === "/billing")).toBe(false);
  });
});
