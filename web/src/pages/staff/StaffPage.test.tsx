import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { StaffUser } from "../../api/types";
import i18n from "../../i18n";
import { type Call, customRole, fakeApi, OWNER, renderAt, TENANT } from "../automation/testing";
import { StaffPage } from "./StaffPage";
import { GUDANG, ROLES, staffUser } from "./testing";

const TEMPORARY = "Sementara-8f3k2";

const OWNER_ROW = staffUser({ id: OWNER.id, email: OWNER.email, name: "Owner", role: "owner" });
const SARI = staffUser({ id: "u5", email: "sari@toko.test", name: "Sari", mustChangePassword: true });
const BUDI = staffUser({
  id: "u6",
  email: "budi@toko.test",
  name: "Budi",
  role: "custom",
  roleId: GUDANG.id,
});

let stored: StaffUser[];
let calls: Call[];
/** The shop's outlets (one: no outlet column). */
let outlets: Array<{ id: string; name: string }> = [];

/** A fake server keeping the shop's staff, signed in as `user`. */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant") return TENANT;
    if (path === "/roles") return ROLES;
    if (path === "/outlets") return outlets;
    if (path === "/users" && method === "GET") return stored;
    if (path === "/users" && method === "POST") {
      const b = body as { name: string; email: string; roleId?: string };
      if (b.email === SARI.email)
        return {
          status: 409,
          body: {
            error: { code: "email_taken", message: "Email ini sudah dipakai pengguna lain di toko ini" },
          },
        };
      const made = staffUser({
        id: "u7",
        name: b.name,
        email: b.email,
        role: b.roleId ? "custom" : "agent",
        roleId: b.roleId ?? null,
        mustChangePassword: true,
      });
      stored = [...stored, made];
      return { status: 201, body: { ...made, temporaryPassword: TEMPORARY } };
    }
    const one = /^\/users\/([\w-]+)$/.exec(path);
    if (one && method === "PATCH") {
      const b = body as { active?: boolean; resetPassword?: object };
      stored = stored.map((u) =>
        u.id === one[1]
          ? {
              ...u,
              deactivatedAt: b.active === false ? "2026-12-07T00:00:00Z" : b.active ? null : u.deactivatedAt,
              mustChangePassword: u.mustChangePassword || b.resetPassword !== undefined,
            }
          : u,
      );
      const u = stored.find((s) => s.id === one[1])!;
      return { ...u, temporaryPassword: b.resetPassword ? TEMPORARY : null };
    }
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const render = () => renderAt(<StaffPage />, "/staff", "/staff");
const row = async (email: string) =>
  within((await screen.findAllByTestId("staff-row")).find((r) => r.dataset.email === email)!);
const patches = () => calls.filter((c) => c.method === "PATCH").map((c) => ({ path: c.path, body: c.body }));

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
beforeEach(() => {
  outlets = [{ id: "o1", name: "Toko Contoh" }];
});
afterEach(() => vi.unstubAllGlobals());

