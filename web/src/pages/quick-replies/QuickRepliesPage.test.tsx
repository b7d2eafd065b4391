import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router";
import type { QuickReply } from "../../api/inbox";
import i18n from "../../i18n";
import { fakeApi, type Call } from "../automation/testing";
import { Composer } from "../inbox/Composer";
import { conversation } from "../inbox/testing";
import { QuickRepliesPage } from "./QuickRepliesPage";

/** The shop's quick replies as the fake server keeps them. */
let stored: QuickReply[];
let calls: Call[];

const notFound = { status: 404, body: { error: { code: "route_not_found", message: "no" } } };

/** A fake server that keeps quick replies, renders previews for the sample customer, and refuses a taken shortcut. */
function server() {
  calls = fakeApi(({ method, path, body }) => {
    const b = body as { shortcut: string; body: string; media: QuickReply["media"] } | undefined;
    if (path === "/quick-replies" && method === "GET") return stored;
    if (path === "/quick-replies" && method === "POST") {
      if (stored.some((r) => r.shortcut === b!.shortcut))
        return {
          status: 409,
          body: {
            error: { code: "shortcut_taken", message: "Pintasan ini sudah dipakai balasan cepat lain" },
          },
        };
      const saved = {
        id: crypto.randomUUID(),
        ...b!,
        media: b!.media ?? null,
        createdAt: "2026-11-21T03:00:00Z",
        updatedAt: "2026-11-21T03:00:00Z",
      };
      stored = [...stored, saved];
      return { status: 201, body: saved };
    }
    const one = /^\/quick-replies\/([^/]+)$/.exec(path);
    if (one && method === "PUT") {
      stored = stored.map((r) => (r.id === one[1] ? { ...r, ...b! } : r));
      return stored.find((r) => r.id === one[1]);
    }
    if (one && method === "DELETE") {
      stored = stored.filter((r) => r.id !== one[1]);
      return { status: 204, body: null };
    }
    if (path === "/templates/preview")
      return { text: (body as { body: string }).body.replace("{{name|kak}}", "Budi Santoso"), missing: [] };
    if (path.startsWith("/contacts"))
      return path.startsWith("/contacts/attributes") ? [] : { items: [], total: 0 };
    if (path.endsWith("/render"))
      return { text: "Halo Budi, ada yang bisa dibantu?", missing: [], media: null };
    return notFound;
  });
}

/** The quick replies page at /quick-replies and the inbox composer at /inbox, sharing one app cache. */
function app(path: string) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  qc.setQueryData(["channels", conversation().channelId, "wa-templates"], []);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <Notifications />
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/quick-replies" element={<QuickRepliesPage />} />
            <Route path="/inbox" element={<Composer conversation={conversation()} />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const typeInto = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  stored = [];
  server();
});
afterEach(() => vi.unstubAllGlobals());

