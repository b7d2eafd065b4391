import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryRouter, Route, Routes } from "react-router";
import i18n from "../../i18n";
import { RealtimeProvider } from "../../realtime/RealtimeProvider";
import { fakeApi, TENANT } from "../automation/testing";
import { SandboxPhonePage } from "./SandboxPhonePage";

/** A stand-in for socket.io-client's socket: the test plays the server's side. */
class FakeSocket {
  connected = true;
  private handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, (this.handlers.get(event) ?? new Set()).add(handler));
    return this;
  }
  off(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** The server pushes `event`. */
  push(event: string, payload: unknown) {
    for (const h of this.handlers.get(event) ?? []) h(payload);
  }
}

let socket: FakeSocket;
// jsdom does not scroll; the chat scrolls to its last line.
Element.prototype.scrollTo ??= () => {};
vi.mock("socket.io-client", () => ({ io: () => socket }));

const PHONE = "+628579100001";
const OTHER_PHONE = "+628579100002";
const CHANNEL = {
  id: "11111111-1111-4111-8111-111111111111",
  name: "Toko",
  kind: "sandbox",
  phone: "+6281100000001",
};

beforeEach(async () => {
  socket = new FakeSocket();
  await act(() => i18n.changeLanguage("id"));
  fakeApi(({ method, path }) => {
    if (path === "/tenant") return TENANT;
    if (path === "/channels") return [CHANNEL];
    if (path === "/sandbox/phones")
      return [{ phone: PHONE, name: "Budi Impor", onWhatsApp: true, readRate: 0.7, replyRate: 0.1 }];
    if (path === `/sandbox/phones/${encodeURIComponent(PHONE)}/messages`)
      return [
        {
          direction: "out",
          messageId: "SBXP1",
          from: PHONE,
          to: CHANNEL.phone,
          text: "Berapa ongkir, kak?",
          at: Date.parse("2026-12-01T03:00:00Z"),
        },
      ];
    throw new Error(`unexpected ${method} ${path}`);
  });
});
afterEach(() => vi.unstubAllGlobals());

function show() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MantineProvider env="test">
        <RealtimeProvider>
          <MemoryRouter initialEntries={[`/sandbox/${encodeURIComponent(PHONE)}`]}>
            <Routes>
              <Route path="/sandbox/:phone" element={<SandboxPhonePage />} />
            </Routes>
          </MemoryRouter>
        </RealtimeProvider>
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const typing = (phone: string, on: boolean) =>
  act(() => socket.push("sandbox.typing", { channelId: CHANNEL.id, phone, typing: on }));

describe("SandboxPhonePage", () => {
  it("shows 'mengetik…' while the shop types to this phone, and not for another phone", async () => {
    show();
    await screen.findByText("Berapa ongkir, kak?");
    expect(screen.queryByText("mengetik…")).toBeNull();

    await typing(OTHER_PHONE, true);
    expect(screen.queryByText("mengetik…")).toBeNull();

    await typing(PHONE, true);
    expect(screen.getByTestId("shop-typing").textContent).toBe("mengetik…");

    await typing(PHONE, false);
    expect(screen.queryByText("mengetik…")).toBeNull();
  });

  it("says 'typing…' in English", async () => {
    await act(() => i18n.changeLanguage("en"));
    show();
    await screen.findByText("Berapa ongkir, kak?");
    await typing(PHONE, true);
    expect(screen.getByTestId("shop-typing").textContent).toBe("typing…");
  });

  it("answers, by default, the number that last wrote to the phone", async () => {
    const other = {
      ...CHANNEL,
      id: "22222222-2222-4222-8222-222222222222",
      name: "Cabang",
      phone: "+6281100000002",
    };
    const calls = fakeApi(({ method, path }) => {
      if (path === "/tenant") return TENANT;
      if (path === "/channels") return [CHANNEL, other];
      if (path === `/sandbox/phones/${encodeURIComponent(PHONE)}/messages` && method === "GET")
        return [
          {
            direction: "in",
            channelId: other.id,
            messageId: "3EB0A",
            from: other.phone,
            to: PHONE,
            text: "Promo dari Cabang",
            at: Date.parse("2026-12-01T03:00:00Z"),
          },
        ];
      if (method === "POST") return { messageId: "SBXP2" };
      throw new Error(`unexpected ${method} ${path}`);
    });
    show();
    await screen.findByText("Promo dari Cabang");
    fireEvent.change(screen.getByTestId("reply-input"), { target: { value: "Berapa harganya?" } });
    fireEvent.submit(screen.getByTestId("reply-input").closest("form")!);
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")!.body).toEqual({
      channelId: other.id,
      text: "Berapa harganya?",
    });
  });
});
