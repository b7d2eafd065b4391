/**
 * A minimal in-memory Transport for channel-manager tests: connect() goes straight to
 * `connected`, disconnect() to `disconnected`, logout() to `logged_out`; every call is
 * counted so a test can see which process acted on a channel.
 */
import { EventEmitter } from 'node:events';
import type { TransportKinds } from '../../src/channels/factory.js';
import type { ChannelStatus, SendResult, Transport, TransportEvents } from '../../src/channels/transport.js';

/** A transport whose state changes at once, with counters of what it was asked to do. */
export class FakeTransport implements Transport {
  readonly calls = { connect: 0, disconnect: 0, logout: 0, send: 0 };
  status: ChannelStatus = 'disconnected';
  private readonly events = new EventEmitter();

  constructor(readonly channelId: string) {}

  async connect(): Promise<void> {
    this.calls.connect++;
    this.set('connected');
  }
  async disconnect(): Promise<void> {
    this.calls.disconnect++;
    this.set('disconnected');
  }
  async logout(): Promise<void> {
    this.calls.logout++;
    this.set('logged_out');
  }
  async send(_to: string, _msg: unknown, opts: { messageId: string }): Promise<SendResult> {
    this.calls.send++;
    return { messageId: opts.messageId, at: Date.now() };
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
    this.events.emit('state', reason ? { status, reason } : { status });
  }
  private set(status: ChannelStatus): void {
    this.status = status;
    this.events.emit('state', { status });
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