describe("the quick replies page", () => {
  it('starts empty from the composer\'s "/" link, creates one with a preview, and "/" then offers it', async () => {
    app("/inbox");
    typeInto("composer-input", "/");
    const list = await screen.findByTestId("quick-replies");
    expect(list.textContent).toContain("Belum ada balasan cepat.");
    fireEvent.click(within(list).getByText("Buat balasan cepat"));

    expect(await screen.findByText(/Belum ada balasan cepat\. Buat yang pertama/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("quick-reply-new"));
    typeInto("quick-reply-shortcut", "salam");
    typeInto("quick-reply-body", "Halo {{name|kak}}, ada yang bisa dibantu?");
    // The preview shows the text for the sample customer, as the server renders it.
    const preview = await screen.findByTestId("phone-preview");
    await waitFor(() => expect(preview.textContent).toContain("Halo Budi Santoso, ada yang bisa dibantu?"));
    fireEvent.click(screen.getByTestId("quick-reply-save"));
    const row = await screen.findByTestId("quick-reply-row");
    expect(row.textContent).toContain("/salam");
    expect(calls).toContainEqual({
      method: "POST",
      path: "/quick-replies",
      body: { shortcut: "salam", body: "Halo {{name|kak}}, ada yang bisa dibantu?", media: null },
    });

    app("/inbox");
    typeInto("composer-input", "/");
    await waitFor(() =>
      expect(screen.getAllByTestId("quick-reply-option").map((o) => o.textContent)).toEqual([
        "/salamHalo [Nama pelanggan], ada yang bisa dibantu?",
      ]),
    );
  });

  const ONGKIR: QuickReply = {
    id: "55555555-5555-4555-8555-555555555555",
    shortcut: "ongkir",
    body: "Ongkir ke {{kota|kota Anda}} Rp10.000",
    media: { type: "image", id: "66666666-6666-4666-8666-666666666666", filename: "tarif.png" },
    createdAt: "2026-11-21T03:00:00Z",
    updatedAt: "2026-11-21T03:00:00Z",
  };

  it("says a shortcut is taken under the shortcut", async () => {
    stored = [ONGKIR];
    app("/quick-replies");
    const row = await screen.findByTestId("quick-reply-row");
    expect(row.textContent).toContain("tarif.png");
    fireEvent.click(screen.getByTestId("quick-reply-new"));
    typeInto("quick-reply-shortcut", "ongkir");
    typeInto("quick-reply-body", "Lagi");
    fireEvent.click(screen.getByTestId("quick-reply-save"));
    const shortcut = screen.getByTestId("quick-reply-shortcut");
    await waitFor(() => expect(shortcut.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("Pintasan ini sudah dipakai balasan cepat lain")).toBeTruthy();
  });

  it("edits one, and deletes one only after confirming", async () => {
    stored = [ONGKIR];
    app("/quick-replies");
    const row = await screen.findByTestId("quick-reply-row");

    fireEvent.click(within(row).getByRole("button", { name: "Ubah" }));
    typeInto("quick-reply-body", "Ongkir ke {{kota|kota Anda}} Rp12.000");
    fireEvent.click(screen.getByTestId("quick-reply-save"));
    await waitFor(() => expect(screen.getByTestId("quick-reply-row").textContent).toContain("Rp12.000"));
    expect(calls.find((c) => c.method === "PUT")?.body).toMatchObject({
      shortcut: "ongkir",
      media: { type: "image", id: "66666666-6666-4666-8666-666666666666" },
    });

    fireEvent.click(within(screen.getByTestId("quick-reply-row")).getByRole("button", { name: "Hapus" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Hapus" }));
    expect(await screen.findByText(/Belum ada balasan cepat\. Buat yang pertama/)).toBeTruthy();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual([
      "/quick-replies/55555555-5555-4555-8555-555555555555",
    ]);
  });
});

describe("a quick reply with a file in the composer", () => {
  it("brings its file along, and sends it with the text", async () => {
    stored = [
      {
        id: "77777777-7777-4777-8777-777777777777",
        shortcut: "katalog",
        body: "Ini katalog kami, {{name|kak}}",
        media: { type: "document", id: "88888888-8888-4888-8888-888888888888", filename: "katalog.pdf" },
        createdAt: "2026-11-21T03:00:00Z",
        updatedAt: "2026-11-21T03:00:00Z",
      },
    ];
    const media = stored[0]!.media!;
    calls = fakeApi(({ method, path, body }) => {
      if (path === "/quick-replies") return stored;
      if (path.endsWith("/render")) return { text: "Ini katalog kami, Budi", missing: [], media };
      if (method === "POST" && path.endsWith("/messages"))
        return {
          status: 201,
          body: {
            id: crypto.randomUUID(),
            direction: "out",
            text: (body as { text: string }).text,
            media,
            status: "pending",
            error: null,
            campaignId: null,
            autoReply: false,
            createdAt: "2026-11-21T03:00:00Z",
            deliveredAt: null,
            readAt: null,
          },
        };
      return notFound;
    });
    app("/inbox");
    typeInto("composer-input", "/kat");
    fireEvent.click(await screen.findByTestId("quick-reply-option"));
    expect((await screen.findByTestId("quick-reply-media")).textContent).toContain("katalog.pdf");
    await waitFor(() =>
      expect((screen.getByTestId("composer-input") as HTMLTextAreaElement).value).toBe(
        "Ini katalog kami, Budi",
      ),
    );
    fireEvent.click(screen.getByTestId("composer-send"));
    await waitFor(() => expect(screen.queryByTestId("quick-reply-media")).toBeNull());
    expect(calls.find((c) => c.method === "POST" && c.path.endsWith("/messages"))?.body).toEqual({
      media,
      text: "Ini katalog kami, Budi",
    });
  });
});
