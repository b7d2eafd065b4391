import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { Conversation, QuickReply } from "../../api/inbox";
import { keys } from "../../api/keys";
import type { WaTemplate } from "../../api/types";
import { Composer } from "./Composer";
import { conversation } from "./testing";
import { composerMode, matchQuickReplies, slashQuery, templateParamCount } from "./composer-logic";

const reply = (shortcut: string, body: string): QuickReply => ({
  id: crypto.randomUUID(),
  shortcut,
  body,
  media: null,
  createdAt: "2026-11-21T03:00:00Z",
  updatedAt: "2026-11-21T03:00:00Z",
});
const QUICK = [
  reply("salam", "Halo {{name}}, ada yang bisa dibantu?"),
  reply("ongkir", "Ongkir ke {{kota}} Rp10.000"),
  reply("terima-kasih", "Terima kasih {{name}}!"),
];

/** Requests the composer made: method, path, body. */
let requests: Array<{ method: string; path: string; body: unknown }> = [];

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  requests = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      const path = url.replace("/api/v1", "");
      const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
      requests.push({ method: init.method ?? "GET", path, body });
      if (path.endsWith("/media"))
        return Response.json(
          { id: "44444444-4444-4444-8444-444444444444", type: "image", size: 120 },
          { status: 201 },
        );
      if (path.endsWith("/render"))
        return Response.json({ text: "Halo Budi, ada yang bisa dibantu?", missing: [] });
      if (path.endsWith("/messages"))
        return Response.json(
          {
            id: crypto.randomUUID(),
            direction: "out",
            text: body.text ?? null,
            media: null,
            status: "pending",
            error: null,
            campaignId: null,
            createdAt: new Date().toISOString(),
            deliveredAt: null,
            readAt: null,
          },
          { status: 201 },
        );
      return Response.json({ error: { code: "route_not_found", message: "not here" } }, { status: 404 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(c: Conversation, templates: WaTemplate[] = []) {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  qc.setQueryData(keys.quickReplies, QUICK);
  qc.setQueryData(keys.waTemplates(c.channelId), templates);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider>
        <Composer conversation={c} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

describe('the composer\'s "/" quick replies', () => {
  it('opens on "/", narrows as the agent types, and fills the text the server rendered for this contact', async () => {
    show(conversation());
    const input = screen.getByTestId("composer-input") as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: "/" } });
    expect(screen.getAllByTestId("quick-reply-option").map((o) => o.textContent)).toEqual([
      expect.stringContaining("/ongkir"),
      expect.stringContaining("/salam"),
      expect.stringContaining("/terima-kasih"),
    ]);
    // The list reads as words, not as template syntax.
    expect(screen.getAllByTestId("quick-reply-option")[0]!.textContent).toContain(
      "Ongkir ke [kota] Rp10.000",
    );
    fireEvent.change(input, { target: { value: "/sa" } });
    expect(screen.getAllByTestId("quick-reply-option").map((o) => o.textContent)).toEqual([
      expect.stringContaining("/salam"),
    ]);
    expect(screen.getByTestId("quick-reply-option").textContent).not.toContain("{{");
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(input.value).toBe("Halo Budi, ada yang bisa dibantu?"));
    expect(requests).toEqual([
      {
        method: "POST",
        path: `/quick-replies/${QUICK[0]!.id}/render`,
        body: { conversationId: conversation().id },
      },
    ]);
    // The picker is gone; Enter now sends the (editable) text.
    expect(screen.queryByTestId("quick-replies")).toBeNull();
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        method: "POST",
        path: `/conversations/${conversation().id}/messages`,
        body: { text: "Halo Budi, ada yang bisa dibantu?" },
      }),
    );
    await waitFor(() => expect(input.value).toBe(""));
  });

  it("moves with the arrow keys and says so when nothing matches", async () => {
    show(conversation());
    const input = screen.getByTestId("composer-input");
    fireEvent.change(input, { target: { value: "/" } });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(screen.getAllByRole("option").map((o) => o.getAttribute("aria-selected"))).toEqual([
      "false",
      "true",
      "false",
    ]);
    fireEvent.change(input, { target: { value: "/diskon" } });
    expect(screen.getByTestId("quick-replies").textContent).toBe("Tidak ada balasan cepat yang cocok.");
    // A space ends the shortcut: plain text, no picker.
    fireEvent.change(input, { target: { value: "/salam pagi" } });
    expect(screen.queryByTestId("quick-replies")).toBeNull();
  });
});

