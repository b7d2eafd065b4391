/**
 * The sandbox WhatsApp network: an offline, deterministic simulation used for demos,
 * development and tests. Typical use:
 *
 * ```ts
 * const network = new SandboxNetwork({ seed: 'demo', timeScale: 1, store });
 * await network.start();
 * await network.addPhones(makeVirtualCustomers('demo', 200));
 * const transport = network.transport({ id: channelId, phone: '+6281100000001', autoScan: true });
 * await transport.connect();
 * ```
 */
export { SandboxNetwork } from "./network.js";
export type { SandboxNetworkOptions } from "./network.js";
export { SandboxTransport } from "./transport.js";
export type { SandboxChannel, SandboxFault } from "./connection.js";
export { FatePlayer, REPLAY_WINDOW_MS, fateTimeline } from "./fates.js";
export type { FateEvents, TimedStep } from "./fates.js";
export { MemorySandboxStore } from "./store.js";
export type { PhoneInboxEntry, SandboxDelivery, SandboxPhoneMessage, SandboxStore } from "./store.js";
export { QR_CODES, SIMULATED_MS, defaultPhone, makeVirtualCustomers, messageFate } from "./behaviour.js";
export type { FateStep, VirtualPhone } from "./behaviour.js";
export { DEFAULT_REPLIES, OPT_OUT_REPLIES } from "./indonesia.js";
export { realScheduler } from "./clock.js";
export type { Scheduler, TimerHandle } from "./clock.js";
