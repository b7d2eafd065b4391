import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectedBaileys, fakeBaileys, settle, type MemoryBaileysStore } from "./testing.js";

const NOW = new Date("2025-03-01T03:00:00Z").getTime();

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

const credsStored = (store: MemoryBaileysStore) => store.auth.rows.has("creds/");

describe("connecting a linked channel", () => {
  it("logs in without a QR, stores the creds and the channel number", async () => {
    const { whatsapp, store, transport, events } = await connectedBaileys();
    expect(transport.status).toBe("connected");
    expect(events.states).toEqual([{ status: "connecting" }, { status: "connected" }]);
    expect(events.qrs).toEqual([]);
    expect(credsStored(store)).toBe(true);
    expect(store.channelPhone).toBe("+6281100000001");

    // A restart: a new transport on the same store reads the creds and logs in again.
    const restarted = fakeBaileys({ store });
    await restarted.transport.connect();
    const socket = restarted.whatsapp.last;
    expect(socket.creds.me?.id).toBe("6281100000001:7@s.whatsapp.net");
    expect(Buffer.from(socket.creds.account!.details!)).toEqual(Buffer.from([1, 2, 3])); // what the pairing wrote
    socket.open();
    expect(restarted.transport.status).toBe("connected");
    expect(restarted.events.qrs).toEqual([]);
    expect(whatsapp.sockets).toHaveLength(1);
  });

  it("a second connect() while connected does nothing", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    await transport.connect();
    expect(whatsapp.sockets).toHaveLength(1);
  });

  it("disconnect() closes the socket and keeps the creds; the next connect needs no QR", async () => {
    const { whatsapp, store, transport, events } = await connectedBaileys();
    await transport.disconnect();
    expect(whatsapp.last.closed).toBe(true);
    expect(events.states.at(-1)).toEqual({ status: "disconnected", reason: "closed" });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(whatsapp.sockets).toHaveLength(1); // no reconnect
    expect(credsStored(store)).toBe(true);
    await transport.connect();
    expect(whatsapp.sockets).toHaveLength(2);
    expect(Buffer.from(whatsapp.last.creds.account!.details!)).toEqual(Buffer.from([1, 2, 3]));
  });
});

