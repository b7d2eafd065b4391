import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { TemplateEditorPage } from "./TemplateEditorPage";

/** Answers held back until the test releases them, by path. */
let held: Map<string, () => void>;
let answers: Record<string, unknown>;

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  held = new Map();
  answers = {
    "/tenant": { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" },
    "/contacts/attributes": [{ key: "kota", count: 12 }],
    "/templates/t1": {
      id: "t1",
      name: "Promo",
      body: "Halo {{name|kak}}",
      media: { type: "image", id: "11111111-1111-4111-8111-111111111111", filename: "promo.jpg" },
      createdAt: "2026-11-01T00:00:00Z",
      updatedAt: "2026-11-01T00:00:00Z",
    },
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const path = url.replace(/^\/api\/v1/, "").replace(/\?.*$/, "");
      const body =
        path === "/contacts"
          ? { items: [], total: 0, page: 1, pageSize: 50 }
          : path === "/templates/preview"
            ? { text: "Halo kak", missing: [], media: null }
            : answers[path];
      if (body === undefined) throw new Error(`unexpected ${path}`);
      if (path === "/contacts/attributes") await new Promise<void>((resolve) => held.set(path, resolve));
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(path: string, qc = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/templates/new" element={<TemplateEditorPage />} />
            <Route path="/templates/:id" element={<TemplateEditorPage />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
  return qc;
}

describe("the template editor", () => {
  it("shows the attribute chips once the shop's attributes arrive, whenever they arrive", async () => {
    show("/templates/new");
    await screen.findByTestId("variable-picker");
    expect(screen.queryByTestId("insert-kota")).toBeNull();
    await vi.waitFor(() => expect(held.has("/contacts/attributes")).toBe(true));
    act(() => held.get("/contacts/attributes")!());
    expect(await screen.findByTestId("insert-kota")).toBeTruthy();
  });

  it("asks the server for the attributes on every opening: a CLI or another tab may have imported some since", async () => {
    // The app's cache rules (App.tsx): data is fresh for 30 s, refreshed by socket events,
    // and no event tells of contacts changed elsewhere. The attributes were read before
    // `kabar import contacts` added "kota".
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });
    qc.setQueryData(["contacts", "attributes"], []);
    show("/templates/new", qc);
    await screen.findByTestId("variable-picker");
    await vi.waitFor(() => expect(held.has("/contacts/attributes")).toBe(true));
    act(() => held.get("/contacts/attributes")!());
    expect(await screen.findByTestId("insert-kota")).toBeTruthy();
  });

  it("shows a saved attachment by the name it was uploaded as", async () => {
    show("/templates/t1");
    expect((await screen.findByTestId("media-chip")).textContent).toBe("Gambar · promo.jpg");
  });
});
