/**
 * Channel leases in SQL (src/channels/leases.ts) against a real PostgreSQL: acquire,
 * renew, takeover after expiry, release, the process census and the fair share.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acquireLease,
  census,
  claimableChannels,
  currentLease,
  fairShare,
  holderIsDeadHere,
  hostTag,
  newHolderId,
  presenceName,
  reapDeadHolders,
  releaseLeases,
  renewLeases,
} from "../src/channels/leases.js";
import { LIVE_STATUSES } from "../src/channels/manager.js";
import { leaseDb, type LeaseDb } from "./support/leases.js";
import { waitFor } from "./support/wait.js";

const TTL = 15_000;
let d: LeaseDb;

/** Makes a lease look expired, as if its holder stopped renewing a while ago. */
async function expire(channelId: string): Promise<void> {
  await d.pool.query(
    `UPDATE channel_leases SET expires_at = now() - interval '1 second' WHERE channel_id = $1`,
    [channelId],
  );
}

beforeAll(async () => {
  d = await leaseDb();
});
afterAll(async () => {
  await d?.drop();
});

describe("holder ids", () => {
  it("are unique, name the host and pid, and fit application_name", () => {
    const a = newHolderId();
    expect(a).not.toBe(newHolderId());
    expect(a.split(":")[1]).toBe(String(process.pid));
    expect(Buffer.byteLength(presenceName(a))).toBeLessThanOrEqual(63);
  });
});

