import type { TransportEvents } from "./transport.js";

type Listeners = { [E in keyof TransportEvents]: Set<TransportEvents[E]> };

/**
 * The listeners of one transport, by event (every transport kind uses it). A listener that
 * throws is reported and does not stop the others (nor the network code that emitted).
 */
export class TransportEmitter {
  private readonly listeners: Listeners = {
    message: new Set(),
    restrictions: new Set(),
    receipt: new Set(),
    state: new Set(),
    qr: new Set(),
    "pairing-code": new Set(),
  };

  /** @param onListenerError told of a listener that threw, and for which event */
  constructor(private readonly onListenerError: (err: unknown, event: keyof TransportEvents) => void) {}

  /** Adds `listener` for `event`. */
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.listeners[event].add(listener);
  }

  /** Removes a listener added with {@link on}. */
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): void {
    this.listeners[event].delete(listener);
  }

  /** Calls every listener of `event` with `payload`, in the order they were added. */
  emit<E extends keyof TransportEvents>(event: E, payload: Parameters<TransportEvents[E]>[0]): void {
    for (const listener of this.listeners[event]) {
      try {
        (listener as (arg: typeof payload) => void)(payload);
      } catch (err) {
        this.onListenerError(err, event);
      }
    }
  }
}
