/**
 * Channel managers sharing one database, in one test process, on fake transports with a
 * 3 s lease and a 1 s heartbeat: channels spread between processes, a graceful stop hands
 * them over at once, a lost lease or a database blip stops a channel at once, and owner
 * actions reach the process holding the channel.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FAST_LEASES, leaseDb, startManager, type LeaseDb, type TestManager } from "./support/leases.js";
import { waitFor } from "./support/wait.js";

let d: LeaseDb;
const running: TestManager[] = [];

async function start(): Promise<TestManager> {
  const m = await startManager(d);
  running.push(m);
  return m;
}

/** Ids of `ids` held by `m` (its own view). */
const heldBy = (m: TestManager, ids: string[]) => ids.filter((id) => m.manager.holds(id));

/** Waits until every channel of `ids` is held by exactly one manager, and the leases agree. */
async function settled(
  ids: string[],
  managers: TestManager[],
  timeoutMs = 4 * FAST_LEASES.heartbeatMs + 2000,
): Promise<void> {
  await waitFor(async () => {
    const leases = await d.leases();
    const ok = ids.every((id) => {
      const holders = managers.filter((m) => m.manager.holds(id));
      return (
        holders.length === 1 &&
        leases.get(id)?.holder === holders[0]!.manager.holder &&
        !leases.get(id)?.expired
      );
    });
    return ok ? true : undefined;
  }, timeoutMs);
}

async function statusOf(id: string): Promise<string> {
  const r = await d.pool.query<{ status: string }>("SELECT status FROM channels WHERE id = $1", [id]);
  return r.rows[0]!.status;
}

beforeAll(async () => {
  d = await leaseDb();
});
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop();
  await d.pool.query("DELETE FROM channels");
});
afterAll(async () => {
  await d?.drop();
});

describe("one process", () => {
  it("takes every channel that should be live before start() resolves, and no other", async () => {
    const live = [...(await d.addChannels(2, "connected")), ...(await d.addChannels(1, "qr"))];
    const [off] = await d.addChannels(1, "disconnected");
    const a = await start();
    expect(heldBy(a, live)).toEqual(live);
    expect(a.manager.holds(off!)).toBe(false);
    for (const id of live) expect(a.transportOf(id)?.status).toBe("connected");
    const leases = await d.leases();
    expect([...leases.keys()].sort()).toEqual([...live].sort());
  });
});

describe("two processes", () => {
  it("spread the channels, each held by exactly one; the one giving a channel up leaves it live", async () => {
    const ids = await d.addChannels(4);
    const a = await start();
    expect(heldBy(a, ids)).toHaveLength(4);
    const b = await start();
    await settled(ids, [a, b]);
    await waitFor(
      async () => (heldBy(a, ids).length === 2 && heldBy(b, ids).length === 2 ? true : undefined),
      4 * FAST_LEASES.heartbeatMs,
    );
    for (const id of heldBy(b, ids)) {
      const old = a.transportOf(id)!;
      expect(old.calls.disconnect).toBe(1);
      expect(old.listeners("state")).toBe(0);
      expect(b.transportOf(id)!.status).toBe("connected");
      expect(await statusOf(id)).toBe("connected");
    }
  });

  it("a graceful stop releases the leases and the other process takes the channels over", async () => {
    const ids = await d.addChannels(3);
    const a = await start();
    const b = await start();
    await settled(ids, [a, b]);
    const fromA = heldBy(a, ids);
    expect(fromA.length).toBeGreaterThan(0);
    await a.stop();
    const leases = await d.leases();
    for (const id of fromA) expect(leases.has(id)).toBe(false);
    await waitFor(async () => (heldBy(b, ids).length === 3 ? true : undefined), FAST_LEASES.ttlMs);
    await settled(ids, [b]);
  });

  it("owner actions on a channel held elsewhere are forwarded to its holder", async () => {
    const ids = await d.addChannels(2);
    const a = await start();
    const b = await start();
    await settled(ids, [a, b]);
    const [id] = heldBy(a, ids);
    const t = a.transportOf(id!)!;
    await b.manager.disconnect(id!);
    await waitFor(async () => ((await statusOf(id!)) === "disconnected" ? true : undefined));
    expect(t.calls.disconnect).toBe(1);
    await b.manager.connect(id!);
    await waitFor(async () => ((await statusOf(id!)) === "connected" ? true : undefined));
    expect(t.calls.connect).toBe(2);
    expect(a.manager.holds(id!)).toBe(true);
    expect(b.manager.holds(id!)).toBe(false);
  });
});

describe("losing a lease", () => {
  it("a channel whose lease another holder took is stopped at the next heartbeat", async () => {
    const [id] = await d.addChannels(1);
    const a = await start();
    const t = a.transportOf(id!)!;
    await d.pool.query(`UPDATE channel_leases SET holder = 'someone-else' WHERE channel_id = $1`, [id]);
    await waitFor(async () => (a.manager.holds(id!) ? undefined : true), 2 * FAST_LEASES.heartbeatMs + 1000);
    expect(t.calls.disconnect).toBe(1);
    expect(await statusOf(id!)).toBe("connected"); // still meant to be live: it comes back once that lease expires
    await waitFor(
      async () => (a.manager.holds(id!) ? true : undefined),
      FAST_LEASES.ttlMs + 2 * FAST_LEASES.heartbeatMs + 1000,
    );
    expect(a.transportOf(id!)).not.toBe(t);
  });

  it("a database blip stops every channel at once; they come back when the database does", async () => {
    const ids = await d.addChannels(2);
    const a = await start();
    const before = ids.map((id) => a.transportOf(id)!);
    a.blip = true;
    await waitFor(
      async () => (heldBy(a, ids).length === 0 ? true : undefined),
      2 * FAST_LEASES.heartbeatMs + 1000,
    );
    for (const t of before) expect(t.status).toBe("disconnected");
    a.blip = false;
    await waitFor(async () => (heldBy(a, ids).length === 2 ? true : undefined), 3 * FAST_LEASES.heartbeatMs);
    await settled(ids, [a]);
  });
});
