/**
 * Fixtures for lease tests: a migrated test database with one tenant, channels inserted
 * straight into it (by the test data factory), in-process channel managers on fake
 * transports with short lease timings, and a reader of `channel_leases`.
 */
import pg from "pg";
import pino from "pino";
import { drizzle } from "drizzle-orm/node-postgres";
import { ChannelManager, type LeaseOptions } from "../../src/channels/manager.js";
import { openDatabase, runMigrations, schema, type Database } from "../../src/db/client.js";
import { tenants } from "../../src/db/schema/index.js";
import type { ChannelStatus } from "../../src/channels/transport.js";
import { Bus } from "../../src/lib/bus.js";
import { createIntakeService } from "../../src/modules/inbox/index.js";
import { campaignSenders } from "../../src/modules/campaigns/index.js";
import { createTestDatabase, dropTestDatabase } from "./db.js";
import { factory } from "./factory.js";
import { fakeKinds, type FakeTransport } from "./fake-transport.js";

/** Short lease timings for in-process tests: TTL 3 s, heartbeat 1 s. */
export const FAST_LEASES = { ttlMs: 3000, heartbeatMs: 1000 } as const;

/** A migrated database of its own with one tenant. */
export interface LeaseDb extends Database {
  url: string;
  tenantId: string;
  /** Inserts `n` sandbox channels with `status`; resolves with their ids, oldest first. */
  addChannels(n: number, status?: ChannelStatus): Promise<string[]>;
  /** Holder of each leased channel (expired leases included), by channel id. */
  leases(): Promise<Map<string, { holder: string; expired: boolean }>>;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** Creates and migrates a database for one test file. */
export async function leaseDb(): Promise<LeaseDb> {
  const url = await createTestDatabase();
  const database = openDatabase(url, 10);
  await runMigrations(database);
  const [t] = await database.db.insert(tenants).values({ name: "Toko Lease" }).returning({ id: tenants.id });
  const f = factory({ db: database.db, tenantId: t!.id });
  return {
    ...database,
    url,
    tenantId: t!.id,
    async addChannels(n, status = "connected") {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await f.channel({ status })).id);
      return ids;
    },
    async leases() {
      const r = await database.pool.query<{ channel_id: string; holder: string; expired: boolean }>(
        "SELECT channel_id, holder, expires_at <= now() AS expired FROM channel_leases",
      );
      return new Map(r.rows.map((x) => [x.channel_id, { holder: x.holder, expired: x.expired }]));
    },
    async drop() {
      await database.close();
      await dropTestDatabase(url);
    },
  };
}

/** An in-process channel manager on fake transports, started. */
export interface TestManager {
  manager: ChannelManager;
  /** Every transport it built, newest last. */
  created: FakeTransport[];
  /** The newest transport it built for a channel. */
  transportOf(channelId: string): FakeTransport | undefined;
  /** The manager's main pool (`ChannelManagerDeps.pool`), e.g. to exhaust it. */
  pool: pg.Pool;
  /**
   * While true, every statement of the manager fails — on its main pool and on any
   * connection opened from that pool's settings (the lease connection): a database blip.
   */
  blip: boolean;
  stop(): Promise<void>;
}

/**
 * A pg client class whose statements fail while `state.blip` is on. Passed as the pool's
 * `Client`, it is also used by every pool opened from that pool's options.
 */
function blipClient(state: { blip: boolean }): typeof pg.Client {
  return class BlipClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: forwards every overload of pg.Client#query as it is
    override query(...args: any[]): any {
      if (!state.blip) return (super.query as (...a: unknown[]) => unknown)(...args);
      const err = new Error("database unreachable (test blip)");
      const callback = args.find((a): a is (e: Error) => void => typeof a === "function");
      if (!callback) return Promise.reject(err);
      process.nextTick(callback, err);
      return undefined;
    }
  };
}

/** Starts a ChannelManager on `db` (its own pool, so it can be "cut off" by closing it). */
export async function startManager(db: LeaseDb, leases: LeaseOptions = FAST_LEASES): Promise<TestManager> {
  const state = { blip: false };
  const pool = new pg.Pool({
    connectionString: db.url,
    max: 5,
    idleTimeoutMillis: 120_000,
    application_name: "kabar",
    Client: blipClient(state),
  });
  pool.on("error", () => {});
  // Warm and kept while idle, as a running server's pool is: a statement of the manager
  // never waits for a connection to be set up (channel-pause.test.ts races a campaign
  // without recipients against the dispatcher, which would complete it meanwhile).
  const clients = await Promise.all(Array.from({ length: 4 }, () => pool.connect()));
  for (const c of clients) c.release();
  const database = { db: drizzle(pool, { schema }), pool, close: () => pool.end() };
  const bus = new Bus();
  const { kinds, created } = fakeKinds();
  const manager = new ChannelManager({
    db: database.db,
    pool: database.pool,
    bus,
    log: pino({ level: process.env.TEST_LOG ?? "silent" }),
    inbox: createIntakeService(database.db, bus),
    kinds,
    secretKey: Buffer.alloc(32),
    dataDir: "/tmp/kabar-lease-test",
    senders: campaignSenders(database.db, bus, { idleMs: 50 }),
    leases,
  });
  await manager.start();
  let stopped = false;
  return {
    manager,
    created,
    pool,
    get blip() {
      return state.blip;
    },
    set blip(on: boolean) {
      state.blip = on;
    },
    transportOf: (id) => created.filter((t) => t.channelId === id).at(-1),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await manager.stop();
      await database.close();
    },
  };
}
