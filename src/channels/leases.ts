/**
 * Channel leases (DESIGN.md §1, scale-out): which Kabar process holds a channel's live
 * connection, as rows of `channel_leases` with a heartbeat. A lease is held while
 * `expires_at` is in the future; every time here is PostgreSQL's `now()`, so the clocks
 * of the processes never matter.
 *
 * Processes announce themselves without a table of their own: the channel manager's
 * LISTEN connection carries `application_name = kabar-channels:<holder>`, visible in
 * `pg_stat_activity` for as long as the process lives. `census` counts those, plus every
 * holder of an unexpired lease (a process killed with -9 still counts until its leases
 * expire), so each process can take its fair share of the channels. The leases of a
 * process of this host that died without releasing them are freed at once
 * (`reapDeadHolders`): a restarted Kabar does not wait for its predecessor's leases.
 *
 * A LeaseKeeper does its lease work on a small pool of its own (`openLeasePool`), never
 * on the shared pool: a pool busy with inbound messages must not keep a heartbeat from
 * renewing, or a busy channel would lose its lease and be dropped.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Logger } from "pino";
import { guardPool, isDatabaseUnavailable } from "../db/availability.js";
import { schema, type Db } from "../db/client.js";

/** Default lease time to live, ms: a holder that stops renewing loses its channels after this. */
export const DEFAULT_LEASE_TTL_MS = 15_000;
/** Default heartbeat, ms: how often a holder renews its leases and rebalances. */
export const DEFAULT_LEASE_HEARTBEAT_MS = 5_000;
/** `application_name` prefix of the connection by which a channel-holding process shows it is alive. */
const PRESENCE_PREFIX = "kabar-channels:";
/** `application_name` of a LeaseKeeper's own connections (deliberately not a presence name). */
const LEASE_POOL_NAME = "kabar-leases";
/**
 * Connections of a LeaseKeeper's own pool: 2, so a renew never queues behind a rebalance
 * statement (census, claim, acquire) of the same process.
 */
const LEASE_POOL_SIZE = 2;

/**
 * Opens the lease pool: `LEASE_POOL_SIZE` connections with the settings of `main` (the
 * shared pool: connection string, host, user, password, ssl, client class), named
 * `LEASE_POOL_NAME`, kept open while idle (a heartbeat never waits for a new connection)
 * but never keeping the process alive on their own. Connects lazily, on the first statement.
 * Close it with `end()`.
 */
function openLeasePool(main: pg.Pool): pg.Pool {
  const pool = new pg.Pool({
    ...main.options,
    // pg-pool keeps the password in a non-enumerable property, which a spread leaves behind.
    password: main.options.password,
    max: LEASE_POOL_SIZE,
    min: 0,
    idleTimeoutMillis: 0,
    allowExitOnIdle: true, // its idle connections never keep the process alive on their own
    application_name: LEASE_POOL_NAME,
  });
  // A connection dropped by the server (idle or checked out) never ends the process; it is
  // replaced on next use.
  return guardPool(pool);
}

/** A lease as stored: `holder` holds `channelId` until `expiresAt` (acquired at `acquiredAt`). */
interface Lease {
  channelId: string;
  holder: string;
  expiresAt: Date;
  acquiredAt: Date;
}

/** How many processes hold channels and how many channels they share, now. */
interface Census {
  /** Processes that are present (see `presenceName`) or hold an unexpired lease, counting the caller. */
  processes: number;
  /** Channels that should be live (status in the given list) or are held (unexpired lease). */
  channels: number;
}

/** Holder ids made by this process (`newHolderId`): a holder with our pid but not in here is a predecessor's. */
const holdersHere = new Set<string>();

/**
 * This machine's tag in holder ids: the hostname (at most 17 characters of it, `_` for
 * anything but letters, digits, `.` and `-`), `-`, and 6 hex of a SHA-256 of the whole
 * hostname and the kernel's boot id (/proc/sys/kernel/random/boot_id where it exists), so
 * long hostnames with a common prefix (Kubernetes pods) and machines that share a
 * hostname get different tags, while a process restarted in the same container or on
 * the same host gets its predecessor's tag.
 */
export function hostTag(): string {
  hostTagCache ??= computeHostTag();
  return hostTagCache;
}
let hostTagCache: string | undefined;
function computeHostTag(): string {
  const name = hostname();
  let boot = "";
  try {
    boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    // not Linux: the hostname alone
  }
  const hash = createHash("sha256").update(`${name}\n${boot}`).digest("hex").slice(0, 6);
  return `${name.replace(/[^\w.-]/g, "_").slice(0, 17) || "host"}-${hash}`;
}

