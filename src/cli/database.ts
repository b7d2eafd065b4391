import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { embeddedUrl, startEmbeddedPostgres } from "../db/embedded.js";
import { CliError } from "./errors.js";
import { note } from "./output.js";

/** The database a CLI command works on, and who started it. */
export interface CliDatabase {
  url: string;
  /** True when this CLI process started the embedded PostgreSQL (no Kabar was running). */
  startedHere: boolean;
  database: Database;
  /** Closes the pool, and stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/** What a connection attempt found. */
type Probe = { ok: true } | { ok: false; refused: boolean; error: Error };

/** Tries one connection (3 s timeout); `refused` when nothing listens on the port. */
export async function probe(url: string): Promise<Probe> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 3000,
    application_name: "kabar-cli",
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (err) {
    return {
      ok: false,
      refused: (err as NodeJS.ErrnoException).code === "ECONNREFUSED",
      error: err as Error,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The live postmaster of an embedded data directory: its pid and port, or null. */
function livePostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return { pid, port };
}

/** Options of {@link openCliDatabase}. */
export interface OpenOptions {
  /** Create the embedded data directory when it does not exist yet (default true). */
  init?: boolean;
  /** Pool size (default 4: the CLI runs one thing at a time). */
  max?: number;
}

/**
 * Opens the database for a command: DATABASE_URL when set; else the embedded PostgreSQL
 * of a running Kabar on 127.0.0.1:KABAR_PG_PORT (or the port its postmaster.pid names);
 * only when nothing answers and no server runs on the data directory, starts the embedded
 * PostgreSQL itself for the command's duration. A server that is running but not answering
 * is never stopped: that is an error to report.
 * @returns null when `init` is false and the embedded database was never created
 * @throws CliError when the database cannot be reached
 */
export function openCliDatabase(
  config: Config,
  log: Logger,
  opts?: OpenOptions & { init?: true },
): Promise<CliDatabase>;
export function openCliDatabase(config: Config, log: Logger, opts: OpenOptions): Promise<CliDatabase | null>;
export async function openCliDatabase(
  config: Config,
  log: Logger,
  opts: OpenOptions = {},
): Promise<CliDatabase | null> {
  const max = opts.max ?? 4;
  const wrap = (url: string, stop: (() => Promise<void>) | null = null): CliDatabase => {
    const database = openDatabase(url, max);
    return {
      url,
      startedHere: stop !== null,
      database,
      close: async () => {
        await database.close();
        await stop?.();
      },
    };
  };
  if (config.DATABASE_URL) {
    const p = await probe(config.DATABASE_URL);
    if (!p.ok) throw new CliError(`cannot reach the database at DATABASE_URL: ${p.error.message}`);
    return wrap(config.DATABASE_URL);
  }
  const dataDir = resolve(config.KABAR_DATA_DIR, "pg");
  const port = config.KABAR_PG_PORT;
  const first = await probe(embeddedUrl(port));
  if (first.ok) return wrap(embeddedUrl(port));
  if (!first.refused) {
    throw new CliError(
      `something answers on 127.0.0.1:${port} but it is not Kabar's PostgreSQL (${first.error.message}); check KABAR_PG_PORT`,
    );
  }
  const running = livePostmaster(dataDir);
  if (running) {
    if (running.port !== port && (await probe(embeddedUrl(running.port))).ok) {
      note(
        `KABAR_PG_PORT is ${port}, but the running Kabar's PostgreSQL listens on ${running.port}: using ${running.port}`,
      );
      return wrap(embeddedUrl(running.port));
    }
    throw new CliError(
      `a PostgreSQL (pid ${running.pid}) is running on ${dataDir} but does not answer on port ${port}; ` +
        "set KABAR_PG_PORT to the port of the running Kabar, or stop it",
    );
  }
  if (opts.init === false && !existsSync(join(dataDir, "PG_VERSION"))) return null;
  const pgServer = await startEmbeddedPostgres(dataDir, port, log);
  return wrap(pgServer.url, pgServer.stop);
}
