/**
 * A minimal in-memory Transport for channel-manager tests: connect() goes straight to
 * `connected`, disconnect() to `disconnected`, logout() to `logged_out`; every call is
 * counted so a test can see which process acted on a channel. Its WhatsApp restrictions
 * (new-chat cap, timelock) are settable (`restricted`), pushed with `pushRestrictions`;
 * a send can be refused (`failNext`, e.g. `reachout_locked`) and receipts emitted.
 */
import { EventEmitter } from "node:events";
import type { TransportKinds } from "../../src/channels/factory.js";
import type {
  ChannelStatus,
  ReceiptEvent,
  Restrictions,
  SendResult,
  Transport,
  TransportError,
  TransportEvents,
} from "../../src/channels/transport.js";

/** One call of `send` as the network saw it: when (epoch ms), to whom, and the error code it answered with. */
interface SendCall {
  at: number;
  to: string;
  messageId: string;
  error?: string;
}

/** A transport whose state changes at once, with counters of what it was asked to do. */
export class FakeTransport implements Transport {
  readonly calls = { connect: 0, disconnect: 0, logout: 0, send: 0, restrictions: 0 };
  /** What `restrictions()` answers (`at` is set when read); nothing restricted by default. */
  restricted: Omit<Restrictions, "at"> = { cap: null, timelock: null };
  /** Every send call, oldest first, with the time it reached the transport. */
  readonly sends: SendCall[] = [];
  /** Errors the next sends throw, one per send, in order (see `failNext`). */
  private readonly failures: TransportError[] = [];
  private readonly refuseLater = new Set<string>();
  status: ChannelStatus = "disconnected";
  private readonly events = new EventEmitter();

  constructor(readonly channelId: string) {}

  async connect(): Promise<void> {
    this.calls.connect++;
    this.set("connected");
  }
  async disconnect(): Promise<void> {
    this.calls.disconnect++;
    this.set("disconnected");
  }
  async logout(): Promise<void> {
    this.calls.logout++;
    this.set("logged_out");
  }
  async send(to: string, _msg: unknown, opts: { messageId: string }): Promise<SendResult> {
    this.calls.send++;
    const at = Date.now();
    const failure = this.failures.shift();
    this.sends.push({ at, to, messageId: opts.messageId, ...(failure ? { error: failure.code } : {}) });
    if (failure) throw failure;
    if (this.refuseLater.delete(to)) {
      this.receipt({
        messageId: opts.messageId,
        status: "failed",
        to,
        at,
        error: { code: "reachout_locked", reason: "WhatsApp refused the new chat (test)" },
      });
    }
    return { messageId: opts.messageId, at };
  }
  /** The next send to `phone` is accepted, then refused by a failed receipt with error 463 (`reachout_locked`). */
  refuseAfterAccepting(phone: string): void {
    this.refuseLater.add(phone);
  }
  async restrictions(): Promise<Restrictions> {
    this.calls.restrictions++;
    return { ...structuredClone(this.restricted), at: Date.now() };
  }
  /** WhatsApp pushes new restrictions (they also become what `restrictions()` answers). */
  pushRestrictions(r: Omit<Restrictions, "at">): void {
    this.restricted = r;
    this.events.emit("restrictions", { ...structuredClone(r), at: Date.now() });
  }
  /** The network sends a receipt (e.g. a late `failed` with error `reachout_locked`). */
  receipt(r: ReceiptEvent): void {
    this.events.emit("receipt", r);
  }
  /** The next sends throw `errors`, one each, in order; later sends succeed again. */
  failNext(...errors: TransportError[]): void {
    this.failures.push(...errors);
  }
  async checkNumbers(phones: string[]): Promise<Map<string, boolean>> {
    return new Map(phones.map((p) => [p, true]));
  }
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.events.on(event, listener);
  }
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.events.off(event, listener);
  }
  /** Listeners currently registered for `event` (0 once the manager let the channel go). */
  listeners(event: keyof TransportEvents): number {
    return this.events.listenerCount(event);
  }
  /** The network moves the connection to `status` by itself (a ban, an expired token…). */
  simulate(status: ChannelStatus, reason?: string): void {
    this.status = status;
    this.events.emit("state", reason ? { status, reason } : { status });
  }
  private set(status: ChannelStatus): void {
    this.status = status;
    this.events.emit("state", { status });
  }
}

/**
 * Transport kinds whose `sandbox` kind builds FakeTransports; `created` lists every
 * transport built, newest last (one per time a manager takes a channel).
 */
export function fakeKinds(): { kinds: TransportKinds; created: FakeTransport[] } {
  const created: FakeTransport[] = [];
  return {
    created,
    kinds: {
      sandbox: {
        dedupes: true,
        create: ({ channel }) => {
          const t = new FakeTransport(channel.id);
          created.push(t);
          return t;
        },
      },
    },
  };
}
