import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "../api/keys";
import type { Permission } from "../api/session";
import type { User } from "../api/types";
import i18n from "../i18n";
import { AppLayout } from "./AppLayout";
import { HomeRoute } from "./HomeRoute";

/** The built-in agent role's permissions (docs/permissions.md). */
const AGENT: Permission[] = [
  "contacts.read",
  "contacts.create",
  "contacts.update",
  "channels.read",
  "inbox.view_all",
  "inbox.view_assigned",
  "inbox.reply",
  "inbox.notes",
  "templates.read",
  "automation.read",
  "products.read",
  "orders.read",
  "orders.create",
  "orders.update",
  "orders.status",
];

const user = (permissions: Permission[]): User => ({
  id: "99999999-9999-4999-8999-999999999999",
  tenantId: "88888888-8888-4888-8888-888888888888",
  email: "sari@toko.test",
  outletIds: [],
  name: "Sari",
  role: "agent",
  roleId: null,
  roleName: null,
  mustChangePassword: false,
  permissions,
});

/** The signed-in frame at `/` for a user holding `permissions`. */
function show(permissions: Permission[]) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.me, user(permissions));
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <MemoryRouter initialEntries={["/"]}>
          <Routes>
            <Route element={<AppLayout />}>
              <Route index element={<HomeRoute />} />
              <Route path="inbox" element={<p>inbox page</p>} />
              <Route path="orders" element={<p>orders page</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const menu = () => screen.getAllByRole("link").map((a) => a.textContent);

beforeAll(async () => {
  await act(() => i18n.changeLanguage("en"));
});

describe("AppLayout and the start page by permission", () => {
  it("an agent sees the inbox, orders and contacts but no broadcasts, reminders, numbers' settings, reports or dashboard, and lands in the inbox", async () => {
    show(AGENT);
    expect(await screen.findByText("inbox page")).toBeTruthy();
    const entries = menu();
    expect(entries).toEqual(expect.arrayContaining(["Inbox", "Orders", "Contacts"]));
    for (const hidden of ["Dashboard", "Campaigns", "Reminders", "Reports", "Shop settings"])
      expect(entries).not.toContain(hidden);
  });

  it("a user holding only orders.read sees only Orders and lands on it (the inbox would refuse them)", async () => {
    show(["orders.read"]);
    expect(await screen.findByText("orders page")).toBeTruthy();
    expect(menu()).toEqual(["Orders"]);
  });

  it("a user who reads only their own conversations (inbox.view_assigned) has the inbox and lands in it", async () => {
    show(["inbox.view_assigned", "inbox.reply"]);
    expect(await screen.findByText("inbox page")).toBeTruthy();
    expect(menu()).toEqual(expect.arrayContaining(["Inbox"]));
  });

  it("the audit log's entry shows only to those holding audit.read", async () => {
    show(["orders.read", "audit.read"]);
    expect(await screen.findByText("orders page")).toBeTruthy();
    expect(menu()).toEqual(["Orders", "Audit log"]);
  });
});
