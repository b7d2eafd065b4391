import { fileURLToPath } from "node:url";
import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import * as schema from "./schema/index.js";
import { guardPool } from "./availability.js";

/** The drizzle database with Kabar's schema. */
export type Db = NodePgDatabase<typeof schema>;

/** A transaction handle, usable wherever a Db is. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Folder of the committed SQL migrations (and drizzle's meta/_journal.json). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Opens a pool on `url` (PostgreSQL ≥ 15). `max` is the pool size (connections).
 * A connection the server drops (restart, failover, `pg_terminate_backend`) never ends the
 * process: it is told to `onConnectionError`, the statement running on it fails, and the
 * pool opens a new connection on next use (./availability.ts).
 */
export function openDatabase(url: string, max = 20, onConnectionError?: (err: Error) => void): Database {
  const pool = guardPool(
    new pg.Pool({ connectionString: url, max, application_name: "kabar" }),
    onConnectionError,
  );
  const db = drizzle(pool, { schema });
  db.transaction = poolTransaction(pool);
  return { db, pool, close: () => pool.end() };
}

/**
 * `db.transaction` for a pool that always gives its connection back. drizzle-orm's own
 * (node-postgres session, 0.45) sends BEGIN before its try/finally: a BEGIN that fails (the
 * connection was terminated, the database restarted) never releases the connection, so the
 * pool loses a slot and `pool.end()` waits for it forever (a stop that hung in
 * test/db-outage.test.ts). Here the transaction runs on a connection this function checks
 * out and always releases; drizzle's transaction on a single client (BEGIN, COMMIT, ROLLBACK,
 * savepoints for nested ones) is unchanged.
 */
function poolTransaction(pool: pg.Pool): Db["transaction"] {
  // One drizzle handle per pooled connection, made on its first transaction: building one
  // reads the whole schema's relations, which cost more than a short transaction's statements.
  const handles = new WeakMap<pg.PoolClient, NodePgDatabase<typeof schema>>();
  return async (fn, config) => {
    const client = await pool.connect();
    try {
      let handle = handles.get(client);
      if (!handle) {
        handle = drizzle(client, { schema });
        handles.set(client, handle);
      }
      return await handle.transaction(fn, config);
    } finally {
      // A connection that broke is not queryable any more: pg-pool closes it instead of reusing it.
      client.release();
    }
  };
}

/**
 * Applies the committed SQL migrations. Idempotent; an advisory lock held on one
 * connection makes two processes starting together migrate one after the other.
 */
export async function runMigrations(database: Database): Promise<void> {
  const lockClient = await database.pool.connect();
  try {
    await lockClient.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lockClient.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    lockClient.release();
  }
}

const MIGRATION_LOCK = 0x6b61626172; // "kabar"

export { schema };
