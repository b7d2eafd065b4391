/**
 * Telling "the database is away" from every other error, and keeping a dropped connection
 * from ending the process.
 *
 * node-postgres emits 'error' on a client whose connection drops (server restart,
 * `pg_terminate_backend`, network cut), also while the client is checked out of its pool.
 * An 'error' event without a listener ends a Node process, so every pool Kabar opens is
 * guarded with `guardPool`: each of its connections gets a listener for its whole life; the
 * statement that was running fails with the error, and pg-pool drops the broken connection
 * when it is released (it checks the client's `_queryable`) and opens a new one on next use.
 */
import type pg from "pg";

/**
 * SQLSTATE codes (PostgreSQL manual, appendix A) meaning the server is going away, not
 * accepting connections, or the connection broke: class 08 (connection exception), 57P01
 * admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting
 * down), 57P05 idle_session_timeout, 53300 too_many_connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "57P05", "53300"]);

/** Node.js socket error codes of a database that cannot be reached. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** Messages node-postgres and pg-pool give errors of a broken or missing connection (they carry no code). */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /connection timeout/i,
];

/**
 * True when `err` (or an error in its `cause` chain, as drizzle wraps the driver's error in
 * "Failed query: …") says the database is unreachable, restarting or dropped the connection,
 * i.e. the same statement may well succeed once it is back. False for every other error
 * (a constraint violation, bad SQL, a bug), which retrying would not fix.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== "object") return false;
    // An outbound HTTP request (undici's "fetch failed", e.g. to the Cloud API) is not the database.
    if (e instanceof TypeError && (e as Error).message === "fetch failed") return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (code.startsWith("08") && code.length === 5) return true;
      if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    }
    const errors = (e as { errors?: unknown }).errors; // AggregateError: every address refused (::1 and 127.0.0.1)
    if (Array.isArray(errors) && errors.length > 0 && errors.every((x) => isDatabaseUnavailable(x)))
      return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  }
  return false;
}

/**
 * Guards a pool so a dropped connection never ends the process: the pool's own 'error'
 * (an idle connection dropped) and every connection's 'error' (also while checked out) go
 * to `onError` instead. Returns the pool.
 * @param onError told of each connection error (e.g. a log line); never throws
 */
export function guardPool<P extends pg.Pool>(pool: P, onError: (err: Error) => void = () => {}): P {
  pool.on("error", (err) => onError(err));
  pool.on("connect", (client) => {
    client.on("error", (err) => onError(err));
  });
  return pool;
}

/** A pool handed to a long-lived user (`releasingBrokenClients`), with a way to take its connections back. */
type ReleasingPool = pg.Pool & {
  /**
   * Takes back every connection the user still holds (closed, as broken) and every one it
   * is still waiting for, and never hands out another: a `connect()` from then on never
   * settles, so a user that reconnects by itself (the adapter's timer) stops quietly.
   */
  closeClients(): void;
};

/**
 * A pool for a user that keeps one connection checked out for a long time (a LISTEN, as
 * @socket.io/postgres-adapter does): the same pool, but each connection it hands out is
 * given back to the pool as broken (`release(err)`, so pg-pool closes it and frees its
 * slot) as soon as it fails, or ends, while checked out. Without this, a connection that
 * dropped under a long-lived user would stay counted by the pool forever.
 * `closeClients()` takes them all back when the user stops. The adapter's own `close()`
 * misses a connection it is still opening (its reconnection after a dropped one: it keeps
 * it once the LISTEN answers), and `pool.end()` would then wait for it forever.
 * Only `connect`, `query` and the pool's options are offered.
 */
export function releasingBrokenClients(pool: pg.Pool): ReleasingPool {
  let closed = false;
  const out = new Set<pg.PoolClient>();
  const never = new Promise<never>(() => {});
  const wrapper = {
    options: pool.options,
    query: pool.query.bind(pool),
    async connect(): Promise<pg.PoolClient> {
      if (closed) return never;
      const client = await pool.connect();
      if (closed) {
        client.release(true);
        return never;
      }
      let released = false;
      const release = client.release.bind(client);
      const giveBack = (err?: Error | boolean) => {
        if (released) return;
        released = true;
        out.delete(client);
        client.off("error", drop);
        client.off("end", ended);
        release(err);
      };
      const drop = (err: Error) => giveBack(err);
      const ended = () => giveBack(new Error("Connection terminated"));
      client.on("error", drop);
      client.once("end", ended);
      client.release = giveBack as pg.PoolClient["release"];
      out.add(client);
      return client;
    },
    closeClients() {
      closed = true;
      for (const client of [...out]) client.release(true);
    },
  };
  return wrapper as unknown as ReleasingPool;
}
