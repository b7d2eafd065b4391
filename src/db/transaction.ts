import type pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import type { Db, Tx } from "./client.js";
import * as schema from "./schema/index.js";

/** Runs raw SQL on the transaction's connection (the shape pg-boss's `db` option takes). */
export interface SqlExecutor {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `fn` in one transaction on one pooled connection, giving it a drizzle handle and a
 * raw executor on the same connection, so domain rows and pg-boss jobs commit together
 * ("nothing is ever in the DB but not in the queue", DESIGN.md §1).
 * Rolls back and rethrows when `fn` throws.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (tx: Db, raw: SqlExecutor) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const tx = drizzle(client, { schema }) as unknown as Db;
    const result = await fn(tx, { executeSql: (text, values) => client.query(text, values as unknown[]) });
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The raw executor of a drizzle transaction (`db.transaction`'s handle): statements run on
 * the transaction's own connection, so a pg-boss job sent with it (`enqueue(..., { tx })`)
 * commits or rolls back with the transaction's rows. Reads the node-postgres client of
 * drizzle's session (drizzle-orm 0.45 `NodePgSession.client`, not in its public types).
 * @throws Error when `tx` is not a node-postgres transaction (no client on its session)
 */
export function rawExecutor(tx: Tx): SqlExecutor {
  const client = (tx as unknown as { session?: { client?: pg.PoolClient } }).session?.client;
  if (!client || typeof client.query !== "function") throw new Error("not a node-postgres transaction");
  return { executeSql: (text, values) => client.query(text, values as unknown[]) };
}
