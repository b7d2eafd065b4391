import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Outlet } from "../../api/outlets";
import i18n from "../../i18n";
import { AGENT, type Call, fakeApi, OWNER, renderAt } from "../automation/testing";
import { OutletsCard } from "./OutletsCard";

let stored: Outlet[];
let calls: Call[];

const PUSAT: Outlet = {
  id: "00000000-0000-4000-8000-00000000000a",
  name: "Toko Contoh",
  address: "Jl. Slamet Riyadi 1",
  city: "Solo",
  province: "33",
  phone: "+62271123456",
  createdAt: "2026-12-01T00:00:00.000Z",
};

/** A fake server: the session, the provinces and the outlets (a POST adds one as the server would). */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/provinces")
      return [
        { code: "32", name: "Jawa Barat" },
        { code: "33", name: "Jawa Tengah" },
      ];
    if (path === "/outlets" && method === "GET") return stored;
    if (path === "/outlets" && method === "POST") {
      const b = body as Partial<Outlet>;
      if ((b.phone ?? "").includes("x"))
        return {
          status: 400,
          body: {
            error: { code: "validation_failed", message: "bad", fields: { phone: "not a phone number" } },
          },
        };
      const made = { ...PUSAT, ...b, id: "00000000-0000-4000-8000-00000000000b", phone: "+6281234567890" };
      stored = [...stored, made as Outlet];
      return { status: 201, body: made };
    }
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the Outlets card of the shop settings", () => {
  it("lists the outlets with their address, and the owner adds one: the server gets the form, the list shows it", async () => {
    stored = [PUSAT];
    server(OWNER);
    renderAt(<OutletsCard />);
    const row = await screen.findByText("Toko Contoh");
    await waitFor(() =>
      expect(row.parentElement!.textContent).toContain("Solo · Jawa Tengah · +62271123456"),
    );

    fireEvent.click(screen.getByTestId("outlet-add"));
    fireEvent.change(await screen.findByTestId("outlet-name"), { target: { value: "Cabang Bandung" } });
    fireEvent.change(screen.getByTestId("outlet-city"), { target: { value: "Bandung" } });
    fireEvent.change(screen.getByTestId("outlet-phone"), { target: { value: "0812x" } });
    fireEvent.click(screen.getByTestId("outlet-save"));
    expect(await screen.findByText("not a phone number")).toBeTruthy();

    fireEvent.change(screen.getByTestId("outlet-phone"), { target: { value: "0812-3456-7890" } });
    fireEvent.click(screen.getByTestId("outlet-save"));
    await waitFor(() => expect(screen.getAllByTestId("outlet-row")).toHaveLength(2));
    expect(calls.filter((c) => c.method === "POST").at(-1)?.body).toEqual({
      name: "Cabang Bandung",
      address: null,
      city: "Bandung",
      province: null,
      phone: "0812-3456-7890",
    });
    expect(within(screen.getAllByTestId("outlet-row")[1]!).getByText("Cabang Bandung")).toBeTruthy();
  });

  it("someone who may only read outlets sees them, with no way to add or edit", async () => {
    stored = [PUSAT];
    server({ ...AGENT, permissions: [...AGENT.permissions, "outlets.read"] });
    renderAt(<OutletsCard />);
    expect(await screen.findByText("Toko Contoh")).toBeTruthy();
    expect(screen.queryByTestId("outlet-add")).toBeNull();
    expect(screen.queryByText("Edit outlet")).toBeNull();
  });
});
