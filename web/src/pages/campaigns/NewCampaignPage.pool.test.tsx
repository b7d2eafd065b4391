import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Channel, ChannelHealthSummary } from "../../api/types";
import i18n from "../../i18n";
import { NewCampaignPage } from "./NewCampaignPage";
import { TEST_POLICY, testChannel } from "./composer/testing";

const channel = testChannel;
const WEB = channel("11111111-1111-4111-8111-111111111111", "whatsapp_web", "Nomor Toko");
const SECOND = channel("33333333-3333-4333-8333-333333333333", "whatsapp_web", "Nomor Cadangan");
const CLOUD = channel("22222222-2222-4222-8222-222222222222", "cloud_api", "Nomor Resmi");

const HEALTH: ChannelHealthSummary[] = [
  {
    channelId: WEB.id,
    score: 90,
    level: "healthy",
    parts: [],
    reach: { newChats: 40, limitedBy: "daily_cap" },
  },
  {
    channelId: SECOND.id,
    score: 55,
    level: "watch",
    parts: [],
    reach: { newChats: 12, limitedBy: "daily_cap" },
  },
  {
    channelId: CLOUD.id,
    score: 100,
    level: "healthy",
    parts: [],
    reach: { newChats: null, limitedBy: "cloud_api" },
  },
];

interface Call {
  method: string;
  path: string;
  body: unknown;
}
let calls: Call[];
let channels: Channel[];
/** What POST /campaigns answers: the campaign, or a refusal. */
let createAnswer: () => Response;

/** The estimate's split: each pool number's share, in pool order. */
function split(pool: Array<{ channelId: string }>) {
  const shares = [
    { recipients: 30, warm: 20, newChats: 10 },
    { recipients: 18, warm: 10, newChats: 8 },
  ];
  return pool.map((p, i) => ({ channelId: p.channelId, ...shares[i]! }));
}