describe("the staff page", { timeout: 20_000 }, () => {
  it("lists each user's name, email, role by name, status and a pending temporary password", async () => {
    stored = [
      OWNER_ROW,
      SARI,
      BUDI,
      staffUser({ id: "u8", email: "eko@toko.test", name: "Eko", deactivatedAt: "2026-12-02T00:00:00Z" }),
    ];
    server(OWNER);
    render();
    const owner = await row(OWNER.email);
    expect(owner.getByTestId("staff-role-name").textContent).toBe("Pemilik");
    expect(owner.getByText("Anda")).toBeTruthy();
    // Nobody deactivates or resets themselves here.
    expect(owner.queryByTestId("staff-deactivate")).toBeNull();
    expect(owner.queryByTestId("staff-reset-password")).toBeNull();
    const sari = await row(SARI.email);
    expect(sari.getByTestId("staff-role-name").textContent).toBe("Agen");
    expect(sari.getByTestId("staff-status").textContent).toBe("Aktif");
    expect(sari.getByTestId("staff-must-change").textContent).toBe("Harus ganti kata sandi");
    await waitFor(async () =>
      expect((await row(BUDI.email)).getByTestId("staff-role-name").textContent).toBe("Gudang"),
    );
    expect((await row(BUDI.email)).queryByTestId("staff-must-change")).toBeNull();
    const eko = await row("eko@toko.test");
    expect(eko.getByTestId("staff-status").textContent).toBe("Nonaktif");
    expect(eko.getByTestId("staff-reactivate")).toBeTruthy();
    expect(eko.queryByTestId("staff-deactivate")).toBeNull();
    // One outlet: nothing of outlets.
    expect(screen.queryByTestId("staff-outlets")).toBeNull();
  });

  it("shows where each person works when the shop has two outlets or more", async () => {
    outlets = [
      { id: "o1", name: "Cabang Solo" },
      { id: "o2", name: "Cabang Bogor" },
    ];
    stored = [OWNER_ROW, { ...SARI, outletIds: ["o2"] }];
    server(OWNER);
    render();
    await waitFor(async () =>
      expect((await row(SARI.email)).getByTestId("staff-outlets").textContent).toBe("Cabang Bogor"),
    );
    expect((await row(OWNER.email)).getByTestId("staff-outlets").textContent).toBe("Semua outlet");
  });

  it("adds staff with a custom role and shows the temporary password once, with a copy button and a warning", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    stored = [OWNER_ROW];
    server(OWNER);
    render();
    fireEvent.click(await screen.findByTestId("staff-add"));
    fireEvent.click(await screen.findByTestId("add-staff-submit"));
    expect(await screen.findByText("Isi nama.")).toBeTruthy();
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);

    fireEvent.change(screen.getByTestId("staff-name"), { target: { value: " Budi " } });
    fireEvent.change(screen.getByTestId("staff-email"), { target: { value: "budi@toko.test" } });
    fireEvent.click(screen.getByRole("textbox", { name: "Peran" }));
    fireEvent.click(await screen.findByRole("option", { name: "Gudang" }));
    fireEvent.click(screen.getByTestId("add-staff-submit"));
    expect((await screen.findByTestId("temporary-password-value")).textContent).toBe(TEMPORARY);
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { name: "Budi", email: "budi@toko.test", roleId: GUDANG.id },
    ]);
    expect(screen.getByTestId("temporary-password-once").textContent).toMatch(/tidak akan ditampilkan lagi/);
    fireEvent.click(screen.getByTestId("temporary-password-copy"));
    await waitFor(() => expect(screen.getByTestId("temporary-password-copy").textContent).toBe("Tersalin"));
    expect(writeText).toHaveBeenCalledWith(TEMPORARY);

    fireEvent.click(screen.getByTestId("temporary-password-done"));
    await waitFor(() => expect(screen.queryByTestId("temporary-password-value")).toBeNull());
    expect((await row("budi@toko.test")).getByTestId("staff-must-change")).toBeTruthy();
    expect(document.body.textContent).not.toContain(TEMPORARY);
  });

  it("shows the API's message when the email is taken", async () => {
    stored = [OWNER_ROW, SARI];
    server(OWNER);
    render();
    fireEvent.click(await screen.findByTestId("staff-add"));
    fireEvent.change(await screen.findByTestId("staff-name"), { target: { value: "Sari lagi" } });
    fireEvent.change(screen.getByTestId("staff-email"), { target: { value: SARI.email } });
    fireEvent.click(screen.getByTestId("add-staff-submit"));
    expect((await screen.findByTestId("add-staff-error")).textContent).toBe(
      "Email ini sudah dipakai pengguna lain di toko ini",
    );
    expect(screen.queryByTestId("temporary-password")).toBeNull();
  });

  it("resets a password after confirmation and shows the new temporary password once", async () => {
    stored = [OWNER_ROW, SARI];
    server(OWNER);
    render();
    fireEvent.click((await row(SARI.email)).getByTestId("staff-reset-password"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/semua sesi Sari berakhir/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Reset" }));
    expect((await screen.findByTestId("temporary-password-value")).textContent).toBe(TEMPORARY);
    expect(patches()).toEqual([{ path: `/users/${SARI.id}`, body: { resetPassword: {} } }]);
  });

  it("deactivates after explaining that sessions end and conversations go back to the queue, then reactivates", async () => {
    stored = [OWNER_ROW, SARI];
    server(OWNER);
    render();
    fireEvent.click((await row(SARI.email)).getByTestId("staff-deactivate"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/sesinya berakhir saat ini juga.*kembali ke antrean/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Nonaktifkan" }));
    await waitFor(async () =>
      expect((await row(SARI.email)).getByTestId("staff-status").textContent).toBe("Nonaktif"),
    );
    fireEvent.click((await row(SARI.email)).getByTestId("staff-reactivate"));
    await waitFor(async () =>
      expect((await row(SARI.email)).getByTestId("staff-status").textContent).toBe("Aktif"),
    );
    expect(patches().map((p) => p.body)).toEqual([{ active: false }, { active: true }]);
  });

  it("hides what the user cannot do: no adding without users.create, no changing an owner for a non-owner", async () => {
    stored = [OWNER_ROW, SARI];
    server(customRole("users.read", "users.update", "roles.read"));
    render();
    const sari = await row(SARI.email);
    await waitFor(() => expect(sari.getByTestId("staff-change-role")).toBeTruthy());
    expect(sari.getByTestId("staff-deactivate")).toBeTruthy();
    const owner = await row(OWNER.email);
    expect(owner.queryByTestId("staff-change-role")).toBeNull();
    expect(owner.queryByTestId("staff-deactivate")).toBeNull();
    expect(screen.queryByTestId("staff-add")).toBeNull();
  });
});
