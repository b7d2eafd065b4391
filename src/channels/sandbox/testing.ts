/**
 * Helpers for tests that drive the sandbox (its own tests and other modules' tests).
 * They only use the public API and no test framework.
 */
import type { InboundMessage, QrEvent, ReceiptEvent, StateEvent, Transport } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";
import type { SandboxChannel } from "./connection.js";
import type { SandboxNetworkOptions } from "./network.js";
import { SandboxNetwork } from "./network.js";
import { MemorySandboxStore } from "./store.js";
import type { SandboxTransport } from "./transport.js";

/** Every event a transport emitted, in order, per kind. */
export interface RecordedEvents {
  messages: InboundMessage[];
  receipts: ReceiptEvent[];
  states: StateEvent[];
  qrs: QrEvent[];
}

/** Starts recording `transport`'s events into arrays that fill as events arrive. */
export function recordEvents(transport: Transport): RecordedEvents {
  const recorded: RecordedEvents = { messages: [], receipts: [], states: [], qrs: [] };
  transport.on("message", (m) => recorded.messages.push(m));
  transport.on("receipt", (r) => recorded.receipts.push(r));
  transport.on("state", (s) => recorded.states.push(s));
  transport.on("qr", (q) => recorded.qrs.push(q));
  return recorded;
}

/**
 * A started network on `store`, or on a fresh {@link MemorySandboxStore} holding `phones`
 * (pass the store of an earlier network to simulate a restart). Defaults: seed "test",
 * real time scale (pair it with fake timers, or pass a small `timeScale`).
 */
export async function openSandbox(
  options: Partial<Omit<SandboxNetworkOptions, "store">> & {
    phones?: VirtualPhone[];
    store?: MemorySandboxStore;
  } = {},
): Promise<{ network: SandboxNetwork; store: MemorySandboxStore }> {
  const { phones = [], store = new MemorySandboxStore(phones), ...rest } = options;
  const network = new SandboxNetwork({ seed: "test", timeScale: 1, store, ...rest });
  await network.start();
  return { network, store };
}

/**
 * The transport of an already paired `channel`, connect() called: it is `connecting`
 * and becomes `connected` after the handshake (1 s simulated).
 */
export async function connectPaired(
  network: SandboxNetwork,
  store: MemorySandboxStore,
  channel: SandboxChannel,
): Promise<SandboxTransport> {
  await store.setPaired(channel.id, true);
  const transport = network.transport(channel);
  await transport.connect();
  return transport;
}

/** A virtual customer who reads and answers everything ("Siti Rahayu"), with `overrides`. */
export const customer = (overrides: Partial<VirtualPhone> = {}): VirtualPhone => ({
  phone: "+6281234567890",
  name: "Siti Rahayu",
  onWhatsApp: true,
  readRate: 1,
  replyRate: 1,
  latencyMs: 1_000,
  replies: ["Mau pesan 2 ya"],
  ...overrides,
});
