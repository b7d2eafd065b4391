/**
 * The connection lifecycle of one sandbox channel: QR codes and pairing, connecting,
 * disconnecting, logging out, and injected faults. Messaging lives in transport.ts.
 */
import type { ChannelStatus, E164, QrEvent, StateEvent } from "../transport.js";
import { TransportError } from "../transport.js";
import type { VirtualPhone } from "./behaviour.js";
import { QR_CODES, SIMULATED_MS } from "./behaviour.js";
import type { Timer, Timers } from "./clock.js";
import type { RestrictionFault } from "./restrictions.js";
import type { SandboxStore } from "./store.js";

/** A channel as the network knows it. */
export interface SandboxChannel {
  id: string;
  /** The channel's own WhatsApp number. */
  phone: E164;
  /** Demo mode: the QR is "scanned" by itself ~3 s (scaled) after it is first shown. */
  autoScan?: boolean;
  /**
   * Epoch ms the number joined WhatsApp: its age sets its new-chat quota (warm-up) and
   * its cap cycles start there (restrictions.ts). Defaults to when its transport is made.
   */
  since?: number;
}

/**
 * A failure of the connection the network can inject into a channel, each imitating a real one:
 * - `disconnect`: the connection drops (Baileys 408/503) — state `connecting`, sends
 *   fail retryable — and comes back by itself after ~2 s (scaled); ignored unless connected.
 * - `logout`: the device is removed from the phone's "Linked devices" (Baileys 401) —
 *   state `logged_out`, unpaired; a new QR scan is needed.
 * - `rate_limit`: WhatsApp throttles (`rate-overlimit`): the next `count` sends throw
 *   `rate_limited`.
 * - `ban`: the number is banned (Baileys 403) — state `blocked`, every send throws
 *   `banned` — until the faults are cleared.
 */
export type ConnectionFault =
  | { type: "disconnect" }
  | { type: "logout" }
  | { type: "rate_limit"; count: number }
  | { type: "ban" };

/**
 * Every fault: a {@link ConnectionFault}, or one of the number's restrictions
 * (`RestrictionFault`, restrictions.ts): `cap` sets the new-chat cap of the cycle
 * (`state`, `total`, `used`), `timelock` bars new chats for `minutes`, `unlock` lifts it.
 */
export type SandboxFault = ConnectionFault | RestrictionFault;

/** What a channel needs from its network (provided by `SandboxNetwork`). */
export interface SandboxContext {
  readonly seed: string;
  readonly store: SandboxStore;
  readonly timers: Timers;
  /** Whether cold sends count against a warm-up new-chat cap by themselves (`SandboxNetworkOptions.newChatCap`). */
  readonly newChatCap: boolean;
  /** The behaviour of any number: registered, or derived from the seed. */
  behaviourOf(phone: E164): VirtualPhone;
  /**
   * Registers the numbers among `phones` that have no virtual phone yet, in the store (as
   * phones of `channelId`'s shop) and in the network, each with the behaviour it already
   * had. Resolves once they are stored; rejects when the store fails.
   */
  registerRecipients(channelId: string, phones: E164[]): Promise<void>;
  /** The shop's side of channel `channelId` shows, or stops showing, "typing…" to `phone`. */
  typing(channelId: string, phone: E164, on: boolean): void;
  /** Reports a failure of background work (a store write, a throwing listener). */
  reportError(error: unknown): void;
}

/** Where a connection reports what happens to it. */
interface ConnectionEvents {
  state(event: StateEvent): void;
  qr(event: QrEvent): void;
  /** The channel just became `connected`. */
  connected(): void;
}

/** States in which `connect()` has nothing to do. */
const ACTIVE: ReadonlySet<ChannelStatus> = new Set(["qr", "connecting", "connected"]);

/**
 * The status machine of one channel; `SandboxTransport` is its public face. It imitates
 * WhatsApp Web as Baileys sees it: a QR code that refreshes every 20 s and expires after
 * a few codes, a linked device that reconnects without a QR until it is logged out,
 * dropped connections that come back by themselves, throttling and bans.
 */
export class ChannelConnection {
  private state: ChannelStatus = "disconnected";
  private readonly flowTimers = new Set<Timer>();
  /** Bumped whenever the connection flow is interrupted, to abandon stale async steps. */
  private epoch = 0;
  private rateLimitedSends = 0;
  private banned = false;

  /** @param events receives state and QR events, and each transition to `connected` */
  constructor(
    private readonly channel: Readonly<SandboxChannel>,
    private readonly ctx: SandboxContext,
    private readonly events: ConnectionEvents,
  ) {}

  /** The current status; every change is reported through `events.state`. */
  get status(): ChannelStatus {
    return this.state;
  }

  /** See `SandboxTransport.connect`. */
  connect(): Promise<void> {
    if (this.ctx.timers.isClosed) return Promise.reject(new Error("The sandbox network is closed"));
    if (ACTIVE.has(this.state)) return Promise.resolve();
    this.stopFlow(); // a concurrent, still-pending connect() gives way to this one
    return this.open();
  }

  /** See `SandboxTransport.disconnect`. */
  disconnect(): void {
    this.stopFlow();
    if (ACTIVE.has(this.state)) this.setStatus("disconnected", "closed");
  }

