import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "../../api/types";
import i18n from "../../i18n";
import { type Call, customRole, fakeApi, OWNER, renderAt, TENANT } from "../automation/testing";
import { RolesPage } from "./RolesPage";
import { GUDANG, ROLES } from "./testing";

let stored: Role[];
let calls: Call[];

/** A fake server keeping the shop's roles, signed in as `user`; Gudang is held by 2 people. */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant") return TENANT;
    if (path === "/roles" && method === "GET") return stored;
    if (path === "/roles" && method === "POST") {
      const b = body as { name: string; permissions: string[] };
      const made: Role = { ...GUDANG, id: "88888888-8888-4888-8888-888888888888", ...b };
      stored = [...stored, made];
      return { status: 201, body: made };
    }
    if (path === `/roles/${GUDANG.id}` && method === "DELETE")
      return {
        status: 409,
        body: { error: { code: "role_in_use", message: "Peran ini masih dipakai 2 pengguna" } },
      };
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const render = () => renderAt(<RolesPage />, "/staff/roles", "/staff/roles");
const card = async (role: string) =>
  within((await screen.findAllByTestId("role-card")).find((c) => c.dataset.role === role)!);

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the roles page", { timeout: 20_000 }, () => {
  it("lists built-in roles read-only with their permissions by module, and the shop's roles with edit and delete", async () => {
    stored = ROLES;
    server(OWNER);
    render();
    const agent = await card("agent");
    expect(agent.getByText("Agen")).toBeTruthy();
    expect(agent.getByText(/Balas percakapan/)).toBeTruthy();
    expect(agent.queryByTestId("role-edit")).toBeNull();
    expect(agent.queryByTestId("role-delete")).toBeNull();
    const gudang = await card("Gudang");
    expect(gudang.getByText("Pesanan:")).toBeTruthy();
    expect(gudang.getByText("Lihat pesanan")).toBeTruthy();
    expect(gudang.getByTestId("role-edit")).toBeTruthy();
  });

  it("creates a role with permissions picked from boxes grouped by module", async () => {
    stored = ROLES.slice(0, 2);
    server(OWNER);
    render();
    expect(await screen.findByTestId("roles-no-custom")).toBeTruthy();
    fireEvent.click(screen.getByTestId("role-create"));
    const orders = within(await screen.findByTestId("permission-group-orders"));
    expect(orders.getByText("Pesanan")).toBeTruthy();
    expect(orders.getByTestId("permission-orders.read")).toBeTruthy();
    expect(orders.queryByTestId("permission-contacts.read")).toBeNull();
    expect(
      within(screen.getByTestId("permission-group-contacts")).getByTestId("permission-contacts.read"),
    ).toBeTruthy();

    fireEvent.change(screen.getByTestId("role-name"), { target: { value: "Gudang" } });
    fireEvent.click(orders.getByTestId("permission-orders.read"));
    fireEvent.click(screen.getByTestId("permission-products.read"));
    fireEvent.click(screen.getByTestId("role-save"));
    expect(await card("Gudang")).toBeTruthy();
    // In the registry's order, whatever order they were ticked in.
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { name: "Gudang", permissions: ["products.read", "orders.read"] },
    ]);
  });

  it("starts a role from a built-in one, keeping only what the user may grant; the rest is disabled with a hint", async () => {
    stored = ROLES;
    server(customRole("roles.read", "roles.create", "inbox.reply", "orders.read"));
    render();
    fireEvent.click(await screen.findByTestId("role-create"));
    fireEvent.click(await screen.findByRole("textbox", { name: "Mulai dari" }));
    fireEvent.click(await screen.findByRole("option", { name: "Agen" }));
    await waitFor(() =>
      expect((screen.getByTestId("permission-inbox.reply") as HTMLInputElement).checked).toBe(true),
    );
    const notHeld = screen.getByTestId("permission-inbox.view_all") as HTMLInputElement;
    expect(notHeld.checked).toBe(false);
    expect(notHeld.disabled).toBe(true);
    expect((screen.getByTestId("permission-orders.read") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("permission-orders.read") as HTMLInputElement).disabled).toBe(false);
    expect(
      screen.getAllByText("Anda sendiri tidak memiliki izin ini, jadi tidak bisa memberikannya.").length,
    ).toBeGreaterThan(0);
    fireEvent.change(screen.getByTestId("role-name"), { target: { value: "CS ringan" } });
    fireEvent.click(screen.getByTestId("role-save"));
    await card("CS ringan");
    // Not all of the agent's permissions are kept, so the role is not sent as a clone.
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { name: "CS ringan", permissions: ["inbox.reply", "orders.read"] },
    ]);
  });

  it("deletes only after confirmation, and shows the API's message for a role in use", async () => {
    stored = ROLES;
    server(OWNER);
    render();
    fireEvent.click((await card("Gudang")).getByTestId("role-delete"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Hapus" }));
    expect((await screen.findByTestId("role-delete-error")).textContent).toBe(
      "Peran ini masih dipakai 2 pengguna",
    );
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual([`/roles/${GUDANG.id}`]);
  });
});