describe("acquire and renew", () => {
  it("a free channel is acquired for the TTL; another holder cannot take it while it runs", async () => {
    const [c] = await d.addChannels(1);
    expect(await acquireLease(d.db, c!, "A", TTL)).toBe(true);
    const lease = await currentLease(d.db, c!);
    expect(lease?.holder).toBe("A");
    const left = lease!.expiresAt.getTime() - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(TTL + 1000); // the database's clock may be a little ahead
    expect(await acquireLease(d.db, c!, "B", TTL)).toBe(false);
    expect((await currentLease(d.db, c!))?.holder).toBe("A");
  });

  it("the holder acquiring again renews it and keeps acquiredAt", async () => {
    const [c] = await d.addChannels(1);
    await acquireLease(d.db, c!, "A", 1000);
    const first = (await currentLease(d.db, c!))!;
    expect(await acquireLease(d.db, c!, "A", TTL)).toBe(true);
    const again = (await currentLease(d.db, c!))!;
    expect(again.acquiredAt.getTime()).toBe(first.acquiredAt.getTime());
    expect(again.expiresAt.getTime()).toBeGreaterThan(first.expiresAt.getTime());
  });

  it("renewLeases extends the holder own leases only, and reports the ones it lost", async () => {
    const [mine, theirs, gone] = await d.addChannels(3);
    await acquireLease(d.db, mine!, "A", 1000);
    await acquireLease(d.db, theirs!, "B", TTL);
    await acquireLease(d.db, gone!, "A", TTL);
    await expire(gone!);
    expect(await acquireLease(d.db, gone!, "B", TTL)).toBe(true); // B took it over
    const before = (await currentLease(d.db, mine!))!.expiresAt.getTime();
    const renewed = await renewLeases(d.db, "A", [mine!, theirs!, gone!], TTL);
    expect([...renewed]).toEqual([mine]);
    expect((await currentLease(d.db, mine!))!.expiresAt.getTime()).toBeGreaterThan(before);
    expect((await currentLease(d.db, theirs!))?.holder).toBe("B");
    expect((await currentLease(d.db, gone!))?.holder).toBe("B");
    expect(await renewLeases(d.db, "A", [], TTL)).toEqual(new Set());
  });

  it("of many holders acquiring one channel at once, exactly one wins", async () => {
    const [c] = await d.addChannels(1);
    const wins = await Promise.all(
      Array.from({ length: 12 }, (_, i) => acquireLease(d.db, c!, `H${i}`, TTL)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect((await currentLease(d.db, c!))?.holder).toBe(`H${wins.indexOf(true)}`);
  });
});

describe("expiry and release", () => {
  it("another holder takes a lease over once it expires, within the TTL", async () => {
    const [c] = await d.addChannels(1);
    const ttl = 400;
    expect(await acquireLease(d.db, c!, "A", ttl)).toBe(true);
    expect(await acquireLease(d.db, c!, "B", TTL)).toBe(false);
    await waitFor(async () => ((await currentLease(d.db, c!)) === null ? true : undefined), ttl + 2000);
    expect(await acquireLease(d.db, c!, "B", TTL)).toBe(true);
    const lease = (await currentLease(d.db, c!))!;
    expect(lease.holder).toBe("B");
    expect(await renewLeases(d.db, "A", [c!], TTL)).toEqual(new Set());
  });

  it("release frees the given channels, or all of a holder, at once", async () => {
    const [a1, a2, a3, b1] = await d.addChannels(4);
    for (const c of [a1, a2, a3]) await acquireLease(d.db, c!, "RA", TTL);
    await acquireLease(d.db, b1!, "RB", TTL);
    expect(await releaseLeases(d.db, "RA", [a1!, b1!])).toBe(1);
    expect(await currentLease(d.db, a1!)).toBeNull();
    expect(await acquireLease(d.db, a1!, "RB", TTL)).toBe(true);
    expect(await releaseLeases(d.db, "RA")).toBe(2);
    expect(await currentLease(d.db, a2!)).toBeNull();
    expect(await currentLease(d.db, a3!)).toBeNull();
    expect((await currentLease(d.db, b1!))?.holder).toBe("RB");
  });
});

describe("fair share", () => {
  it("is ceil(channels / processes), so the shares cover every channel", () => {
    expect(fairShare(0, 1)).toBe(0);
    expect(fairShare(1, 2)).toBe(1);
    expect(fairShare(2, 2)).toBe(1);
    expect(fairShare(3, 2)).toBe(2);
    expect(fairShare(7, 3)).toBe(3);
    expect(fairShare(5, 0)).toBe(5);
    for (let channels = 0; channels < 20; channels++) {
      for (let processes = 1; processes < 6; processes++)
        expect(fairShare(channels, processes) * processes).toBeGreaterThanOrEqual(channels);
    }
  });

  it("the census counts present processes, lease holders and the caller; live and held channels", async () => {
    const fresh = await leaseDb();
    const present = new pg.Client({ connectionString: fresh.url, application_name: presenceName("P") });
    try {
      const [live1, live2] = await fresh.addChannels(2, "connected");
      const [held] = await fresh.addChannels(1, "disconnected");
      await fresh.addChannels(1, "logged_out");
      expect(await census(fresh.db, "me", LIVE_STATUSES)).toEqual({ processes: 1, channels: 2 });
      await present.connect();
      expect((await census(fresh.db, "me", LIVE_STATUSES)).processes).toBe(2);
      await acquireLease(fresh.db, held!, "H", TTL); // a disconnected channel somebody holds counts
      await acquireLease(fresh.db, live1!, "P", TTL); // P is present and holds: counted once
      expect(await census(fresh.db, "me", LIVE_STATUSES)).toEqual({ processes: 3, channels: 3 });
      await acquireLease(fresh.db, live2!, "me", TTL);
      expect(await census(fresh.db, "me", LIVE_STATUSES)).toEqual({ processes: 3, channels: 3 });
      await fresh.pool.query(
        `UPDATE channel_leases SET expires_at = now() - interval '1 second' WHERE holder = 'H'`,
      );
      expect(await census(fresh.db, "me", LIVE_STATUSES)).toEqual({ processes: 2, channels: 2 });
      await present.end(); // P is gone but still holds a lease: counted until it expires
      await releaseLeases(fresh.db, "P");
      await waitFor(async () =>
        (await census(fresh.db, "me", LIVE_STATUSES)).processes === 1 ? true : undefined,
      );
    } finally {
      await present.end().catch(() => {});
      await fresh.drop();
    }
  });

  it("claimable channels are live, of a known kind, and not held by another process", async () => {
    const fresh = await leaseDb();
    try {
      const [free, mine, theirs, expired] = await fresh.addChannels(4, "connected");
      const [qr] = await fresh.addChannels(1, "qr");
      await fresh.addChannels(1, "disconnected");
      await acquireLease(fresh.db, mine!, "me", TTL);
      await acquireLease(fresh.db, theirs!, "other", TTL);
      await acquireLease(fresh.db, expired!, "other", TTL);
      await fresh.pool.query(
        `UPDATE channel_leases SET expires_at = now() - interval '1 second' WHERE channel_id = $1`,
        [expired],
      );
      expect(await claimableChannels(fresh.db, "me", LIVE_STATUSES, ["sandbox"])).toEqual([
        free,
        mine,
        expired,
        qr,
      ]);
      expect(await claimableChannels(fresh.db, "me", LIVE_STATUSES, ["whatsapp_web"])).toEqual([]);
      expect(await claimableChannels(fresh.db, "me", LIVE_STATUSES, [])).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});

/** A child process that lives until killed; resolves once it runs. */
async function liveChild(): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = spawn("sleep", ["600"], { stdio: "ignore" });
  await new Promise((resolve, reject) => child.once("spawn", resolve).once("error", reject));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The pid of a child process that has exited (no process has it now). */
async function deadPid(): Promise<number> {
  const child = spawn("true", [], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

describe("leases of dead processes of this host", () => {
  it("a holder of this host whose pid is gone, or is ours from a previous run, is dead; a live pid or another host is not", async () => {
    const live = await liveChild();
    try {
      const dead = await deadPid();
      expect(holderIsDeadHere(`${hostTag()}:${dead}:0badf00d`)).toBe(true);
      expect(holderIsDeadHere(`${hostTag()}:${process.pid}:0badf00d`)).toBe(true); // same pid, not made here: a restart
      expect(holderIsDeadHere(newHolderId())).toBe(false); // this process
      expect(holderIsDeadHere(`${hostTag()}:${live.pid}:0badf00d`)).toBe(false);
      expect(holderIsDeadHere(`another-host-abc123:${dead}:0badf00d`)).toBe(false);
      expect(holderIsDeadHere("A")).toBe(false);
    } finally {
      await live.stop();
    }
  });

  it("frees the leases of a dead process of this host at once, never those of a present or live holder", async () => {
    const fresh = await leaseDb();
    const live = await liveChild();
    const deadButPresent = `${hostTag()}:${await deadPid()}:0000000a`;
    const presence = new pg.Client({
      connectionString: fresh.url,
      application_name: presenceName(deadButPresent),
    });
    try {
      await presence.connect();
      const [crashed, restarted, alive, present, elsewhere, mine] = await fresh.addChannels(6);
      const holders = {
        crashed: `${hostTag()}:${await deadPid()}:0000000b`,
        restarted: `${hostTag()}:${process.pid}:0000000c`,
        alive: `${hostTag()}:${live.pid}:0000000d`,
        elsewhere: `another-host-abc123:${await deadPid()}:0000000e`,
        mine: newHolderId(),
      };
      await acquireLease(fresh.db, crashed!, holders.crashed, TTL);
      await acquireLease(fresh.db, restarted!, holders.restarted, TTL);
      await acquireLease(fresh.db, alive!, holders.alive, TTL);
      await acquireLease(fresh.db, present!, deadButPresent, TTL);
      await acquireLease(fresh.db, elsewhere!, holders.elsewhere, TTL);
      await acquireLease(fresh.db, mine!, holders.mine, TTL);

      const { reaped, absent } = await reapDeadHolders(fresh.db, holders.mine);
      expect(reaped).toEqual(
        new Map([
          [holders.crashed, 1],
          [holders.restarted, 1],
        ]),
      );
      expect([...absent.keys()].sort()).toEqual([holders.alive, holders.elsewhere].sort());
      expect(await currentLease(fresh.db, crashed!)).toBeNull();
      expect(await currentLease(fresh.db, restarted!)).toBeNull();
      expect(await acquireLease(fresh.db, crashed!, holders.mine, TTL)).toBe(true);
      expect((await currentLease(fresh.db, alive!))?.holder).toBe(holders.alive);
      expect((await currentLease(fresh.db, present!))?.holder).toBe(deadButPresent);
      expect((await currentLease(fresh.db, elsewhere!))?.holder).toBe(holders.elsewhere);
      expect((await currentLease(fresh.db, mine!))?.holder).toBe(holders.mine);
    } finally {
      await presence.end().catch(() => {});
      await live.stop();
      await fresh.drop();
    }
  });
});
