import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "../../api/audit";
import i18n from "../../i18n";
import { formatDateTime } from "../../lib/time";
import { type Call, fakeApi, OWNER, renderAt, TENANT } from "../automation/testing";
import { AuditLogPage } from "./AuditLogPage";

const AT = "2026-12-06T02:30:00Z";

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: "1",
  at: AT,
  actor: { userId: "u1", name: "Bu Sari", role: "owner", outlet: null, apiKeyId: null },
  action: "user.update_role",
  target: { type: "user", id: "u9", name: "Dedi" },
  changes: { role: ["agent", "manager"] },
  ip: "10.0.0.7",
  userAgent: "Firefox",
  source: "http",
  ...over,
});

let calls: Call[];

/** The shop's one outlet (a shop with one sees nothing of outlets). */
const ONE_OUTLET = [{ id: "o1", name: "Toko Contoh" }];

/** A fake server (shop in WITA, with `outlets`) answering GET /audit with `pages` by cursor ("" first). */
function server(
  pages: Record<string, { items: AuditEntry[]; nextCursor: string | null }>,
  outlets = ONE_OUTLET,
) {
  calls = fakeApi(({ path }) => {
    if (path === "/auth/session") return { user: OWNER };
    if (path === "/tenant") return { ...TENANT, timeZone: "Asia/Makassar" };
    if (path === "/audit/people") return [{ userId: "u1", name: "Bu Sari" }];
    if (path === "/outlets") return outlets;
    if (path.startsWith("/audit?") || path === "/audit") {
      const cursor = new URLSearchParams(path.split("?")[1] ?? "").get("cursor") ?? "";
      return pages[cursor] ?? { items: [], nextCursor: null };
    }
    return { status: 404, body: { error: { code: "route_not_found", message: "no" } } };
  });
}

const render = () => renderAt(<AuditLogPage />, "/audit", "/audit");
const auditCalls = () => calls.filter((c) => c.path.startsWith("/audit"));

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
afterEach(() => vi.unstubAllGlobals());

describe("the audit log page", { timeout: 20_000 }, () => {
  it("says so when there is nothing yet", async () => {
    server({});
    render();
    expect((await screen.findByTestId("empty")).textContent).toBe("Belum ada entri.");
  });

  it("shows each entry: time in the shop's zone, person and role, the action in words, the target and the changes before → after", async () => {
    server({
      "": {
        items: [
          entry({}),
          entry({
            id: "2",
            action: "products.update",
            target: { type: "products", id: "p1", name: null },
            changes: null,
          }),
          entry({
            id: "3",
            action: "user.reset_password",
            actor: { userId: null, name: null, role: "Kasir", outlet: "Cabang Solo", apiKeyId: null },
            changes: { password: ["[redacted]", "[redacted]"] },
          }),
          entry({ id: "4", action: "sesuatu.baru", changes: null }),
        ],
        nextCursor: null,
      },
    });
    render();
    const rows = await screen.findAllByTestId("audit-row");
    expect(rows).toHaveLength(4);
    const first = within(rows[0]!);
    await waitFor(() =>
      expect(first.getByTestId("audit-at").textContent).toContain(formatDateTime(AT, "Asia/Makassar", "id")),
    );
    expect(first.getByTestId("audit-at").textContent).toContain("10.0.0.7");
    expect(first.getByTestId("audit-person").textContent).toBe("Bu SariPemilik");
    expect(first.getByTestId("audit-action").textContent).toBe("Mengganti peran staf");
    expect(first.getByTestId("audit-target").textContent).toBe("StafDedi");
    expect(first.getByTestId("audit-change").textContent).toBe("role agent → manager");
    // A route's generic entry is named by its permission; an unknown action by its key.
    expect(within(rows[1]!).getByTestId("audit-action").textContent).toBe("Ubah produk");
    expect(within(rows[1]!).getByTestId("audit-target").textContent).toBe("Produkp1");
    const third = within(rows[2]!);
    // Someone limited to outlets shows them; someone of every outlet shows none.
    expect(third.getByTestId("audit-person").textContent).toBe("KabarKasirCabang Solo");
    expect(first.queryByTestId("audit-outlet")).toBeNull();
    expect(third.getByTestId("audit-change").textContent).toBe("password [redacted] → [redacted]");
    expect(within(rows[3]!).getByTestId("audit-action").textContent).toBe("sesuatu.baru");
  });

  it("filters by action and day (the shop's), exports what the filters match, and loads more by cursor", async () => {
    server({
      "": { items: [entry({ id: "9" })], nextCursor: "9" },
      "9": { items: [entry({ id: "8", action: "role.create" })], nextCursor: null },
    });
    render();
    await screen.findAllByTestId("audit-row");
    fireEvent.click(screen.getByTestId("audit-more"));
    await waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(2));
    expect(auditCalls().some((c) => c.path.includes("cursor=9"))).toBe(true);
    expect(screen.queryByTestId("audit-more")).toBeNull();

    fireEvent.change(screen.getByTestId("audit-filter-action"), { target: { value: "user." } });
    await waitFor(() => expect(auditCalls().some((c) => c.path.includes("action=user."))).toBe(true));
    fireEvent.change(screen.getByTestId("audit-filter-from"), { target: { value: "2026-12-01" } });
    // The shop's day starts at 00:00 WITA (UTC+8).
    await waitFor(() =>
      expect(auditCalls().some((c) => c.path.includes("from=2026-11-30T16%3A00%3A00.000Z"))).toBe(true),
    );
    fireEvent.click(screen.getByTestId("audit-export"));
    const csv = new URL((await screen.findByTestId("audit-export-csv")).getAttribute("href")!, "http://x");
    expect(csv.pathname).toBe("/api/v1/audit/export");
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      action: "user.",
      from: "2026-11-30T16:00:00.000Z",
      format: "csv",
    });
    fireEvent.click(screen.getByTestId("audit-clear"));
    await waitFor(() =>
      expect((screen.getByTestId("audit-filter-action") as HTMLInputElement).value).toBe(""),
    );
    // One outlet: no outlet filter.
    expect(screen.queryByTestId("audit-filter-outlet")).toBeNull();
  });

  it("offers the outlets as a filter when the shop has two or more, and the people the log names", async () => {
    server({ "": { items: [entry({})], nextCursor: null } }, [
      { id: "o1", name: "Cabang Solo" },
      { id: "o2", name: "Cabang Bogor" },
    ]);
    render();
    await screen.findAllByTestId("audit-row");
    const outlet = await screen.findByTestId("audit-filter-outlet");
    fireEvent.click(outlet);
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bogor" }));
    await waitFor(() => expect(auditCalls().some((c) => c.path.includes("outletId=o2"))).toBe(true));
    fireEvent.click(screen.getByTestId("audit-filter-person"));
    expect((await screen.findByRole("option", { name: "Bu Sari" })).textContent).toBe("Bu Sari");
  });
});
