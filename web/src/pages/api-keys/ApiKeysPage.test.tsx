import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ApiKey } from "../../api/apiKeys";
import i18n from "../../i18n";
import { formatDateTime } from "../../lib/time";
import { AGENT, type Call, customRole, fakeApi, OWNER, renderAt, TENANT } from "../automation/testing";
import { ApiKeysPage } from "./ApiKeysPage";

const KEY = `kbr_live_Ab12${"x".repeat(39)}`;
const USED = "2026-12-01T02:30:00Z";

const WEBSITE: ApiKey = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Website toko",
  prefix: "kbr_live_Zz99",
  scopes: ["orders:write", "contacts:read"],
  createdAt: "2026-11-30T01:00:00Z",
  createdByName: "Bu Sari",
  lastUsedAt: USED,
  revokedAt: null,
};

let stored: ApiKey[];
let calls: Call[];

/** A fake server keeping the shop's keys (in WITA), signed in as `user`. */
function server(user: typeof OWNER) {
  calls = fakeApi(({ method, path, body }) => {
    if (path === "/auth/session") return { user };
    if (path === "/tenant")
      return { ...TENANT, timeZone: "Asia/Makassar", warmDays: 90, optOutKeywords: ["STOP"] };
    if (path === "/api-keys" && method === "GET") return stored;
    if (path === "/api-keys" && method === "POST") {
      const b = body as { name: string; scopes: ApiKey["scopes"] };
      const made: ApiKey = {
        id: "22222222-2222-4222-8222-222222222222",
        name: b.name,
        prefix: KEY.slice(0, 13),
        scopes: b.scopes,
        createdAt: "2026-12-06T01:00:00Z",
        createdByName: "Owner",
        lastUsedAt: null,
        revokedAt: null,
      };
      stored = [made, ...stored];
      return { status: 201, body: { ...made, key: KEY } };
    }
    const revoke = /^\/api-keys\/([\w-]+)$/.exec(path);
    if (revoke && method === "DELETE") {
      stored = stored.map((k) => (k.id === revoke[1] ? { ...k, revokedAt: "2026-12-06T02:00:00Z" } : k));
      return { status: 204, body: null };
    }
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const render = () => renderAt(<ApiKeysPage />, "/settings/api-keys", "/settings/api-keys");
const sent = (method: string) => calls.filter((c) => c.method === method && c.path.startsWith("/api-keys"));

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the API keys page", { timeout: 20_000 }, () => {
  it("explains what keys are for when the shop has none", async () => {
    stored = [];
    server(OWNER);
    render();
    expect((await screen.findByTestId("empty")).textContent).toMatch(/situs web toko/);
    expect(screen.getByTestId("api-keys-create")).toBeTruthy();
  });

  it("lists each key's name, prefix, scopes as badges, last use in the shop's time zone, and never a whole key", async () => {
    stored = [
      WEBSITE,
      {
        ...WEBSITE,
        id: "33333333-3333-4333-8333-333333333333",
        name: "Aplikasi kasir",
        lastUsedAt: null,
        revokedAt: "2026-12-02T00:00:00Z",
      },
    ];
    server(OWNER);
    render();
    const rows = await screen.findAllByTestId("api-key-row");
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText("Website toko")).toBeTruthy();
    expect(first.getByTestId("api-key-prefix").textContent).toBe("kbr_live_Zz99…");
    expect(first.getByText("orders:write")).toBeTruthy();
    expect(first.getByText("contacts:read")).toBeTruthy();
    await waitFor(() =>
      expect(first.getByTestId("api-key-last-used").textContent).toBe(
        formatDateTime(USED, "Asia/Makassar", "id"),
      ),
    );
    expect(first.getByTestId("api-key-last-used").textContent).toMatch(/WITA/);
    expect(first.getByText("Bu Sari")).toBeTruthy();
    const second = within(rows[1]!);
    expect(second.getByTestId("api-key-last-used").textContent).toBe("Belum pernah");
    expect(second.getByTestId("api-key-revoked").textContent).toBe("Dicabut");
    expect(second.queryByTestId("api-key-revoke")).toBeNull();
  });

  it("makes a key: asks for a name and a scope, then shows the key once with a copy button and a warning", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    stored = [];
    server(OWNER);
    render();
    await screen.findByTestId("empty");
    fireEvent.click(screen.getByTestId("api-keys-create"));
    // Each scope says what it allows.
    expect(await screen.findByText("Membuat pesanan baru (situs web mengirim pesanan).")).toBeTruthy();
    fireEvent.click(screen.getByTestId("api-key-submit"));
    expect(await screen.findByText("Isi nama kunci.")).toBeTruthy();
    expect(screen.getByText("Pilih minimal satu izin.")).toBeTruthy();
    expect(sent("POST")).toEqual([]);

    fireEvent.change(screen.getByTestId("api-key-name"), { target: { value: "  Website toko " } });
    fireEvent.click(screen.getByTestId("api-key-scope-contacts:read"));
    fireEvent.click(screen.getByTestId("api-key-scope-orders:write"));
    fireEvent.click(screen.getByTestId("api-key-submit"));
    expect((await screen.findByTestId("api-key-value")).textContent).toBe(KEY);
    expect(sent("POST").map((c) => c.body)).toEqual([
      { name: "Website toko", scopes: ["orders:write", "contacts:read"] },
    ]);
    expect(screen.getByTestId("api-key-once").textContent).toMatch(/tidak akan ditampilkan lagi/);

    fireEvent.click(screen.getByTestId("api-key-copy"));
    await waitFor(() => expect(screen.getByTestId("api-key-copy").textContent).toBe("Tersalin"));
    expect(writeText).toHaveBeenCalledWith(KEY);

    fireEvent.click(screen.getByTestId("api-key-done"));
    await waitFor(() => expect(screen.queryByTestId("api-key-value")).toBeNull());
    const row = await screen.findByTestId("api-key-row");
    expect(within(row).getByTestId("api-key-prefix").textContent).toBe(`${KEY.slice(0, 13)}…`);
    expect(document.body.textContent).not.toContain(KEY);
  });

  it("revokes a key only after confirmation", async () => {
    stored = [WEBSITE];
    server(OWNER);
    render();
    fireEvent.click(await screen.findByTestId("api-key-revoke"));
    expect(await screen.findByText("Cabut kunci “Website toko”?")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Kembali" }));
    await waitFor(() => expect(screen.queryByText("Cabut kunci “Website toko”?")).toBeNull());
    expect(sent("DELETE")).toEqual([]);

    fireEvent.click(screen.getByTestId("api-key-revoke"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cabut" }));
    expect((await screen.findByTestId("api-key-revoked")).textContent).toBe("Dicabut");
    expect(sent("DELETE").map((c) => c.path)).toEqual([`/api-keys/${WEBSITE.id}`]);
  });

  it("tells an agent their role cannot see keys, without asking the server for them", async () => {
    stored = [WEBSITE];
    server(AGENT);
    render();
    expect((await screen.findByTestId("api-keys-owner-only")).textContent).toMatch(
      /Peran Anda tidak bisa melihat/,
    );
    expect(screen.queryByTestId("api-keys-create")).toBeNull();
    expect(sent("GET")).toEqual([]);
  });

  it("shows a custom role holding api_keys.read the keys without make or revoke, and revoke once it holds api_keys.revoke", async () => {
    stored = [WEBSITE];
    server(customRole("api_keys.read"));
    const first = render();
    expect(await screen.findByTestId("api-key-row")).toBeTruthy();
    expect(screen.queryByTestId("api-key-revoke")).toBeNull();
    expect(screen.queryByTestId("api-keys-create")).toBeNull();
    first.unmount();
    server(customRole("api_keys.read", "api_keys.revoke", "api_keys.create"));
    render();
    expect(await screen.findByTestId("api-key-revoke")).toBeTruthy();
    expect(screen.getByTestId("api-keys-create")).toBeTruthy();
  });
});
