import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "../../i18n";
import { fakeApi, OWNER } from "../automation/testing";
import { AddChannelModal } from "./AddChannelModal";

let calls: ReturnType<typeof fakeApi>;

beforeEach(async () => {
  await act(() => i18n.changeLanguage("id"));
  calls = fakeApi(({ method, body }) =>
    method === "POST" ? { status: 201, body: { id: "c1", ...(body as object) } } : { user: null },
  );
});
afterEach(() => vi.unstubAllGlobals());

function show(onCreated = vi.fn()) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <AddChannelModal opened onClose={() => {}} onCreated={onCreated} />
      </MantineProvider>
    </QueryClientProvider>,
  );
  return onCreated;
}

describe("adding a number", () => {
  it("offers a sandbox Cloud API number next to the sandbox: no Meta ids or token asked, created as cloud_api on the sandbox", async () => {
    const onCreated = show();
    fireEvent.click(screen.getByText("Cloud API (sandbox)"));
    expect(screen.getByText(/Nomor Cloud API simulasi/)).toBeTruthy();
    expect(screen.queryByText("Token akses")).toBeNull();
    fireEvent.change(screen.getByLabelText(/Nama/), { target: { value: "WA Resmi Uji" } });
    fireEvent.click(screen.getByTestId("channel-create"));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(calls.find((c) => c.method === "POST")).toEqual({
      method: "POST",
      path: "/channels",
      body: { name: "WA Resmi Uji", kind: "cloud_api", cloudApi: { sandbox: true } },
    });
  });

  it("still asks a real Cloud API number for its ids and token", async () => {
    show();
    fireEvent.click(screen.getByText("Cloud API"));
    expect(screen.getByText("Token akses")).toBeTruthy();
  });

  it("asks for the outlet only when the shop has two or more, and sends the one chosen", async () => {
    const outlets = [
      { id: "00000000-0000-4000-8000-00000000000a", name: "Toko Contoh" },
      { id: "00000000-0000-4000-8000-00000000000b", name: "Cabang Bandung" },
    ];
    let shown = outlets.slice(0, 1);
    vi.unstubAllGlobals();
    calls = fakeApi(({ method, path, body }) => {
      if (path === "/auth/session") return { user: OWNER };
      if (path === "/outlets") return shown;
      return method === "POST" ? { status: 201, body: { id: "c1", ...(body as object) } } : {};
    });
    show();
    await waitFor(() => expect(calls.some((c) => c.path === "/outlets")).toBe(true));
    expect(screen.queryByTestId("outlet-picker")).toBeNull();
    cleanup();

    shown = outlets;
    const onCreated = show();
    fireEvent.click(await screen.findByTestId("outlet-picker"));
    fireEvent.click(await screen.findByRole("option", { name: "Cabang Bandung" }));
    fireEvent.change(screen.getByLabelText(/Nama/), { target: { value: "WA Bandung" } });
    fireEvent.click(screen.getByTestId("channel-create"));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      name: "WA Bandung",
      kind: "sandbox",
      outletId: "00000000-0000-4000-8000-00000000000b",
    });
  });
});
