import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import type { Channel, Template } from "../../api/types";
import { NewCampaignPage } from "./NewCampaignPage";

const SANDBOX = {
  id: "11111111-1111-4111-8111-111111111111",
  outletId: "00000000-0000-4000-8000-00000000000a",
  name: "Nomor Toko",
  kind: "sandbox",
  phone: null,
  status: "connected",
  statusSince: "2026-11-01T00:00:00Z",
  lastError: null,
  pacingPreset: "demo",
  pacing: {
    minDelayMs: 500,
    maxDelayMs: 1500,
    perMinute: 60,
    perHour: 1000,
    perDay: 10000,
    warmup: { enabled: false, firstDay: 20, growth: 1.8 },
    quietHours: { enabled: false, start: "21:00", end: "08:00" },
    typing: false,
    typingMs: { min: 0, max: 0 },
    precheckNumbers: false,
    pauseAfterConsecutiveFailures: 10,
    concurrency: 1,
  },
  createdAt: "2026-11-01T00:00:00Z",
} satisfies Channel;
const template = (id: string, name: string, media: Template["media"]): Template => ({
  id,
  name,
  body: "Halo {{name|kak}}, promo akhir tahun!",
  media,
  variables: ["name"],
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
});
const PHOTO = template("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Promo foto", {
  type: "image",
  id: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
  mimeType: "image/jpeg",
});
const PRICES = template("cccccccc-cccc-4ccc-8ccc-cccccccccccc", "Daftar harga", {
  type: "document",
  id: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
  mimeType: "application/pdf",
  filename: "daftar-harga.pdf",
});
const VOICE = template("eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee", "Pesan suara", {
  type: "audio",
  id: "ffffffff-ffff-4fff-8fff-ffffffffffff",
  mimeType: "audio/ogg",
});

function fakeApi(method: string, path: string, body: unknown): unknown {
  if (path === "/channels") return [SANDBOX];
  if (path === "/tenant") return { id: "t", name: "Toko", timeZone: "Asia/Jakarta", locale: "id" };
  if (path === "/templates") return [PHOTO, PRICES, VOICE];
  if (path === "/templates/preview")
    return { text: String((body as { body: string }).body).replace("{{name|kak}}", "Budi"), missing: [] };
  if (path === "/campaigns/estimate")
    return {
      recipients: 50,
      optedOut: 0,
      warm: 10,
      newChats: 40,
      estimatedSeconds: 120,
      startAt: "2026-11-21T03:00:00.000Z",
      pacingPreset: "demo",
      pacing: SANDBOX.pacing,
    };
  throw new Error(`unexpected ${method} ${path}`);
}

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const path = url.replace(/^\/api\/v1/, "");
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      return Response.json(fakeApi(init.method ?? "GET", path, body));
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
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const next = () => fireEvent.click(screen.getByTestId("composer-next"));

/** Audience (everyone) → channel → message with the saved template `name` → schedule → review. */
async function reviewWithTemplate(name: string) {
  fireEvent.change(screen.getByTestId("campaign-name-input"), { target: { value: "Promo Desember" } });
  fireEvent.click(screen.getByText("Semua kontak"));
  next();
  await screen.findByTestId("pacing-summary");
  next();
  await screen.findByTestId("step-message");
  fireEvent.click(screen.getByTestId("template-input"));
  fireEvent.click(await screen.findByRole("option", { name }));
  await screen.findByText("Halo Budi, promo akhir tahun!");
  const message = screen.getByTestId("step-message");
  const atMessage = {
    media: within(message).getByTestId("message-media"),
    caption: within(message).getByTestId("caption-mode").textContent,
  };
  next();
  await screen.findByTestId("step-schedule");
  next();
  const review = await screen.findByTestId("step-review");
  return { atMessage, review };
}

describe("the campaign's attachment before sending", { timeout: 20_000 }, () => {
  it("a template's picture shows in the message preview and on the review, with the text as its caption", async () => {
    show();
    const { atMessage, review } = await reviewWithTemplate("Promo foto");
    const src = `/api/v1/media/${PHOTO.media!.id}`;
    expect(within(atMessage.media).getByRole("img").getAttribute("src")).toBe(src);
    expect(atMessage.caption).toBe("Teks dikirim sebagai keterangan di bawah lampiran, dalam satu pesan.");
    expect(within(review).getByRole("img").getAttribute("src")).toBe(src);
    expect(within(review).getByTestId("caption-mode").textContent).toBe(
      "Teks dikirim sebagai keterangan di bawah lampiran, dalam satu pesan.",
    );
    expect(review.textContent).toContain("Halo {{name|kak}}, promo akhir tahun!");
  });

  it("a document shows its file name, in the message preview and on the review", async () => {
    show();
    const doc = await reviewWithTemplate("Daftar harga");
    expect(within(doc.review).queryByRole("img")).toBeNull();
    expect(within(doc.review).getByTestId("message-media").textContent).toContain("daftar-harga.pdf");
    expect(doc.atMessage.media.textContent).toContain("daftar-harga.pdf");
  });

  it("audio: the review says the text goes after it as a separate message", async () => {
    show();
    const voice = await reviewWithTemplate("Pesan suara");
    expect(within(voice.review).getByTestId("message-media").textContent).toContain("Audio");
    expect(within(voice.review).getByTestId("caption-mode").textContent).toBe(
      "Audio tidak bisa diberi keterangan: audio dikirim dulu, lalu teks sebagai pesan terpisah.",
    );
  });
});
