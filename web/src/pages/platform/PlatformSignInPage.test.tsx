import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { fakeApi } from "../automation/testing";
import { ADMIN, renderConsole } from "./testing";

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

const fill = (email: string, password: string) => {
  fireEvent.change(screen.getByTestId("sign-in-email"), { target: { value: email } });
  fireEvent.change(screen.getByTestId("sign-in-password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Masuk ke konsol" }));
};

/** A console whose admin is signed in once `POST /platform/auth/sign-in` took `password`. */
function server(password: string) {
  let signedIn = false;
  return fakeApi(({ method, path, body }) => {
    if (path === "/platform/auth/me")
      return signedIn
        ? { admin: ADMIN }
        : { status: 401, body: { error: { code: "platform_session_required", message: "Masuk dulu." } } };
    if (method === "POST" && path === "/platform/auth/sign-in") {
      const b = body as { email: string; password: string };
      if (!b.email.includes("@"))
        return {
          status: 400,
          body: {
            error: { code: "validation", message: "Periksa isian.", fields: { email: "Email tidak valid." } },
          },
        };
      if (b.password !== password)
        return {
          status: 401,
          body: { error: { code: "invalid_credentials", message: "Email atau kata sandi salah." } },
        };
      signedIn = true;
      return { admin: ADMIN };
    }
    if (path === "/platform/totals")
      return {
        shops: { total: 0, trialing: 0, active: 0, past_due: 0, expired: 0, suspended: 0 },
        revenue: { thisMonth: 0, total: 0 },
        messagesThisMonth: 0,
      };
    if (path.startsWith("/platform/shops")) return { shops: [], total: 0 };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

describe("the platform sign-in page", { timeout: 20_000 }, () => {
  it("says a wrong password in the server's words and stays on the page; a bad e-mail shows under its field", async () => {
    const calls = server("rahasia-sekali");
    renderConsole("/platform/sign-in");
    fill("admin@kabar.test", "salah");
    expect((await screen.findByTestId("sign-in-error")).textContent).toBe("Email atau kata sandi salah.");
    expect(screen.getByTestId("location").textContent).toBe("/platform/sign-in");

    fill("bukan-email", "x");
    expect(await screen.findByText("Email tidak valid.")).toBeTruthy();
    expect(screen.queryByTestId("sign-in-error")).toBeNull();
    // The platform's own routes, never the shop's sign-in.
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([
      "/platform/auth/sign-in",
      "/platform/auth/sign-in",
    ]);
  });

  it("after signing in follows `next` within the console, and never to a shop page", async () => {
    server("rahasia-sekali");
    renderConsole("/platform/sign-in?expired=1&next=%2Fplatform%2Fshops");
    expect(screen.getByTestId("session-expired").textContent).toBe(
      "Sesi admin platform berakhir. Silakan masuk lagi.",
    );
    fill("admin@kabar.test", "rahasia-sekali");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/platform/shops"));
    expect(await screen.findByTestId("platform-admin")).toBeTruthy();
  });

  it("ignores a `next` outside the console", async () => {
    server("rahasia-sekali");
    renderConsole("/platform/sign-in?next=%2Fcontacts");
    fill("admin@kabar.test", "rahasia-sekali");
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/platform"));
  });
});