describe("reconnecting by DisconnectReason", () => {
  it("515 restart required: a new socket at once", async () => {
    const { whatsapp, transport, events } = await connectedBaileys();
    whatsapp.last.close(515);
    await settle();
    expect(whatsapp.sockets).toHaveLength(2);
    expect(events.states.at(-1)).toEqual({ status: "connecting", reason: "restart_required" });
    whatsapp.last.open();
    expect(transport.status).toBe("connected");
  });

  it.each([
    [408, "connection_lost"],
    [428, "connection_closed"],
    [500, "bad_session"],
    [503, "service_unavailable"],
  ])("%s: backs off 1 s, 2 s, 4 s… with jitter, and starts over once connected", async (code, reason) => {
    const { whatsapp, transport, events } = await connectedBaileys({ rand: () => 0.999999 });
    for (const [n, delay] of [1_000, 2_000, 4_000, 8_000].entries()) {
      whatsapp.last.close(code);
      await settle();
      expect(events.states.at(-1)).toEqual({ status: "connecting", reason });
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(whatsapp.sockets).toHaveLength(n + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(whatsapp.sockets).toHaveLength(n + 2);
    }
    whatsapp.last.open();
    expect(transport.status).toBe("connected");
    whatsapp.last.close(code);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(whatsapp.sockets).toHaveLength(6); // the backoff started over from 1 s
  });

  it("the jitter waits at least half of each step, and never more than 5 minutes", async () => {
    const { whatsapp } = await connectedBaileys({ rand: () => 0 });
    const waits: number[] = [];
    for (let n = 0; n < 12; n++) {
      whatsapp.last.close(408);
      const before = whatsapp.sockets.length;
      const started = Date.now();
      while (whatsapp.sockets.length === before) await vi.advanceTimersByTimeAsync(100);
      waits.push(Date.now() - started);
    }
    expect(waits.slice(0, 4)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(Math.max(...waits)).toBe(150_000); // half of the 5-minute cap
  });

  it("440 replaced: backs off, and stops as replaced after 3 within 10 minutes", async () => {
    const { whatsapp, transport, events } = await connectedBaileys();
    whatsapp.last.close(440);
    await vi.advanceTimersByTimeAsync(60_000);
    whatsapp.last.open();
    whatsapp.last.close(440);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(transport.status).toBe("connecting");
    whatsapp.last.open();
    whatsapp.last.close(440);
    await settle();
    expect(transport.status).toBe("replaced");
    expect(events.states.at(-1)).toEqual({ status: "replaced", reason: "connection_replaced" });
    const made = whatsapp.sockets.length;
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(whatsapp.sockets).toHaveLength(made);
  });

  it("440 three times over more than 10 minutes keeps reconnecting", async () => {
    const { whatsapp, transport } = await connectedBaileys();
    for (let i = 0; i < 3; i++) {
      whatsapp.last.close(440);
      await vi.advanceTimersByTimeAsync(6 * 60_000);
      whatsapp.last.open();
    }
    expect(transport.status).toBe("connected");
  });

  it("401 logged out: wipes the creds, logged_out, no reconnect", async () => {
    const { whatsapp, store, transport, events } = await connectedBaileys();
    store.auth.rows.set("pre-key/1", Buffer.from("x"));
    whatsapp.last.close(401);
    await settle();
    expect(transport.status).toBe("logged_out");
    expect(events.states.at(-1)).toEqual({ status: "logged_out", reason: "logged_out" });
    expect(store.auth.rows.size).toBe(0);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(whatsapp.sockets).toHaveLength(1);
    // Linking again starts from fresh creds: a QR.
    await transport.connect();
    expect(whatsapp.last.creds.me).toBeUndefined();
  });

  it("403 forbidden: blocked with a reason, no reconnect, creds kept", async () => {
    const { whatsapp, store, transport, events } = await connectedBaileys();
    whatsapp.last.close(403);
    await settle();
    expect(transport.status).toBe("blocked");
    expect(events.states.at(-1)).toEqual({ status: "blocked", reason: "banned" });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(whatsapp.sockets).toHaveLength(1);
    expect(credsStored(store)).toBe(true);
  });

  it("logout() unlinks through WhatsApp, wipes the creds and does not reconnect", async () => {
    const { whatsapp, store, transport, events } = await connectedBaileys();
    await transport.logout();
    expect(whatsapp.last.loggedOut).toBe(true);
    expect(store.auth.rows.size).toBe(0);
    expect(events.states.at(-1)).toEqual({ status: "logged_out", reason: "logout" });
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(whatsapp.sockets).toHaveLength(1);
  });
});

describe("QR codes", () => {
  it("streams each QR with its expiry (60 s, then 20 s) and gives up after the limit", async () => {
    const { whatsapp, transport, events } = fakeBaileys({ qrLimit: 3 });
    await transport.connect();
    const socket = whatsapp.last;
    socket.showQr("qr-1");
    expect(transport.status).toBe("qr");
    expect(events.qrs).toEqual([{ qr: "qr-1", expiresAt: NOW + 60_000 }]);
    await vi.advanceTimersByTimeAsync(60_000);
    socket.showQr("qr-2");
    await vi.advanceTimersByTimeAsync(20_000);
    socket.showQr("qr-3");
    expect(events.qrs.map((q) => [q.qr, q.expiresAt - NOW])).toEqual([
      ["qr-1", 60_000],
      ["qr-2", 80_000],
      ["qr-3", 100_000],
    ]);
    await vi.advanceTimersByTimeAsync(20_000);
    socket.showQr("qr-4");
    await settle();
    expect(events.qrs).toHaveLength(3);
    expect(socket.closed).toBe(true);
    expect(events.states).toEqual([
      { status: "connecting" },
      { status: "qr" },
      { status: "disconnected", reason: "qr_timeout" },
    ]);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(whatsapp.sockets).toHaveLength(1);
  });

  it("Baileys running out of QR refs (408) is a qr_timeout too, not a reconnect", async () => {
    const { whatsapp, transport, events } = fakeBaileys();
    await transport.connect();
    whatsapp.last.showQr();
    whatsapp.last.close(408, "QR refs attempts ended");
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(events.states.at(-1)).toEqual({ status: "disconnected", reason: "qr_timeout" });
    expect(whatsapp.sockets).toHaveLength(1);
  });

  it("a QR timeout passed as an option is every QR’s lifetime, and goes to Baileys", async () => {
    const { whatsapp, transport, events } = fakeBaileys({ qrTimeoutMs: 30_000 });
    await transport.connect();
    expect(whatsapp.last.config.qrTimeout).toBe(30_000);
    whatsapp.last.showQr();
    whatsapp.last.showQr();
    expect(events.qrs.map((q) => q.expiresAt - NOW)).toEqual([30_000, 30_000]);
  });

  it("scanning the QR: creds saved, 515, then connected on a new socket", async () => {
    const { whatsapp, store, transport, events } = fakeBaileys();
    await transport.connect();
    whatsapp.last.showQr();
    whatsapp.last.pair();
    whatsapp.last.close(515);
    await settle();
    expect(credsStored(store)).toBe(true);
    whatsapp.last.open();
    expect(transport.status).toBe("connected");
    expect(events.states.map((s) => s.status)).toEqual(["connecting", "qr", "connecting", "connected"]);
  });
});

describe("pairing code", () => {
  it("asks WhatsApp for a code on a fresh socket, hides the QRs, emits the code with its expiry", async () => {
    const { whatsapp, transport, events } = fakeBaileys({ qrLimit: 5 });
    await transport.connect();
    whatsapp.last.showQr("qr-before");
    const pending = transport.requestPairingCode("+6281234567890");
    await settle();
    expect(whatsapp.sockets).toHaveLength(2);
    expect(whatsapp.sockets[0]!.closed).toBe(true);
    whatsapp.last.showQr("qr-hidden");
    await expect(pending).resolves.toBe("KABAR123");
    expect(whatsapp.last.pairingRequests).toEqual(["6281234567890"]);
    expect(events.pairingCodes).toEqual([{ code: "KABAR123", expiresAt: NOW + 60_000 + 4 * 20_000 }]);
    expect(events.qrs.map((q) => q.qr)).toEqual(["qr-before"]);
    expect(events.states.at(-1)).toEqual({ status: "qr", reason: "pairing_code" });

    // The owner types the code: pair-success, 515, connected.
    whatsapp.last.pair("6281234567890");
    whatsapp.last.close(515);
    await settle();
    whatsapp.last.open();
    expect(transport.status).toBe("connected");
  });

  it("expires with the QR window: disconnected / pairing_timeout", async () => {
    const { whatsapp, transport, events } = fakeBaileys({ qrLimit: 2 });
    const pending = transport.requestPairingCode("+6281234567890");
    await settle();
    whatsapp.last.showQr();
    await pending;
    whatsapp.last.showQr();
    whatsapp.last.showQr();
    await settle();
    expect(events.states.at(-1)).toEqual({ status: "disconnected", reason: "pairing_timeout" });
    expect(whatsapp.last.closed).toBe(true);
  });

  it("fails when WhatsApp is not ready in time, or the channel is linked already", async () => {
    const { whatsapp, transport, events } = fakeBaileys({ pairingReadyMs: 5_000 });
    const pending = transport.requestPairingCode("+6281234567890");
    const failed = expect(pending).rejects.toThrow(/not ready/);
    await vi.advanceTimersByTimeAsync(5_000);
    await failed;
    expect(events.states.at(-1)).toEqual({ status: "disconnected", reason: "pairing_failed" });
    expect(whatsapp.last.closed).toBe(true);

    const linked = await connectedBaileys();
    await expect(linked.transport.requestPairingCode("+6281234567890")).rejects.toThrow(/already linked/);
    await expect(linked.transport.requestPairingCode("0812")).rejects.toThrow(/E\.164/);
  });

  it("a half-done pairing (me set, never confirmed) is thrown away on the next connect", async () => {
    const { whatsapp, store, transport } = fakeBaileys();
    const pending = transport.requestPairingCode("+6281234567890");
    await settle();
    whatsapp.last.showQr();
    await pending;
    await settle();
    await transport.disconnect();
    const restarted = fakeBaileys({ store });
    await restarted.transport.connect();
    expect(restarted.whatsapp.last.creds.me).toBeUndefined();
  });
});
