/**
 * Events recorded in their own transaction. A module that writes an event (a customer's
 * message, a receipt, an opt-out, a finished campaign) calls an {@link EventHook} inside
 * the transaction that writes it, so whatever the hook writes (e.g. outgoing webhook
 * deliveries and their pg-boss jobs) commits with the event or not at all: exactly once
 * across a crash, unlike a bus listener after the commit. The composition root passes the
 * hook in (src/kabar.ts), so the writing module imports no listener.
 */
import type { BusEvents } from "../lib/bus.js";
import type { Db, Tx } from "./client.js";
import type { SqlExecutor } from "./transaction.js";

/** One event as its transaction records it: a bus event's name and payload. */
export type RecordedEvent = { [K in keyof BusEvents]: { name: K; payload: BusEvents[K] } }[keyof BusEvents];

/**
 * Called inside the transaction of `events` (all of one statement or batch), with the
 * drizzle handle and the raw executor of that transaction (for `enqueue(…, { tx: raw })`).
 * Throwing rolls the events back.
 */
export type EventHook = (tx: Db | Tx, raw: SqlExecutor, events: RecordedEvent[]) => Promise<void>;

/** One hook that runs `hooks` one after another in the same transaction (the first throw rolls back). */
export function combineEventHooks(...hooks: EventHook[]): EventHook {
  return async (tx, raw, events) => {
    for (const hook of hooks) await hook(tx, raw, events);
  };
}
