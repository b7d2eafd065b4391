/**
 * Named prepared statements for the hot statements of taking an order (README › Orders:
 * PostgreSQL spent about as long planning the order API's statements as running them).
 *
 * A statement run by {@link executeNamed} is parsed and planned once per pooled connection
 * and then only bound and executed: node-postgres skips the Parse message for a name it has
 * prepared on that connection (its `name` query option), and PostgreSQL, after five custom
 * plans, keeps a generic plan when it is no dearer (PostgreSQL docs, PREPARE, "Notes").
 * The name carries a hash of the statement's text, so statements whose text varies (the
 * columns an insert sets) each get their own name, never a clash.
 *
 * A named statement must list the columns it returns, never `*`: a column that another
 * process's migration adds would change its result, which PostgreSQL refuses for a prepared
 * statement ("cached plan must not change result type") until the connection closes
 * (test/db-named-statements.test.ts).
 *
 * Not for a server behind a connection pooler in transaction mode older than PgBouncer 1.21
 * (it cannot keep a connection's prepared statements); Kabar's embedded PostgreSQL and a
 * direct DATABASE_URL are fine.
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "./client.js";

/** The parts of drizzle's database handle (node-postgres, 0.45) this file uses; not in its public types. */
interface DrizzleInternals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      isResponseInArrayMode: boolean,
    ): { execute(): Promise<{ rows: unknown[] }> };
  };
}

/** Statement names by text (at most {@link MAX_NAMES}: a process uses a few dozen). */
const names = new Map<string, string>();
const MAX_NAMES = 1_000;

/** `prefix` and a hash of `text`: one name per distinct statement. */
function statementName(prefix: string, text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `${prefix}_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `query` like `db.execute(query)` (same rows, same driver values: timestamps as
 * drizzle reads them), as a named prepared statement `prefix_<hash of its text>` on the
 * connection it runs on (`db`'s pool, or the transaction's connection for `tx`).
 * @throws whatever the statement throws, as `db.execute` does
 */
export function executeNamed<T>(db: Db | Tx, prefix: string, query: SQL): Promise<{ rows: T[] }> {
  const { dialect, session } = db as unknown as DrizzleInternals;
  const built = dialect.sqlToQuery(query);
  const prepared = session.prepareQuery(built, undefined, statementName(prefix, built.sql), false);
  return prepared.execute() as Promise<{ rows: T[] }>;
}
