import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onUnauthorized } from "../api/client";
import { keys } from "../api/keys";
import { RealtimeProvider } from "./RealtimeProvider";

/** A stand-in for socket.io-client's socket: the test plays the server's side. */
class FakeSocket {
  connected = true;
  connects = 0;
  private handlers = new Map<string, Array<(...args: unknown[]) => void>>();
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  connect() {
    this.connects++;
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  /** The server closes the socket (or the network drops it) for `reason`. */
  drop(reason: string) {
    this.connected = false;
    for (const h of this.handlers.get("disconnect") ?? []) h(reason);
  }
}

let socket: FakeSocket;
vi.mock("socket.io-client", () => ({ io: () => socket }));

const fetchMock = vi.fn<typeof fetch>();
const user = { id: "u1", tenantId: "t1", email: "agen@toko-contoh.test", name: "Agen", role: "owner" };

function mount() {
  const qc = new QueryClient();
  qc.setQueryData(keys.me, { ...user, role: "agent" });
  render(
    <QueryClientProvider client={qc}>
      <RealtimeProvider>
        <span />
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  return qc;
}

beforeEach(() => {
  socket = new FakeSocket();
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe("RealtimeProvider when the server closes the socket", () => {
  it("checks the session once and, when it has ended, hands over to the sign-in redirect without reconnecting", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: "unauthenticated", message: "Sesi berakhir" } }), {
        status: 401,
      }),
    );
    const unauthorized = vi.fn();
    const off = onUnauthorized(unauthorized);
    mount();
    act(() => socket.drop("io server disconnect"));
    await waitFor(() => expect(unauthorized).toHaveBeenCalledTimes(1));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toBe("/api/v1/auth/me");
    expect(socket.connects).toBe(0);
    off();
  });

  it("reconnects once with the fresh user when the session still stands (the user changed role)", async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ user }), { status: 200 }));
    const unauthorized = vi.fn();
    const off = onUnauthorized(unauthorized);
    const qc = mount();
    act(() => socket.drop("io server disconnect"));
    await waitFor(() => expect(socket.connects).toBe(1));
    expect(qc.getQueryData(keys.me)).toEqual(user);
    expect(unauthorized).not.toHaveBeenCalled();
    off();
  });

  it("leaves a dropped network connection to Socket.IO’s own reconnection", () => {
    mount();
    act(() => socket.drop("transport close"));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(socket.connects).toBe(0);
  });
});