  /** Unpairs the channel; `reason` is `logout` (ours) or `device_removed` (a fault). */
  async unlink(reason: string): Promise<void> {
    this.stopFlow();
    this.setStatus("logged_out", reason);
    await this.ctx.store.setPaired(this.channel.id, false);
  }

  /** See `SandboxTransport.scan`. */
  async scan(): Promise<boolean> {
    if (this.state !== "qr") return false;
    this.stopFlow();
    const epoch = this.epoch;
    this.setStatus("connecting", "qr_scanned");
    try {
      await this.ctx.store.setPaired(this.channel.id, true);
    } catch (error) {
      if (epoch === this.epoch) this.setStatus("disconnected", "pairing_failed");
      throw error;
    }
    if (epoch === this.epoch) this.connectAfter(SIMULATED_MS.handshake, "qr_scanned");
    return true;
  }

  /** See `SandboxTransport.injectFault` (the connection's faults). */
  async injectFault(fault: ConnectionFault): Promise<void> {
    switch (fault.type) {
      case "disconnect":
        if (this.state === "connected") this.connectAfter(SIMULATED_MS.reconnect, "connection_lost");
        return;
      case "logout":
        return this.unlink("device_removed");
      case "rate_limit":
        if (!Number.isInteger(fault.count) || fault.count < 0) {
          throw new RangeError(`rate_limit count must be a non-negative integer, got ${fault.count}`);
        }
        this.rateLimitedSends = fault.count;
        return;
      case "ban":
        this.banned = true;
        this.stopFlow();
        this.setStatus("blocked", "banned");
    }
  }

  /** See `SandboxTransport.clearFaults`. */
  clearFaults(): void {
    this.rateLimitedSends = 0;
    if (!this.banned) return;
    this.banned = false;
    if (this.state !== "blocked") return;
    this.setStatus("disconnected", "unbanned");
    this.connect().catch((error: unknown) => this.ctx.reportError(error));
  }

  /**
   * Throws unless the channel can talk to WhatsApp.
   * @throws TransportError `banned` / `logged_out` (stopChannel) or `disconnected` (retryable)
   */
  assertUsable(): void {
    if (this.banned || this.state === "blocked") {
      throw new TransportError("banned", "This number is banned by WhatsApp (sandbox)", false, true);
    }
    if (this.state === "logged_out") {
      throw new TransportError(
        "logged_out",
        "The device was logged out; scan the QR code again",
        false,
        true,
      );
    }
    if (this.state !== "connected") {
      throw new TransportError("disconnected", `The channel is ${this.state}, not connected`, true);
    }
  }

  /**
   * Admits one send: {@link assertUsable}, then spends one injected rate-limit failure.
   * @throws TransportError as `assertUsable`, or `rate_limited` (retryable)
   */
  admitSend(): void {
    this.assertUsable();
    if (this.rateLimitedSends === 0) return;
    this.rateLimitedSends--;
    throw new TransportError("rate_limited", "WhatsApp is rate-limiting this number (sandbox fault)", true);
  }

  /** The network closed: stop everything and fall silent in `disconnected`. */
  shutdown(): void {
    this.stopFlow();
    this.state = "disconnected";
  }

  private async open(): Promise<void> {
    if (this.banned) return this.setStatus("blocked", "banned");
    const epoch = this.epoch;
    const paired = await this.ctx.store.isPaired(this.channel.id);
    if (epoch !== this.epoch) return;
    if (paired) this.connectAfter(SIMULATED_MS.handshake);
    else this.showQr(1);
  }

  private showQr(n: number): void {
    const { timers } = this.ctx;
    this.setStatus("qr");
    const expiresAt = timers.now() + timers.scaled(SIMULATED_MS.qrRotation);
    this.events.qr({ qr: `kabar-sandbox:${this.channel.id}:${n}`, expiresAt });
    if (n === 1 && this.channel.autoScan) {
      this.later(SIMULATED_MS.autoScan, () => {
        this.scan().catch((error: unknown) => this.ctx.reportError(error));
      });
    }
    this.later(SIMULATED_MS.qrRotation, () => {
      if (n < QR_CODES) this.showQr(n + 1);
      else this.setStatus("disconnected", "qr_timeout");
    });
  }

  /** State `connecting` now, `connected` after `simulatedMs`. */
  private connectAfter(simulatedMs: number, reason?: string): void {
    this.setStatus("connecting", reason);
    this.later(simulatedMs, () => {
      this.setStatus("connected");
      this.events.connected();
    });
  }

  /** Runs `fn` after `simulatedMs` unless the connection flow is interrupted first. */
  private later(simulatedMs: number, fn: () => void): void {
    const timer = this.ctx.timers.after(simulatedMs, () => {
      this.flowTimers.delete(timer);
      fn();
    });
    this.flowTimers.add(timer);
  }

  private stopFlow(): void {
    this.epoch++;
    for (const timer of this.flowTimers) this.ctx.timers.cancel(timer);
    this.flowTimers.clear();
  }

  private setStatus(status: ChannelStatus, reason?: string): void {
    if (status === this.state) return;
    this.state = status;
    this.events.state(reason === undefined ? { status } : { status, reason });
  }
}
