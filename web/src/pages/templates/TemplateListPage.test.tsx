import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { TemplateListPage } from "./TemplateListPage";

const TEMPLATE = {
  id: "33333333-3333-4333-8333-333333333333",
  name: "Sapaan promo",
  body: "{Halo|Hai} {{name|kak}}, diskon untuk pelanggan di {{kota}}!",
  variables: ["name", "kota"],
  media: null,
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
};

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const path = url.replace(/^\/api\/v1/, "");
      const body =
        path === "/templates"
          ? [TEMPLATE]
          : path === "/auth/me"
            ? { id: "u", email: "o@toko.id", name: "Pemilik", role: "owner", tenantId: "t" }
            : { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe("the template list", () => {
  it("shows variables and word variations as words, not {{name|kak}} or {Halo|Hai}", async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={qc}>
        <MantineProvider env="test">
          <MemoryRouter>
            <TemplateListPage />
          </MemoryRouter>
        </MantineProvider>
      </QueryClientProvider>,
    );
    const table = await screen.findByTestId("templates-table");
    const row = within(table).getByText("Sapaan promo").closest("tr")!;
    expect(row.textContent).toContain("Halo/Hai [Nama pelanggan], diskon untuk pelanggan di [kota]!");
    expect(row.textContent).not.toMatch(/[{}]/);
    expect(within(row as HTMLElement).getByText("Nama pelanggan")).toBeTruthy();
  });
});