describe("the Cloud API 24-hour window", () => {
  const approved: WaTemplate = {
    name: "pengingat_pesanan",
    language: "id",
    status: "APPROVED",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    parameters: { header: [], body: ["1", "2"] },
    components: [{ type: "BODY", text: "Halo {{1}}, pesanan {{2}} menunggu." }],
    reason: null,
    previousCategory: null,
    syncedAt: "2026-11-20T03:00:00Z",
  };
  const rejected: WaTemplate = { ...approved, name: "promo_ditolak", status: "REJECTED" };

  it("inside the window the agent writes freely", () => {
    show(
      conversation({
        channelKind: "cloud_api",
        windowExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    expect(screen.getByTestId("composer-input")).toBeTruthy();
    expect(screen.queryByTestId("templates-only")).toBeNull();
  });

  it("outside it only approved templates are offered, and one is sent with its parameters", async () => {
    show(
      conversation({
        channelKind: "cloud_api",
        windowExpiresAt: new Date(Date.now() - 60_000).toISOString(),
      }),
      [approved, rejected],
    );
    expect(screen.queryByTestId("composer-input")).toBeNull();
    expect(screen.getByTestId("templates-only").textContent).toContain("lebih dari 24 jam");
    fireEvent.click(screen.getByTestId("template-select"));
    const options = await screen.findAllByRole("option", { hidden: true });
    expect(options.map((o) => o.textContent)).toEqual(["pengingat_pesanan (id)"]);
    fireEvent.click(options[0]!);
    const send = screen.getByTestId("template-send") as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("{{1}}"), { target: { value: "Budi" } });
    fireEvent.change(screen.getByLabelText("{{2}}"), { target: { value: "INV-7" } });
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await waitFor(() =>
      expect(requests.at(-1)).toEqual({
        method: "POST",
        path: `/conversations/${conversation().id}/messages`,
        body: { waTemplate: { name: "pengingat_pesanan", language: "id", params: ["Budi", "INV-7"] } },
      }),
    );
  });

  it("a NAMED template asks for each name and is sent with its values by name", async () => {
    const named: WaTemplate = {
      ...approved,
      name: "pesanan_siap",
      parameterFormat: "NAMED",
      parameters: { header: [], body: ["customer_name", "order_id"] },
      components: [{ type: "BODY", text: "Halo {{customer_name}}, pesanan {{order_id}} siap." }],
    };
    show(conversation({ channelKind: "cloud_api", windowExpiresAt: null }), [named]);
    fireEvent.click(screen.getByTestId("template-select"));
    fireEvent.click((await screen.findAllByRole("option", { hidden: true }))[0]!);
    fireEvent.change(screen.getByLabelText("{{customer_name}}"), { target: { value: "Budi" } });
    const send = screen.getByTestId("template-send") as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("{{order_id}}"), { target: { value: "INV-7" } });
    fireEvent.click(send);
    await waitFor(() =>
      expect(requests.at(-1)?.body).toEqual({
        waTemplate: {
          name: "pesanan_siap",
          language: "id",
          params: { customer_name: "Budi", order_id: "INV-7" },
        },
      }),
    );
  });

  it("a template's header is asked for: its text value, or the image it shows (uploaded first)", async () => {
    const withHeaders: WaTemplate[] = [
      {
        ...approved,
        name: "info_toko",
        parameters: { header: ["1"], body: ["1"] },
        components: [
          { type: "HEADER", format: "TEXT", text: "Kabar dari {{1}}" },
          { type: "BODY", text: "Halo {{1}}" },
        ],
      },
      {
        ...approved,
        name: "katalog_bergambar",
        parameters: { header: [], body: ["1"] },
        components: [
          { type: "HEADER", format: "IMAGE" },
          { type: "BODY", text: "Katalog untuk {{1}}" },
        ],
      },
    ];
    const c = conversation({ channelKind: "cloud_api", windowExpiresAt: null });
    show(c, withHeaders);
    const pick = async (name: string) => {
      fireEvent.click(screen.getByTestId("template-select"));
      const options = await screen.findAllByRole("option", { hidden: true });
      fireEvent.click(options.find((o) => o.textContent?.startsWith(name))!);
    };
    await pick("info_toko");
    const send = screen.getByTestId("template-send") as HTMLButtonElement;
    fireEvent.change(screen.getByLabelText("{{1}}"), { target: { value: "Lina" } });
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Judul {{1}}"), { target: { value: "Toko Budi" } });
    fireEvent.click(send);
    await waitFor(() =>
      expect(requests.at(-1)?.body).toEqual({
        waTemplate: { name: "info_toko", language: "id", header: ["Toko Budi"], params: ["Lina"] },
      }),
    );

    await pick("katalog_bergambar");
    expect(screen.getByTestId("template-header-media").textContent).toContain("Gambar judul template");
    fireEvent.change(screen.getByLabelText("{{1}}"), { target: { value: "Lina" } });
    expect((screen.getByTestId("template-send") as HTMLButtonElement).disabled).toBe(true);
    const file = new File([new Uint8Array([137, 80, 78, 71])], "katalog.png", { type: "image/png" });
    fireEvent.change(screen.getByTestId("composer-file"), { target: { files: [file] } });
    await waitFor(() =>
      expect((screen.getByTestId("template-send") as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByTestId("template-send"));
    await waitFor(() =>
      expect(requests.at(-1)?.body).toEqual({
        waTemplate: {
          name: "katalog_bergambar",
          language: "id",
          headerMedia: { type: "image", id: "44444444-4444-4444-8444-444444444444" },
          params: ["Lina"],
        },
      }),
    );
  });

  it("a customer who never wrote gets templates only too; other channels never do", () => {
    expect(composerMode({ channelKind: "cloud_api", windowExpiresAt: null }, Date.now())).toEqual({
      kind: "templates",
      reason: "never",
    });
    expect(composerMode({ channelKind: "whatsapp_web", windowExpiresAt: null }, Date.now())).toEqual({
      kind: "free",
      closesAt: null,
    });
    const now = Date.parse("2026-11-21T03:00:00Z");
    expect(composerMode({ channelKind: "cloud_api", windowExpiresAt: "2026-11-21T03:00:00Z" }, now)).toEqual({
      kind: "templates",
      reason: "closed",
    });
  });
});

describe("composer rules", () => {
  it("reads a slash query only before the first space", () => {
    expect([slashQuery("/"), slashQuery("/SaL"), slashQuery("/sal am"), slashQuery("halo /sal")]).toEqual([
      "",
      "sal",
      null,
      null,
    ]);
    expect(matchQuickReplies(QUICK, "ma").map((r) => r.shortcut)).toEqual(["terima-kasih"]);
  });

  it("counts a template body’s numbered parameters", () => {
    expect(
      templateParamCount([
        { type: "HEADER", text: "{{1}}" },
        { type: "BODY", text: "Hai {{1}}, kode {{3}}" },
      ]),
    ).toBe(3);
    expect(templateParamCount([{ type: "BODY", text: "Terima kasih" }])).toBe(0);
    expect(templateParamCount(null)).toBe(0);
  });
});
