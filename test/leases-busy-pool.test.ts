/**
 * A busy main pool must never cost a channel its lease (3 s lease, 1 s heartbeat): while
 * every connection of the manager's main pool is checked out for longer than the TTL —
 * as under a burst of inbound messages — the heartbeat still renews the leases on the
 * lease keeper's own connection, so the manager keeps its channels live.
 */
import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAST_LEASES, leaseDb, startManager, type LeaseDb, type TestManager } from "./support/leases.js";
import { waitFor } from "./support/wait.js";

let d: LeaseDb;
const running: TestManager[] = [];
/** Connections taken from a manager's pool by the test, handed back after each test. */
let grabs: Promise<pg.PoolClient>[] = [];

/**
 * Checks out every connection of `pool` and keeps them (the manager's LISTEN connection
 * holds one for good, so one checkout stays queued); resolves once the pool has no
 * connection to give and other work of the manager queues behind the test's.
 */
async function exhaust(pool: pg.Pool): Promise<void> {
  const max = pool.options.max;
  grabs = Array.from({ length: max }, () => pool.connect());
  await waitFor(
    async () => (pool.totalCount === max && pool.idleCount === 0 && pool.waitingCount > 0 ? true : undefined),
    5000,
  );
}

/** Hands the connections taken by `exhaust` back (a queued checkout gets one, then returns it). */
function giveBack(): void {
  for (const g of grabs.splice(0)) void g.then((c) => c.release());
}

/** The lease row of a channel: holder, expiry and whether the database's clock passed `after`. */
async function leaseOf(id: string, after: Date | null = null) {
  const r = await d.pool.query<{ holder: string; expires_at: Date; expired: boolean; passed: boolean }>(
    "SELECT holder, expires_at, expires_at <= now() AS expired, now() > $2::timestamptz AS passed FROM channel_leases WHERE channel_id = $1",
    [id, after ?? new Date(0)],
  );
  return r.rows[0];
}

beforeAll(async () => {
  d = await leaseDb();
});
afterEach(async () => {
  giveBack();
  for (const m of running.splice(0)) await m.stop();
  await d.pool.query("DELETE FROM channels");
});
afterAll(async () => {
  await d?.drop();
});

describe("a busy database pool", () => {
  it("does not cost a channel its lease: the manager keeps its channels while the main pool is exhausted for longer than the TTL", async () => {
    const ids = await d.addChannels(2);
    const m = await startManager(d, FAST_LEASES);
    running.push(m);
    const transports = ids.map((id) => m.transportOf(id)!);
    for (const id of ids) expect(m.manager.holds(id)).toBe(true);

    await exhaust(m.pool);
    // Every lease as it stood when the pool ran dry: without a renew it would lapse at that time.
    const before = await Promise.all(ids.map((id) => leaseOf(id)));
    const lapse = new Date(Math.max(...before.map((l) => l!.expires_at.getTime())) + FAST_LEASES.heartbeatMs);
    // Wait (on the database's clock) past that expiry plus one more heartbeat, the pool still exhausted.
    await waitFor(
      async () => ((await leaseOf(ids[0]!, lapse))?.passed ? true : undefined),
      FAST_LEASES.ttlMs + 3 * FAST_LEASES.heartbeatMs + 2000,
    );
    expect(m.pool.waitingCount).toBeGreaterThan(0);
    expect(m.pool.idleCount).toBe(0);

    for (const [i, id] of ids.entries()) {
      expect(m.manager.holds(id)).toBe(true);
      const lease = await leaseOf(id);
      expect(lease?.holder).toBe(m.manager.holder);
      expect(lease?.expired).toBe(false);
      expect(lease!.expires_at.getTime()).toBeGreaterThan(before[i]!.expires_at.getTime());
      expect(m.transportOf(id)).toBe(transports[i]);
      expect(transports[i]!.calls.disconnect).toBe(0);
      expect(transports[i]!.status).toBe("connected");
    }

    giveBack();
    // Once the pool is free again nothing changed hands: the same connections stay live.
    await waitFor(async () => (m.pool.waitingCount === 0 ? true : undefined), 5000);
    for (const [i, id] of ids.entries()) {
      expect(m.manager.holds(id)).toBe(true);
      expect(transports[i]!.calls.disconnect).toBe(0);
    }
  });
});
