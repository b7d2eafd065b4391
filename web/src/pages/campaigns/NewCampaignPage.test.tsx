import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { CampaignEstimate, Channel } from "../../api/types";
import { NewCampaignPage } from "./NewCampaignPage";
import { TEST_POLICY, testChannel } from "./composer/testing";
import { pickDateTime } from "../../components/pickDateTime.test-helper";

const channel = testChannel;
const SANDBOX = channel("11111111-1111-4111-8111-111111111111", "sandbox", "Nomor Toko");
const CLOUD = channel("22222222-2222-4222-8222-222222222222", "cloud_api", "Nomor Resmi");

interface Call {
  method: string;
  path: string;
  body: unknown;
}
let calls: Call[];
let channels: Channel[];
/** The estimate's message units: null (single mode) unless a test says otherwise. */
let quota: CampaignEstimate["quota"];

/** The API as the composer sees it: answers by method and path, every call recorded. */
function fakeApi(method: string, path: string, body: unknown): unknown {
  if (path === "/channels") return channels;
  if (path === "/tenant") return { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
  if (path === "/contacts/labels") return [{ label: "pelanggan-demo", count: 50 }];
  if (path === "/templates") return [];
  if (path === "/segments")
    return {
      segments: [
        { segment: "at_risk", customers: 12 },
        { segment: "champions", customers: 3 },
      ],
      customers: 15,
      thresholds: {
        newDays: 30,
        inactiveDays: 180,
        championScore: 4,
        atRiskRecency: 2,
        atRiskValue: 3,
        bigSpenderScore: 5,
        loyalScore: 4,
        promisingRecency: 4,
      },
      computedAt: "2026-12-05T19:00:00Z",
    };
  if (path === "/templates/preview")
    return { text: String((body as { body: string }).body).replace("{{name|kak}}", "Budi"), missing: [] };
  if (path === `/channels/${CLOUD.id}/wa-templates`)
    return [
      {
        name: "promo_akhir_tahun",
        language: "id",
        status: "APPROVED",
        category: "MARKETING",
        parameterFormat: "POSITIONAL",
        parameters: { header: [], body: ["1", "2"] },
        components: [{ type: "BODY", text: "Halo {{1}}, diskon {{2}} untuk Anda!" }],
        syncedAt: "",
      },
      {
        name: "pesanan_siap",
        language: "id",
        status: "APPROVED",
        category: "UTILITY",
        parameterFormat: "NAMED",
        parameters: { header: ["toko"], body: ["customer_name", "order_id"] },
        components: [
          { type: "HEADER", format: "TEXT", text: "Toko {{toko}}" },
          { type: "BODY", text: "Halo {{customer_name}}, pesanan {{order_id}} siap." },
        ],
        syncedAt: "",
      },
      {
        name: "ditolak",
        language: "id",
        status: "REJECTED",
        category: "MARKETING",
        parameterFormat: "POSITIONAL",
        parameters: { header: [], body: [] },
        components: [{ type: "BODY", text: "x" }],
        syncedAt: "",
      },
    ];
  if (path === "/campaigns/estimate")
    return {
      recipients: 50,
      optedOut: 2,
      warm: 30,
      newChats: 18,
      estimatedSeconds: 7500,
      startAt: "2026-11-21T03:00:00.000Z",
      pacingPreset: "balanced",
      pacing: TEST_POLICY,
      // Meta's charge: only for a Cloud API campaign's template.
      metaCost: (body as { waTemplate?: unknown }).waTemplate
        ? {
            category: "MARKETING",
            byMarket: [{ market: "62", messages: 48, rate: 150 }],
            unknownMessages: 0,
            rupiah: 7200,
          }
        : null,
      quota,
    };
  if (method === "POST" && path === "/campaigns")
    return { id: "c1", name: (body as { name: string }).name, status: "draft" };
  if (method === "POST" && path.startsWith("/campaigns/c1/"))
    return { id: "c1", name: "x", status: "running" };
  throw new Error(`unexpected ${method} ${path}`);
}

beforeEach(async () => {
  calls = [];
  channels = [SANDBOX];
  quota = null;
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      const path = url.replace(/^\/api\/v1/, "");
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path, body });
      return new Response(JSON.stringify(fakeApi(method, path, body)), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(entry = "/campaigns/new") {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[entry]}>
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

/** Goes through the audience (everyone) and channel steps. */
async function toMessageStep(name = "Promo Desember") {
  fireEvent.change(screen.getByTestId("campaign-name-input"), { target: { value: name } });
  fireEvent.click(screen.getByText("Semua kontak"));
  next();
  await screen.findByTestId("step-channel");
  await screen.findByTestId("pacing-summary");
  next();
  await screen.findByTestId("step-message");
}

describe("the campaign composer", { timeout: 20_000 }, () => {
  it("starts with a segment's customers when opened from the segments page, and sends that audience", async () => {
    show("/campaigns/new?segment=at_risk");
    fireEvent.change(screen.getByTestId("campaign-name-input"), { target: { value: "Kangen belanja" } });
    expect(await screen.findByTestId("segment-input")).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/Dulu sering atau banyak belanja/)).toBeTruthy());
    next();
    await screen.findByTestId("step-channel");
    await screen.findByTestId("pacing-summary");
    next();
    await screen.findByTestId("step-message");
    fireEvent.change(screen.getByTestId("message-input"), {
      target: { value: "Halo {{name|kak}}, kami kangen!" },
    });
    next();
    await screen.findByTestId("step-schedule");
    next();
    await screen.findByTestId("estimate-recipients");
    expect(screen.getByText("Pelanggan segmen Berisiko")).toBeTruthy();
    expect(posted("/campaigns/estimate")[0]!.body).toMatchObject({
      audience: { type: "segment", segment: "at_risk" },
    });
  });

  it("does not go on without a name and an audience", async () => {
    show();
    next();
    expect(await screen.findByText("Beri nama kampanye")).toBeTruthy();
    expect(screen.getByText("Pilih minimal satu label")).toBeTruthy();
    expect(screen.getByTestId("step-audience")).toBeTruthy();
    // An import audience needs an import chosen.
    fireEvent.change(screen.getByTestId("campaign-name-input"), { target: { value: "Promo" } });
    fireEvent.click(screen.getByText("Dari impor"));
    next();
    expect(await screen.findByText("Pilih impor")).toBeTruthy();
    expect(screen.getByTestId("step-audience")).toBeTruthy();
    fireEvent.click(screen.getByText("Semua kontak"));
    next();
    expect(await screen.findByTestId("step-channel")).toBeTruthy();
  });

  it("does not go on without a message", async () => {
    show();
    await toMessageStep();
    next();
    expect(await screen.findByText("Tulis pesan atau pilih template")).toBeTruthy();
    expect(screen.getByTestId("step-message")).toBeTruthy();
    fireEvent.change(screen.getByTestId("message-input"), { target: { value: "Halo {{name|kak}}" } });
    expect(await screen.findByText("Halo Budi")).toBeTruthy(); // the live preview
    next();
    expect(await screen.findByTestId("step-schedule")).toBeTruthy();
  });

  it("reviews the recipient count and the estimated duration, then sends the chosen fields", async () => {
    show();
    await toMessageStep();
    fireEvent.change(screen.getByTestId("message-input"), {
      target: { value: "Halo {{name|kak}}, diskon!" },
    });
    next();
    await screen.findByTestId("step-schedule");
    next();
    expect((await screen.findByTestId("estimate-recipients")).textContent).toBe("48 kontak");
    expect(screen.getByTestId("estimate-opted-out").textContent).toContain("2 sudah berhenti berlangganan");
    expect(screen.getByTestId("estimate-duration").textContent).toBe("± 2 jam 5 menit");
    // A free number (no Cloud API template): no Meta charge line.
    expect(screen.queryByTestId("estimate-meta-cost")).toBeNull();
    // How many of them have chatted before, and how many are new chats WhatsApp's cap counts.
    expect(screen.getByTestId("estimate-warm").textContent).toBe("30 sudah pernah chat · 18 chat baru");
    // Single mode: no message units.
    expect(screen.queryByTestId("estimate-quota")).toBeNull();
    expect(posted("/campaigns/estimate")[0]!.body).toEqual({
      audience: { type: "all" },
      channelId: SANDBOX.id,
    });

    fireEvent.click(screen.getByTestId("send-now"));
    fireEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Kirim sekarang" }),
    );
    await screen.findByTestId("detail-page");
    expect(posted("/campaigns").map((c) => c.body)).toEqual([
      {
        name: "Promo Desember",
        channelId: SANDBOX.id,
        audience: { type: "all" },
        body: "Halo {{name|kak}}, diskon!",
      },
    ]);
    expect(posted("/campaigns/c1/start")).toHaveLength(1);
  });

  it("shows the message units the campaign needs against those left, and warns before the start when they are short (SaaS mode)", async () => {
    quota = { needed: 1250, left: 800, blocked: null };
    show();
    await toMessageStep();
    fireEvent.change(screen.getByTestId("message-input"), { target: { value: "Halo {{name|kak}}" } });
    next();
    await screen.findByTestId("step-schedule");
    next();
    expect((await screen.findByTestId("estimate-quota-line")).textContent).toBe(
      "Kuota pesan: butuh 1.250 · sisa 800",
    );
    expect(screen.getByTestId("estimate-quota-short").textContent).toContain(
      "kampanye berhenti setelah 800 pesan sampai ada top-up",
    );
  });

  it("on a Cloud API number, sends an approved WhatsApp template with its values, at the scheduled time", async () => {
    channels = [CLOUD];
    show();
    await toMessageStep("Promo Resmi");
    expect(screen.queryByTestId("message-input")).toBeNull();
    next();
    expect(await screen.findByText("Pilih template WhatsApp yang disetujui")).toBeTruthy();
    await waitFor(() =>
      expect(calls.some((c) => c.path === `/channels/${CLOUD.id}/wa-templates`)).toBe(true),
    );
    fireEvent.click(screen.getByTestId("wa-template-input"));
    expect(screen.queryByRole("option", { name: /ditolak/ })).toBeNull();
    fireEvent.click(await screen.findByRole("option", { name: "promo_akhir_tahun (id)" }));
    fireEvent.change(await screen.findByTestId("wa-param-1"), { target: { value: "{{name|kak}}" } });
    next();
    expect(await screen.findByText("Isi nilai {{2}}")).toBeTruthy();
    fireEvent.change(screen.getByTestId("wa-param-2"), { target: { value: "20%" } });
    expect(screen.getByTestId("wa-preview").textContent).toBe("Halo {{name|kak}}, diskon 20% untuk Anda!");
    next();
    await screen.findByTestId("step-schedule");
    fireEvent.click(screen.getByText("Nanti, dijadwalkan"));
    next();
    expect(await screen.findByText("Pilih tanggal dan jam")).toBeTruthy();
    pickDateTime(screen.getByTestId("at-input"), "1 Desember 2026", "09", "00");
    next();
    await screen.findByTestId("estimate-duration");
    expect(posted("/campaigns/estimate")[0]!.body).toEqual({
      audience: { type: "all" },
      channelId: CLOUD.id,
      at: "2026-12-01T09:00",
      waTemplate: { name: "promo_akhir_tahun", language: "id" },
    });
    expect(screen.getByTestId("estimate-meta-cost").textContent).toBe(
      "Perkiraan biaya Meta: Rp7.200 (48 pesan MARKETING × Rp150)",
    );
    fireEvent.click(screen.getByTestId("send-now"));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Jadwalkan" }));
    await screen.findByTestId("detail-page");
    expect(posted("/campaigns")[0]!.body).toEqual({
      name: "Promo Resmi",
      channelId: CLOUD.id,
      audience: { type: "all" },
      waTemplate: { name: "promo_akhir_tahun", language: "id", body: ["{{name|kak}}", "20%"] },
    });
    await waitFor(() =>
      expect(posted("/campaigns/c1/schedule").map((c) => c.body)).toEqual([{ at: "2026-12-01T09:00" }]),
    );
  });
  it("on a Cloud API number, maps each named parameter of a NAMED template to a value and sends them by name", async () => {
    channels = [CLOUD];
    show();
    await toMessageStep("Pesanan siap");
    next();
    await waitFor(() =>
      expect(calls.some((c) => c.path === `/channels/${CLOUD.id}/wa-templates`)).toBe(true),
    );
    fireEvent.click(screen.getByTestId("wa-template-input"));
    fireEvent.click(await screen.findByRole("option", { name: "pesanan_siap (id)" }));
    expect(await screen.findByText("Nilai judul {{toko}}")).toBeTruthy();
    fireEvent.change(screen.getByTestId("wa-param-header-toko"), { target: { value: "Sinar Jaya" } });
    fireEvent.change(screen.getByTestId("wa-param-customer_name"), { target: { value: "{{name|kak}}" } });
    next();
    expect(await screen.findByText("Isi nilai {{order_id}}")).toBeTruthy();
    fireEvent.change(screen.getByTestId("wa-param-order_id"), { target: { value: "{{pesanan}}" } });
    expect(screen.getByTestId("wa-preview").textContent).toBe(
      "Toko Sinar Jaya\nHalo {{name|kak}}, pesanan {{pesanan}} siap.",
    );
    next();
    await screen.findByTestId("step-schedule");
    next();
    fireEvent.click(await screen.findByTestId("send-now"));
    fireEvent.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Kirim sekarang" }),
    );
    await screen.findByTestId("detail-page");
    expect(posted("/campaigns")[0]!.body).toEqual({
      name: "Pesanan siap",
      channelId: CLOUD.id,
      audience: { type: "all" },
      waTemplate: {
        name: "pesanan_siap",
        language: "id",
        header: { toko: "Sinar Jaya" },
        body: { customer_name: "{{name|kak}}", order_id: "{{pesanan}}" },
      },
    });
  });
});