/** The API as the composer sees it: answers by method and path, every call recorded. */
function fakeApi(method: string, path: string, body: unknown): Response {
  const json = (v: unknown) => Response.json(v);
  if (path === "/channels") return json(channels);
  if (path === "/channels/health") return json(HEALTH);
  if (path === "/tenant") return json({ id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" });
  if (path === "/templates") return json([]);
  if (path === "/templates/preview") return json({ text: (body as { body: string }).body, missing: [] });
  if (path === `/channels/${CLOUD.id}/wa-templates`)
    return json([
      {
        name: "promo_akhir_tahun",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        parameterFormat: "POSITIONAL",
        parameters: { header: [], body: ["1"] },
        components: [{ type: "BODY", text: "Halo {{1}}, ada diskon untuk Anda!" }],
        syncedAt: "",
      },
    ]);
  if (path === "/campaigns/estimate") {
    const b = body as { pool?: Array<{ channelId: string }>; routing?: string; waTemplate?: unknown };
    return json({
      recipients: 50,
      optedOut: 2,
      warm: 30,
      newChats: 18,
      estimatedSeconds: 7500,
      startAt: "2026-11-21T03:00:00.000Z",
      pacingPreset: "balanced",
      pacing: TEST_POLICY,
      // Hybrid: only the Cloud API share (the new chats) is priced.
      metaCost:
        b.routing === "hybrid" && b.waTemplate
          ? {
              category: "MARKETING",
              byMarket: [{ market: "62", messages: 18, rate: 150 }],
              unknownMessages: 0,
              rupiah: 2700,
            }
          : null,
      split: split(b.pool ?? [{ channelId: WEB.id }]),
    });
  }
  if (method === "POST" && path === "/campaigns") return createAnswer();
  if (method === "POST" && path.startsWith("/campaigns/c1/"))
    return json({ id: "c1", name: "x", status: "running" });
  throw new Error(`unexpected ${method} ${path}`);
}

beforeEach(async () => {
  calls = [];
  channels = [WEB, SECOND, CLOUD];
  createAnswer = () => Response.json({ id: "c1", name: "Promo", status: "draft" });
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const path = url.replace(/^\/api\/v1/, "");
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      return fakeApi(method, path, body);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={["/campaigns/new"]}>
          <Routes>
            <Route path="/campaigns/new" element={<NewCampaignPage />} />
            <Route path="/campaigns/:id" element={<div data-testid="detail-page" />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const next = () => fireEvent.click(screen.getByTestId("composer-next"));
const posted = (path: string) => calls.filter((c) => c.method === "POST" && c.path === path);

/** Goes through the audience step (everyone) to the number step, and turns on "several numbers". */
async function toPool() {
  fireEvent.change(screen.getByTestId("campaign-name-input"), { target: { value: "Promo" } });
  fireEvent.click(screen.getByText("Semua kontak"));
  next();
  await screen.findByTestId("pacing-summary");
  fireEvent.click(await screen.findByTestId("pool-multi"));
  await screen.findByTestId("pool-table");
}

/** Picks another number of the shop, and sets its weight. */
async function pick(c: Channel, weight?: number) {
  fireEvent.click(screen.getByTestId(`pool-pick-${c.id}`));
  if (weight !== undefined) {
    const input = screen.getByTestId(`pool-weight-${c.id}`);
    await waitFor(() => expect((input as HTMLInputElement).disabled).toBe(false));
    fireEvent.change(input, { target: { value: String(weight) } });
  }
}

/** From the message step through the schedule (now) to the review, where the split shows. */
async function toReview() {
  next();
  await screen.findByTestId("step-schedule");
  next();
  return screen.findByTestId("estimate-split");
}

/** The split table's rows: each cell's text. */
const splitRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );

/** Sends it now (confirmed) and waits for the campaign page. */
async function sendNow() {
  fireEvent.click(screen.getByTestId("send-now"));
  fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Kirim sekarang" }));
}

describe("a campaign from several numbers in the composer", { timeout: 20_000 }, () => {
  it("sends the two chosen numbers with their weights to the estimate and the create, and reviews the split", async () => {
    show();
    await toPool();
    // Each number with its health and how many new customers it can reach.
    expect(screen.getByTestId(`pool-health-${SECOND.id}`).textContent).toBe("55 · Waspada");
    expect(screen.getByTestId(`pool-reach-${SECOND.id}`).textContent).toContain("12 pelanggan baru");
    await pick(SECOND, 3);
    expect(screen.queryByTestId("pool-hybrid")).toBeNull(); // two WhatsApp Web numbers: nothing to route
    next();
    fireEvent.change(await screen.findByTestId("message-input"), { target: { value: "Halo, diskon!" } });
    const table = await toReview();
    const pool = [
      { channelId: WEB.id, weight: 1 },
      { channelId: SECOND.id, weight: 3 },
    ];
    expect(posted("/campaigns/estimate")[0]!.body).toEqual({
      audience: { type: "all" },
      channelId: WEB.id,
      pool,
      routing: "weighted",
    });
    expect(splitRows(table)).toEqual([
      ["Nomor TokoWhatsApp Web", "30", "20", "10"],
      ["Nomor CadanganWhatsApp Web", "18", "10", "8"],
    ]);
    expect(screen.queryByTestId("estimate-meta-cost")).toBeNull();
    await sendNow();
    await screen.findByTestId("detail-page");
    expect(posted("/campaigns").map((c) => c.body)).toEqual([
      {
        name: "Promo",
        channelId: WEB.id,
        audience: { type: "all" },
        pool,
        routing: "weighted",
        body: "Halo, diskon!",
      },
    ]);
  });

  it("offers hybrid routing for a WhatsApp Web + Cloud API pick, asks for text and template, and reviews the split and Meta's cost", async () => {
    show();
    await toPool();
    await pick(CLOUD);
    // Without hybrid routing the mix is refused: said before anything is sent.
    expect(screen.getByTestId("pool-mixed-warning").textContent).toContain(
      "hanya bisa dipakai bersama dengan rute hibrida",
    );
    next();
    expect((await screen.findByTestId("pool-error")).textContent).toContain("rute hibrida");
    expect(screen.getByTestId("step-channel")).toBeTruthy();
    fireEvent.click(screen.getByTestId("pool-hybrid"));
    expect(screen.queryByTestId("pool-error")).toBeNull();
    next();
    // Hybrid: the text for known customers and the template for new chats, both required.
    await screen.findByTestId("hybrid-template");
    next();
    expect(await screen.findByText("Tulis pesan atau pilih template")).toBeTruthy();
    expect(screen.getByText("Pilih template WhatsApp yang disetujui")).toBeTruthy();
    fireEvent.change(within(screen.getByTestId("hybrid-text")).getByTestId("message-input"), {
      target: { value: "Halo kak, lama tak jumpa!" },
    });
    await waitFor(() =>
      expect(calls.some((c) => c.path === `/channels/${CLOUD.id}/wa-templates`)).toBe(true),
    );
    fireEvent.click(screen.getByTestId("wa-template-input"));
    fireEvent.click(await screen.findByRole("option", { name: "promo_akhir_tahun (id)" }));
    fireEvent.change(await screen.findByTestId("wa-param-1"), { target: { value: "{{name|kak}}" } });
    const table = await toReview();
    const pool = [
      { channelId: WEB.id, weight: 1 },
      { channelId: CLOUD.id, weight: 1 },
    ];
    expect(posted("/campaigns/estimate").at(-1)!.body).toEqual({
      audience: { type: "all" },
      channelId: WEB.id,
      pool,
      routing: "hybrid",
      waTemplate: { name: "promo_akhir_tahun", language: "id" },
    });
    expect(splitRows(table)).toEqual([
      ["Nomor TokoWhatsApp Web", "30", "20", "10"],
      ["Nomor ResmiCloud API", "18", "10", "8"],
    ]);
    expect(screen.getByTestId("estimate-meta-cost").textContent).toBe(
      "Perkiraan biaya Meta: Rp2.700 (18 pesan MARKETING × Rp150)",
    );
    await sendNow();
    await screen.findByTestId("detail-page");
    expect(posted("/campaigns")[0]!.body).toEqual({
      name: "Promo",
      channelId: WEB.id,
      audience: { type: "all" },
      pool,
      routing: "hybrid",
      body: "Halo kak, lama tak jumpa!",
      waTemplate: { name: "promo_akhir_tahun", language: "id", body: ["{{name|kak}}"] },
    });
  });

  it("shows the server's refusal of the pool (pool_mixed_rails) at the number step", async () => {
    // The server sees the numbers as they are now (one may have changed since the composer loaded them).
    createAnswer = () =>
      Response.json(
        {
          error: {
            code: "pool_mixed_rails",
            message:
              "Nomor Cloud API dan nomor WhatsApp Web hanya bisa dipakai bersama dengan rute hibrida (pelanggan lama lewat WhatsApp Web, pelanggan baru lewat template Cloud API)",
            fields: { pool: "mixes Cloud API and WhatsApp Web numbers; use routing hybrid" },
          },
        },
        { status: 400 },
      );
    show();
    await toPool();
    await pick(SECOND);
    next();
    fireEvent.change(await screen.findByTestId("message-input"), { target: { value: "Halo!" } });
    await toReview();
    await sendNow();
    expect((await screen.findByTestId("pool-error")).textContent).toBe(
      "Nomor Cloud API dan nomor WhatsApp Web hanya bisa dipakai bersama dengan rute hibrida (pelanggan lama lewat WhatsApp Web, pelanggan baru lewat template Cloud API)",
    );
    expect(screen.getByTestId("step-channel")).toBeTruthy();
  });

  it("refuses a weight outside 1–100 at the number step", async () => {
    show();
    await toPool();
    await pick(SECOND);
    fireEvent.change(screen.getByTestId(`pool-weight-${SECOND.id}`), { target: { value: "" } });
    next();
    expect(await screen.findByText("Bobot 1–100")).toBeTruthy();
    expect(screen.getByTestId("step-channel")).toBeTruthy();
  });
});
