/**
 * The inbound store's capacity, for `npm run bench:inbox -- --store-seconds N`: `parallel`
 * callers store inbound messages through `inbox.receive` (what a channel's transport
 * calls) as fast as they can for `seconds`, with the auto-reply engine and assignment
 * listening as in production. No sandbox network, no sockets: the figure is storage +
 * what listens to `message.new`, in messages a second.
 */
import pg from "pg";
import type { Kabar } from "../src/kabar.js";
import type { Actor } from "../src/lib/actor.js";

const IDLE_MS = 2_000;
const SETTLE_MS = 2_000;

export interface StoreRateOptions {
  seconds: number;
  /** Messages stored at the same time. */
  parallel: number;
  /** Distinct customers writing (their contacts and conversations are created on the first message). */
  customers: number;
}

/**
 * Messages stored per second, how many in all, and the SQL round trips per stored message
 * (every `pg.Client#query` of the process from the first message until the listeners
 * had 2 s to finish, less the background's rate measured for 2 s before: storage,
 * auto-reply engine, assignment; load-independent, unlike the rate).
 */
export async function measureStoreRate(
  kabar: Kabar,
  owner: Actor,
  opts: StoreRateOptions,
): Promise<{ stored: number; perSecond: number; queriesPerMessage: number }> {
  const [channel] = await kabar.services.channels.list(owner);
  const target = { id: channel!.id, tenantId: owner.tenantId };
  const run = `${process.pid}-${Date.now()}`;
  let queries = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    queries++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const background = queries;
  queries = 0;
  let n = 0;
  let stored = 0;
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.parallel }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const from = `+62816${String(10_000_000 + (i % opts.customers)).slice(-8)}`;
        if (
          await kabar.services.inbox.receive(target, {
            messageId: `store-${run}-${i}`,
            from,
            profileName: `Pembeli ${i % opts.customers}`,
            text: `Pesan ${i}`,
            at: Date.now(),
          })
        )
          stored++;
      }
    }),
  );
  const perSecond = stored / ((performance.now() - start) / 1000);
  // Let the listeners (auto-reply decisions) finish, then take off the background's
  // queries (pg-boss, the campaign dispatcher's polling) at the rate measured before.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const ownQueries = queries - (background / IDLE_MS) * (performance.now() - start);
  pg.Client.prototype.query = query;
  return { stored, perSecond, queriesPerMessage: ownQueries / Math.max(1, stored) };
}
