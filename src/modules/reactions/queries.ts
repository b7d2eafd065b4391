/** The reactions' one statement pair: a per-contact lock across processes. */
import type pg from "pg";

/**
 * Runs `fn` holding a PostgreSQL advisory lock named after the contact (session level, on
 * a connection of its own, so `fn` may use any other connection): two processes never
 * react to one contact's messages at once. The lock goes with the connection if the
 * process dies.
 * @returns what `fn` returns; rethrows what it throws (the lock is released either way)
 */
export async function withContactLock<T>(pool: pg.Pool, contactId: string, fn: () => Promise<T>): Promise<T> {
  const key = `kabar.inbound-reaction:${contactId}`;
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
  } catch (err) {
    client.release(true);
    throw err;
  }
  let broken = false;
  try {
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => {
      broken = true;
    });
    // A connection whose unlock failed is closed, never handed back still holding the lock.
    client.release(broken);
  }
}