/**
 * A new, unique holder id for this process: `<hostTag() (≤ 24 chars)>:<pid>:<8 hex>`, at
 * most 48 characters so that `presenceName` fits PostgreSQL's 63-byte `application_name`.
 */
export function newHolderId(): string {
  const id = `${hostTag()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  holdersHere.add(id);
  return id;
}

/**
 * True when `holder` (a `newHolderId` id) was a process of this host that is gone: its
 * host tag is ours and either its pid is ours but the id was not made by this process (a
 * restart that got the same pid, e.g. pid 1 in a container), or no process has that pid
 * (`kill(pid, 0)` answers ESRCH). False for another host, a live pid (it may be reused by
 * an unrelated process: then the lease simply runs out) and ids of any other shape.
 */
export function holderIsDeadHere(holder: string): boolean {
  const m = /^(.+):(\d+):[0-9a-f]+$/.exec(holder);
  if (!m || m[1] !== hostTag()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return !holdersHere.has(holder);
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** What `reapDeadHolders` found: leases freed, and holders that look gone but may live on another host. */
interface Reaped {
  /** Holders whose leases were deleted, with how many each held. */
  reaped: Map<string, number>;
  /** Holders of unexpired leases with no presence connection that this host cannot prove dead, with the epoch ms their last lease expires. */
  absent: Map<string, number>;
}

/**
 * Frees at once the leases of processes of this host that died without releasing them
 * (kill -9, a crash, a container restart), so a restarted Kabar need not wait for its
 * predecessor's leases to run out. A holder's leases are deleted only when both hold:
 * `holderIsDeadHere(holder)`, and the holder has no presence connection
 * (`presenceName`) in `pg_stat_activity`, checked in the same statement as the delete.
 * A live holder always has one of the two, so its leases are never taken. Holders of
 * another host (or a pid that is still alive) are only reported in `absent` when they
 * have no presence connection: their channels are taken when their leases expire.
 * @throws the database error
 */
export async function reapDeadHolders(db: Db, holder: string): Promise<Reaped> {
  const r = await db.execute<{ holder: string; expires_at: Date | string }>(sql`
    SELECT l.holder, max(l.expires_at) AS expires_at FROM channel_leases l
    WHERE l.expires_at > now() AND l.holder <> ${holder}
      AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = current_database() AND a.application_name = ${PRESENCE_PREFIX} || l.holder)
    GROUP BY l.holder`);
  const dead = r.rows.filter((x) => holderIsDeadHere(x.holder)).map((x) => x.holder);
  const absent = new Map(
    r.rows.filter((x) => !dead.includes(x.holder)).map((x) => [x.holder, new Date(x.expires_at).getTime()]),
  );
  const reaped = new Map<string, number>();
  if (dead.length > 0) {
    const d = await db.execute<{ holder: string; n: number }>(sql`
      WITH gone AS (
        DELETE FROM channel_leases l WHERE l.holder = ANY(${sql.param(dead)}::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = current_database() AND a.application_name = ${PRESENCE_PREFIX} || l.holder)
        RETURNING l.holder)
      SELECT holder, count(*)::int AS n FROM gone GROUP BY holder`);
    for (const x of d.rows) reaped.set(x.holder, Number(x.n));
  }
  return { reaped, absent };
}

/** The `application_name` that marks `holder`'s presence connection. */
export function presenceName(holder: string): string {
  return PRESENCE_PREFIX + holder;
}

/**
 * How many channels one process should hold: `ceil(channels / processes)`, so that the
 * shares of all processes cover every channel (`processes` below 1 counts as 1).
 */
export function fairShare(channels: number, processes: number): number {
  return Math.ceil(Math.max(0, channels) / Math.max(1, processes));
}

const ttl = (ms: number) => sql`now() + ${Math.round(ms)} * interval '1 millisecond'`;

/**
 * Takes or renews the lease of one channel for `holder` for `ttlMs`, in one atomic
 * statement: it succeeds when nobody holds the channel, the lease expired, or `holder`
 * already holds it (then `acquiredAt` stays).
 * @returns true when `holder` now holds the channel
 * @throws the database error (e.g. a foreign-key violation for a deleted channel)
 */
export async function acquireLease(
  db: Db,
  channelId: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const r = await db.execute(sql`
    INSERT INTO channel_leases (channel_id, holder, expires_at, acquired_at)
    VALUES (${channelId}, ${holder}, ${ttl(ttlMs)}, now())
    ON CONFLICT (channel_id) DO UPDATE SET
      holder = EXCLUDED.holder,
      expires_at = EXCLUDED.expires_at,
      acquired_at = CASE WHEN channel_leases.holder = EXCLUDED.holder THEN channel_leases.acquired_at ELSE EXCLUDED.acquired_at END
    WHERE channel_leases.expires_at < now() OR channel_leases.holder = EXCLUDED.holder
    RETURNING channel_id`);
  return r.rows.length === 1;
}

/**
 * The heartbeat: extends to now + `ttlMs` every lease of `channelIds` that `holder` still
 * holds, in one statement.
 * @returns the ids renewed; an id missing from it was lost (taken by another holder or deleted)
 */
export async function renewLeases(
  db: Db,
  holder: string,
  channelIds: readonly string[],
  ttlMs: number,
): Promise<Set<string>> {
  if (channelIds.length === 0) return new Set();
  const r = await db.execute<{ channel_id: string }>(sql`
    UPDATE channel_leases SET expires_at = ${ttl(ttlMs)}
    WHERE holder = ${holder} AND channel_id = ANY(${sql.param([...channelIds])}::uuid[])
    RETURNING channel_id`);
  return new Set(r.rows.map((x) => x.channel_id));
}

/**
 * Gives up `holder`'s leases: those of `channelIds`, or all of them when omitted, so
 * another process can take the channels at once.
 * @returns how many leases were released
 */
export async function releaseLeases(db: Db, holder: string, channelIds?: readonly string[]): Promise<number> {
  const only = channelIds ? sql` AND channel_id = ANY(${sql.param([...channelIds])}::uuid[])` : sql``;
  const r = await db.execute(sql`DELETE FROM channel_leases WHERE holder = ${holder}${only}`);
  return r.rowCount ?? 0;
}

/** The unexpired lease of a channel, or null when no process holds it. */
export async function currentLease(db: Db, channelId: string): Promise<Lease | null> {
  const r = await db.execute<{
    channel_id: string;
    holder: string;
    expires_at: Date | string;
    acquired_at: Date | string;
  }>(sql`
    SELECT channel_id, holder, expires_at, acquired_at FROM channel_leases
    WHERE channel_id = ${channelId} AND expires_at > now()`);
  const row = r.rows[0];
  return row
    ? {
        channelId: row.channel_id,
        holder: row.holder,
        expiresAt: new Date(row.expires_at),
        acquiredAt: new Date(row.acquired_at),
      }
    : null;
}

/**
 * Counts the processes sharing the channels (present ones, holders of unexpired leases,
 * and `holder` itself) and the channels to share: those whose status is one of
 * `liveStatuses`, plus any other channel held right now.
 */
export async function census(db: Db, holder: string, liveStatuses: readonly string[]): Promise<Census> {
  const r = await db.execute<{ processes: number; channels: number }>(sql`
    SELECT
      (SELECT count(*) FROM (
         SELECT substr(application_name, ${PRESENCE_PREFIX.length + 1}) FROM pg_stat_activity
           WHERE datname = current_database() AND left(application_name, ${PRESENCE_PREFIX.length}) = ${PRESENCE_PREFIX}
         UNION SELECT holder FROM channel_leases WHERE expires_at > now()
         UNION SELECT ${holder}) p)::int AS processes,
      (SELECT count(*) FROM channels c
         WHERE c.status = ANY(${sql.param([...liveStatuses])}::text[])
            OR EXISTS (SELECT 1 FROM channel_leases l WHERE l.channel_id = c.id AND l.expires_at > now()))::int AS channels`);
  const row = r.rows[0]!;
  return { processes: Number(row.processes), channels: Number(row.channels) };
}

/**
 * Channels `holder` may take now: status in `liveStatuses`, kind in `kinds`, and not held
 * by another process (no lease, an expired one, or `holder`'s own). Oldest channel first.
 */
export async function claimableChannels(
  db: Db,
  holder: string,
  liveStatuses: readonly string[],
  kinds: readonly string[],
): Promise<string[]> {
  if (kinds.length === 0) return [];
  const r = await db.execute<{ id: string }>(sql`
    SELECT c.id FROM channels c LEFT JOIN channel_leases l ON l.channel_id = c.id
    WHERE c.status = ANY(${sql.param([...liveStatuses])}::text[]) AND c.kind = ANY(${sql.param([...kinds])}::text[])
      AND (l.channel_id IS NULL OR l.expires_at < now() OR l.holder = ${holder})
    ORDER BY c.created_at, c.id`);
  return r.rows.map((x) => x.id);
}

/** What a LeaseKeeper needs from the channel manager whose leases it keeps. */
interface LeaseHost {
  /** The channels this process holds live now, by id: status and when it took them (epoch ms). */
  held(): ReadonlyMap<string, { status: string; heldSince: number }>;
  /** True while a channel is being taken here (lease, then connection). */
  isTaking(channelId: string): boolean;
  /** Takes a channel: its lease through `LeaseKeeper.acquire`, then its connection. */
  take(channelId: string): Promise<unknown>;
  /** Stops a channel here at once (lease lost, or handed over); resolves once it is stopped. Never rejects. */
  letGo(channelId: string, reason: string): Promise<void>;
}

/** How to build a LeaseKeeper; times in ms. */
interface LeaseKeeperOptions {
  /**
   * The process's shared pool. The keeper never uses its connections: it opens its own
   * pool with the same settings (`openLeasePool`), so a busy shared pool cannot stop a renew.
   */
  pool: pg.Pool;
  log: Logger;
  host: LeaseHost;
  holder: string;
  /** Lease time to live; at least 3 × `heartbeatMs`. */
  ttlMs: number;
  /** How often leases are renewed and channels rebalanced. */
  heartbeatMs: number;
  /** Channel statuses that should be live (taken by some process). */
  liveStatuses: readonly string[];
  /** Channel kinds this process can connect. */
  kinds: readonly string[];
  /** Statuses of channels never handed over for the fair share (a person may be scanning a QR). */
  neverShed: readonly string[];
  /** Runs first on every heartbeat (e.g. reopening a dropped connection). */
  onHeartbeat?(): void;
}

/**
 * Keeps one process's channel leases: on every heartbeat it stops the channels whose
 * lease was not confirmed within `ttl - heartbeat` (a renew that hangs), renews the rest
 * in one statement (a failed renew stops them all, a lease another holder took stops
 * that channel), and rebalances: takes channels that should be live and nobody holds,
 * up to `fairShare`, or hands over those above it (non-live ones first, then the most
 * recently taken; never one in `neverShed`).
 *
 * Every lease statement runs on the keeper's own pool (see `openLeasePool`), opened with
 * the keeper and ended by `close()`; a renew that fails there still stops the channels.
 */
export class LeaseKeeper {
  /** The keeper's own pool, and the drizzle database on it. */
  private readonly pool: pg.Pool;
  private readonly db: Db;
  /** Epoch ms (local) at which the acquire or renew that last confirmed each lease started. */
  private readonly confirmed = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  private balancing: Promise<void> | null = null;
  private stopped = false;
  /** Holders already reported by `reap` as absent, so each is logged once. */
  private readonly reportedAbsent = new Set<string>();

  /** @throws RangeError when the TTL is shorter than 3 heartbeats */
  constructor(private readonly o: LeaseKeeperOptions) {
    if (!(o.heartbeatMs > 0 && o.ttlMs >= 3 * o.heartbeatMs)) {
      throw new RangeError(`lease TTL (${o.ttlMs} ms) must be at least 3 heartbeats (${o.heartbeatMs} ms)`);
    }
    this.pool = openLeasePool(o.pool);
    this.db = drizzle(this.pool, { schema });
  }

  /** Takes this process's share of the channels, then starts the heartbeat. @throws the database error */
  async start(): Promise<void> {
    this.balancing = this.balance().finally(() => {
      this.balancing = null;
    });
    await this.balancing;
    this.timer = setInterval(() => this.heartbeat(), this.o.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat and waits for a renew or rebalance under way; takes nothing more. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.all([this.balancing, this.renewing].map((p) => p?.catch(() => {})));
  }

  /**
   * Stops (as `stop`), releases every lease of this process and closes the keeper's own
   * pool; the keeper is unusable afterwards. Never rejects.
   */
  async close(): Promise<void> {
    await this.stop();
    await this.release();
    await this.pool
      .end()
      .catch((err: unknown) => this.o.log.warn({ err }, "closing the channel lease connection failed"));
  }

  /** Acquires (or renews) one channel's lease for this process. @returns true when held */
  async acquire(channelId: string): Promise<boolean> {
    const startedAt = Date.now();
    if (!(await acquireLease(this.db, channelId, this.o.holder, this.o.ttlMs))) return false;
    this.confirmed.set(channelId, startedAt);
    return true;
  }

  /** Releases this process's leases of `channelIds`, or all of them. Never rejects. */
  async release(channelIds?: readonly string[]): Promise<void> {
    for (const id of channelIds ?? [...this.confirmed.keys()]) this.confirmed.delete(id);
    await releaseLeases(this.db, this.o.holder, channelIds).catch((err) =>
      this.o.log.warn({ err }, "releasing channel leases failed"),
    );
  }

  private heartbeat(): void {
    if (this.stopped) return;
    this.o.onHeartbeat?.();
    const deadline = Date.now() - (this.o.ttlMs - this.o.heartbeatMs);
    for (const id of this.o.host.held().keys())
      if ((this.confirmed.get(id) ?? 0) < deadline) this.lose(id, "lease_unconfirmed");
    this.renewing ??= this.renew().finally(() => (this.renewing = null));
    this.balancing ??= this.balance()
      .catch((err) => this.o.log.error({ err }, "rebalancing channels failed"))
      .finally(() => (this.balancing = null));
  }

  private lose(channelId: string, reason: string): void {
    this.confirmed.delete(channelId);
    this.o.log.warn({ channelId, reason }, "channel lease lost: stopping its connection and dispatcher");
    void this.o.host.letGo(channelId, reason);
  }

  private async renew(): Promise<void> {
    const ids = [...this.o.host.held().keys()];
    if (ids.length === 0) return;
    const startedAt = Date.now();
    let renewed: Set<string>;
    try {
      renewed = await renewLeases(this.db, this.o.holder, ids, this.o.ttlMs);
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        // A database restart or a dropped connection: the leases stay valid until they
        // expire, and the deadline check in heartbeat() lets go of any channel whose lease
        // could not be confirmed in time. A short outage costs no channel.
        this.o.log.warn(
          { err },
          "renewing channel leases failed: the database is unavailable; retrying on the next heartbeat",
        );
        return;
      }
      this.o.log.error({ err }, "renewing channel leases failed: stopping those channels");
      for (const id of ids) if (this.o.host.held().has(id)) this.lose(id, "lease_renew_failed");
      return;
    }
    for (const id of ids) {
      if (!this.o.host.held().has(id)) continue;
      if (renewed.has(id)) this.confirmed.set(id, Math.max(this.confirmed.get(id) ?? 0, startedAt));
      else this.lose(id, "lease_lost");
    }
  }

  /**
   * Frees the leases of dead processes of this host (`reapDeadHolders`), and says once per
   * holder when channels wait for the lease of a process that looks gone but may live on
   * another host (warn log with the time its lease runs out).
   */
  private async reap(): Promise<void> {
    const { reaped, absent } = await reapDeadHolders(this.db, this.o.holder);
    for (const [holder, leases] of reaped) {
      this.o.log.warn(
        { holder, leases },
        "took over the channel leases of a Kabar process of this host that is gone (kill -9, crash or restart)",
      );
    }
    for (const [holder, expiresAt] of absent) {
      if (this.reportedAbsent.has(holder)) continue;
      this.reportedAbsent.add(holder);
      this.o.log.warn(
        {
          holder,
          leaseExpiresAt: new Date(expiresAt).toISOString(),
          waitMs: Math.max(0, expiresAt - Date.now()),
        },
        "channels held by a Kabar process that no longer answers (another host, or its pid is still in use): taking them over when its lease runs out",
      );
    }
    for (const holder of this.reportedAbsent) if (!absent.has(holder)) this.reportedAbsent.delete(holder);
  }

  private async balance(): Promise<void> {
    const { db } = this;
    const { holder, host, liveStatuses } = this.o;
    await this.reap().catch((err) => this.o.log.warn({ err }, "looking for leases of dead processes failed"));
    const { processes, channels: total } = await census(db, holder, liveStatuses);
    const share = fairShare(total, processes);
    const held = host.held();
    if (held.size > share) return this.shed(held.size - share);
    if (held.size === share) return;
    for (const id of await claimableChannels(db, holder, liveStatuses, this.o.kinds)) {
      if (this.stopped || host.held().size >= share) return;
      if (host.held().has(id) || host.isTaking(id)) continue;
      await host.take(id).catch((err) => this.o.log.error({ err, channelId: id }, "taking a channel failed"));
    }
  }

  private async shed(n: number): Promise<void> {
    const rank = (status: string) => (this.o.liveStatuses.includes(status) ? 1 : 0);
    const victims = [...this.o.host.held()]
      .filter(([, c]) => !this.o.neverShed.includes(c.status))
      .sort(([, a], [, b]) => rank(a.status) - rank(b.status) || b.heldSince - a.heldSince)
      .slice(0, n);
    for (const [id] of victims) {
      this.o.log.info({ channelId: id }, "handing a channel over to another process (fair share)");
      await this.o.host.letGo(id, "fair_share");
      await this.release([id]);
    }
  }
}
