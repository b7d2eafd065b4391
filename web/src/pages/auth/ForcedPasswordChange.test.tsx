import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import type { User } from "../../api/types";
import i18n from "../../i18n";
import { RequireSession } from "../../layout/RequireSession";

/** A socket.io-client stand-in: counts the connections the app opens. */
const opened = vi.fn();
vi.mock("socket.io-client", () => ({
  io: () => {
    opened();
    const socket = {
      connected: false,
      on: () => socket,
      removeAllListeners: () => socket,
      connect: () => socket,
      disconnect: () => socket,
    };
    return socket;
  },
}));

const USER: User = {
  id: "99999999-9999-4999-8999-999999999999",
  tenantId: "88888888-8888-4888-8888-888888888888",
  email: "sari@toko.test",
  outletIds: [],
  name: "Sari",
  role: "agent",
  roleId: null,
  roleName: null,
  permissions: ["inbox.reply"],
  mustChangePassword: true,
};

/** What the app sent to POST /auth/password; the server answers `answers` in turn. */
const sent: unknown[] = [];
function server(answers: Array<{ status: number; body?: unknown }>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      if (url === "/api/v1/auth/password" && init.method === "POST") {
        sent.push(JSON.parse(String(init.body)));
        const a = answers.shift()!;
        return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status });
      }
      return new Response("{}", { status: 404 });
    }),
  );
}

function app() {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.me, USER);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={["/"]}>
          <Routes>
            <Route element={<RequireSession />}>
              <Route index element={<p>the app</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

/** Types into the field whose label starts with `label` (Mantine adds " *" to required ones). */
const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(new RegExp(`^${label}`)), { target: { value } });

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => {
  vi.unstubAllGlobals();
  sent.length = 0;
  opened.mockClear();
});

describe("the forced password change after signing in with a temporary password", () => {
  it("shows only the change screen (no app, no socket) until the password is changed, then the app", async () => {
    server([
      {
        status: 400,
        body: { error: { code: "current_password_wrong", message: "The current password is wrong" } },
      },
      { status: 204 },
    ]);
    app();
    expect(screen.getByTestId("forced-password-change")).toBeTruthy();
    expect(screen.queryByText("the app")).toBeNull();
    expect(opened).not.toHaveBeenCalled();

    // Too short and mismatched passwords are caught before anything is sent.
    type("Current password", "sementara-123");
    type("New password", "pendek");
    type("Repeat the new password", "pendek");
    fireEvent.click(screen.getByTestId("change-password-submit"));
    expect(await screen.findByText("Use at least 8 characters")).toBeTruthy();
    type("New password", "sandi-pilihan-1");
    type("Repeat the new password", "sandi-pilihan-2");
    fireEvent.click(screen.getByTestId("change-password-submit"));
    expect(await screen.findByText("The two new passwords differ")).toBeTruthy();
    expect(sent).toEqual([]);

    // A wrong current password: the server's message, still the change screen.
    type("Repeat the new password", "sandi-pilihan-1");
    fireEvent.click(screen.getByTestId("change-password-submit"));
    expect((await screen.findByTestId("change-password-error")).textContent).toBe(
      "The current password is wrong",
    );
    expect(screen.queryByText("the app")).toBeNull();

    fireEvent.click(screen.getByTestId("change-password-submit"));
    expect(await screen.findByText("the app")).toBeTruthy();
    expect(screen.queryByTestId("forced-password-change")).toBeNull();
    expect(sent).toEqual([
      { currentPassword: "sementara-123", newPassword: "sandi-pilihan-1" },
      { currentPassword: "sementara-123", newPassword: "sandi-pilihan-1" },
    ]);
    expect(opened).toHaveBeenCalled();
  });
});
