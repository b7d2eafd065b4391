import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { keys } from "../../api/keys";
import type { Channel } from "../../api/types";
import i18n from "../../i18n";
import { AGENT, customRole, fakeApi, OWNER } from "../automation/testing";
import { ChannelDetailPage } from "./ChannelDetailPage";

const ID = "11111111-1111-4111-8111-111111111111";
const TOKO = {
  id: ID,
  name: "Nomor Toko",
  kind: "whatsapp_web",
  phone: "6281234567890",
  status: "disconnected",
  statusSince: "2026-11-01T00:00:00Z",
  lastError: null,
  pacingPreset: "safe",
  pacing: {},
  createdAt: "2026-11-01T00:00:00Z",
} as unknown as Channel;

/** The number's page for `user`; only the seeded number (and outlets) are known (nothing else is fetched). */
function show(user: typeof OWNER, outlets: Array<{ id: string; name: string }> = []) {
  const qc = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  qc.setQueryData(keys.me, user);
  qc.setQueryData(keys.channels, [TOKO]);
  qc.setQueryData(["outlets"], outlets);
  return render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <MemoryRouter initialEntries={[`/channels/${ID}`]}>
          <Routes>
            <Route path="/channels/:id" element={<ChannelDetailPage />} />
          </Routes>
        </MemoryRouter>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const rename = () => screen.queryByRole("button", { name: "Ganti nama" });

beforeAll(async () => {
  await act(() => i18n.changeLanguage("id"));
});
// The link panel of a number that is not linked asks for its QR when the user may link it.
beforeEach(() => fakeApi(() => ({ status: 404, body: { error: { code: "not_found", message: "x" } } })));
afterEach(() => vi.unstubAllGlobals());

describe("a number's page by permission", () => {
  it("gives the owner connect and rename, and an agent neither", () => {
    const owner = show(OWNER);
    expect(screen.getByTestId("channel-connect")).toBeTruthy();
    expect(rename()).toBeTruthy();
    owner.unmount();
    show(AGENT);
    expect(screen.getByText("Nomor Toko")).toBeTruthy();
    expect(screen.queryByTestId("channel-connect")).toBeNull();
    expect(rename()).toBeNull();
  });

  it("gives a custom role holding channels.connect connect without rename, and one holding channels.manage rename without connect", () => {
    const linker = show(customRole("channels.read", "channels.connect"));
    expect(screen.getByTestId("channel-connect")).toBeTruthy();
    expect(rename()).toBeNull();
    linker.unmount();
    show(customRole("channels.read", "channels.manage"));
    expect(rename()).toBeTruthy();
    expect(screen.queryByTestId("channel-connect")).toBeNull();
  });
});

describe("a number's outlet", () => {
  const SOLO = { id: "00000000-0000-4000-8000-00000000000a", name: "Cabang Solo" };
  const MEDAN = { id: "00000000-0000-4000-8000-00000000000b", name: "Cabang Medan" };

  it("can be changed only when the shop has two outlets or more: the number moves by PATCH outletId", async () => {
    const one = show(OWNER, [SOLO]);
    expect(screen.queryByTestId("channel-outlet-picker")).toBeNull();
    one.unmount();
    vi.unstubAllGlobals();
    const calls = fakeApi(({ method, body }) => (method === "PATCH" ? { ...TOKO, ...(body as object) } : []));
    show(OWNER, [SOLO, MEDAN]);
    fireEvent.click(screen.getByTestId("channel-outlet-picker"));
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Medan" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")).toMatchObject({
      path: `/channels/${ID}`,
      body: { outletId: MEDAN.id },
    });
  });
});
