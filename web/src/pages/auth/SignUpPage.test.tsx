import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { type Answer, type Call, fakeApi, OWNER } from "../automation/testing";
import { WelcomeNote } from "../billing/WelcomeNote";
import { SignUpPage } from "./SignUpPage";

const OPEN = { enabled: true, trialDays: 14, trialMessages: 100 };
let calls: Call[];

/** The sign-up page against a fake server: GET /signup answers `info`, POST /signup `answer`. */
function show(info: unknown, answer: Answer = { user: OWNER }) {
  calls = fakeApi((c) => (c.method === "GET" ? info : answer));
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={["/signup"]}>
          <Routes>
            <Route path="/signup" element={<SignUpPage />} />
            <Route path="/sign-in" element={<p>sign-in page</p>} />
            <Route
              path="/"
              element={
                <>
                  <WelcomeNote />
                  <p>dashboard</p>
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const field = (label: string) => screen.getByLabelText(label, { exact: false }) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

function fillIn(phone = "0812-3456-7890") {
  type("Shop name", "Toko Sari");
  type("Owner's name", "Sari");
  type("E-mail", "sari@toko.test");
  type("WhatsApp number", phone);
  type("Password", "rahasia123");
}
const submit = () => fireEvent.click(screen.getByRole("button", { name: "Sign up" }));

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the sign-up page", () => {
  it("in single mode says sign-up is not available and links to sign-in", async () => {
    show({ enabled: false, trialDays: null, trialMessages: null });
    expect((await screen.findByTestId("sign-up-closed")).textContent).toContain("not available");
    expect(screen.queryByRole("button", { name: "Sign up" })).toBeNull();
    expect(screen.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/sign-in");
  });

  it("shows the trial, the normalised WhatsApp number, and signs up into the dashboard with a welcome note", async () => {
    show(OPEN);
    expect(await screen.findByText(/Free 14-day trial, 100 messages/)).toBeTruthy();
    fillIn("0812 3456 7890");
    expect(screen.getByText("Saved as +62 812-3456-7890")).toBeTruthy();
    submit();
    expect(await screen.findByText("dashboard")).toBeTruthy();
    expect(screen.getByTestId("welcome-note").textContent).toContain("free 14-day trial with 100 messages");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      shopName: "Toko Sari",
      ownerName: "Sari",
      email: "sari@toko.test",
      phone: "+6281234567890",
      password: "rahasia123",
    });
  });

  it("refuses a short password and a bad number before asking the server", async () => {
    show(OPEN);
    await screen.findByText(/Free 14-day trial/);
    fillIn("12");
    type("Password", "pendek");
    submit();
    expect(await screen.findByText("The password needs at least 8 characters")).toBeTruthy();
    expect(screen.getByText(/Not a valid WhatsApp number/)).toBeTruthy();
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
  });

  it("shows the server's field problems under their fields, and email_taken under the e-mail", async () => {
    show(OPEN, {
      status: 400,
      body: { error: { code: "validation_failed", message: "Invalid", fields: { shopName: "Too long" } } },
    });
    await screen.findByText(/Free 14-day trial/);
    fillIn();
    submit();
    expect(await screen.findByText("Too long")).toBeTruthy();
    expect(screen.queryByTestId("sign-up-error")).toBeNull();
    vi.unstubAllGlobals();
    fakeApi(() => ({
      status: 409,
      body: { error: { code: "email_taken", message: "This e-mail already has an account" } },
    }));
    submit();
    expect(await screen.findByText("This e-mail already has an account")).toBeTruthy();
    expect(field("E-mail").getAttribute("aria-invalid")).toBe("true");
  });

  it("says clearly when too many sign-ups came from this network (429)", async () => {
    show(OPEN, { status: 429, body: { error: { code: "rate_limited", message: "Too many requests" } } });
    await screen.findByText(/Free 14-day trial/);
    fillIn();
    submit();
    await waitFor(() =>
      expect(screen.getByTestId("sign-up-error").textContent).toContain("Too many sign-ups"),
    );
  });
});
