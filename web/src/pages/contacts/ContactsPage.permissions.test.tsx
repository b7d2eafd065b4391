import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import i18n from "../../i18n";
import { AGENT, customRole, fakeApi, OWNER } from "../automation/testing";
import { BulkBar } from "./BulkBar";
import { ContactsPage } from "./ContactsPage";

/** `element` for `user` (known from the start, as after sign-in). */
function show(element: ReactNode, user: typeof OWNER) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(keys.me, user);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter>{element}</MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const IDS = ["11111111-1111-4111-8111-111111111111"];

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
beforeEach(() => {
  fakeApi(({ path }) => {
    if (path.startsWith("/contacts/labels")) return [];
    if (path.startsWith("/contacts")) return { items: [], total: 0, page: 1, pageSize: 50 };
    return { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("contacts' actions by permission", () => {
  it("shows import and download to the owner, neither to an agent (whose role holds neither)", () => {
    const owner = show(<ContactsPage />, OWNER);
    expect(screen.getByTestId("import-contacts")).toBeTruthy();
    expect(screen.getByTestId("export-menu")).toBeTruthy();
    owner.unmount();
    show(<ContactsPage />, AGENT);
    expect(screen.queryByTestId("import-contacts")).toBeNull();
    expect(screen.queryByTestId("export-menu")).toBeNull();
  });

  it("shows a custom role import with contacts.import only, and download with contacts.export only", () => {
    const importer = show(<ContactsPage />, customRole("contacts.read", "contacts.import"));
    expect(screen.getByTestId("import-contacts")).toBeTruthy();
    expect(screen.queryByTestId("export-menu")).toBeNull();
    importer.unmount();
    show(<ContactsPage />, customRole("contacts.read", "contacts.export"));
    expect(screen.getByTestId("export-menu")).toBeTruthy();
    expect(screen.queryByTestId("import-contacts")).toBeNull();
  });

  it("offers bulk delete with contacts.delete and bulk labels with contacts.update, each without the other", () => {
    const deleter = show(
      <BulkBar ids={IDS} onDone={() => {}} />,
      customRole("contacts.read", "contacts.delete"),
    );
    expect(screen.getByTestId("bulk-delete")).toBeTruthy();
    expect(screen.queryByTestId("bulk-label-add")).toBeNull();
    deleter.unmount();
    show(<BulkBar ids={IDS} onDone={() => {}} />, AGENT);
    expect(screen.getByTestId("bulk-label-add")).toBeTruthy();
    expect(screen.queryByTestId("bulk-delete")).toBeNull();
  });
});
