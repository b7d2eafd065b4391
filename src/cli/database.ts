import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { embeddedUrl, startEmbeddedPostgres } from "../db/embedded.js";
import { effectiveDatabaseDir } from "../db/pg-home.js";
import { CliError } from "./errors.js";
import { note } from "./output.js";

/** The database a CLI command works on, and who started it. */
export interface CliDatabase {
  url: string;
  /** Which database this is, for the operator: "embedded, /srv/kabar/data/pg (port 54329)" or "db.host:5432/kabar". */
  label: string;
  /** True when this CLI process started the embedded PostgreSQL (no Kabar was running). */
  startedHere: boolean;
  database: Database;
  /** Closes the pool, and stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/** What a connection attempt found. */
type Probe = { ok: true } | { ok: false; refused: boolean; error: Error };

/** Tries one connection (3 s timeout); `refused` when nothing listens on the port. */
async function probe(url: string): Promise<Probe> {
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

/** The data directory the server at `url` serves (`SHOW data_directory`), or null when it will not say. */
async function servedDataDir(url: string): Promise<string | null> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 3000,
    application_name: "kabar-cli",
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>("SHOW data_directory");
    return rows[0] ? realpathOrSelf(rows[0].data_directory) : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** `path` with its links resolved, or as given when it does not exist (yet). */
function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
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
interface OpenOptions {
  /** Create the embedded data directory when it does not exist yet (default true). */
  init?: boolean;
  /** Pool size (default 4: the CLI runs one thing at a time). */
  max?: number;
}

/**
 * Opens the database for a command: DATABASE_URL when set; else this folder's embedded
 * PostgreSQL (KABAR_DATA_DIR/pg). When it runs (its postmaster.pid names a live process),
 * the CLI connects to the port that file names. When it does not, the CLI never uses
 * whatever answers on KABAR_PG_PORT (with two Kabar folders on one machine that is the
 * other shop's database): it refuses, saying so; and only when nothing answers there does
 * it start this folder's embedded PostgreSQL for the command's duration. A server that is
 * running but not answering is never stopped: that is an error to report.
 * @returns null when `init` is false and the embedded database was never created
 * @throws CliError when the database cannot be reached, or the port belongs to another server
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
    const where = new URL(url);
    return {
      url,
      label: config.DATABASE_URL
        ? `${where.hostname}:${where.port || 5432}${where.pathname}`
        : `embedded, ${effectiveDatabaseDir(resolve(config.KABAR_DATA_DIR, "pg"))} (port ${where.port})`,
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
  // As root in a private folder the data directory lives elsewhere (src/db/pg-home.ts).
  const dataDir = effectiveDatabaseDir(resolve(config.KABAR_DATA_DIR, "pg"));
  const port = config.KABAR_PG_PORT;
  const running = livePostmaster(dataDir);
  if (running) {
    const url = embeddedUrl(running.port);
    const p = await probe(url);
    if (!p.ok) {
      throw new CliError(
        `this Kabar's PostgreSQL (pid ${running.pid}, ${dataDir}) is running but does not answer on port ${running.port}: ` +
          "wait until it has started, or stop it",
      );
    }
    if (running.port !== port) {
      note(
        `KABAR_PG_PORT is ${port}, but this Kabar's PostgreSQL listens on ${running.port}: using ${running.port}`,
      );
    }
    return wrap(url);
  }
  const other = await probe(embeddedUrl(port));
  // This folder's server, seen through the port although its postmaster.pid could not be
  // read (another user's data directory): the server says which data directory it serves.
  if (other.ok && (await servedDataDir(embeddedUrl(port))) === realpathOrSelf(dataDir)) {
    return wrap(embeddedUrl(port));
  }
  if (other.ok || !other.refused) {
    throw new CliError(
      `127.0.0.1:${port} answers, but it is not this Kabar's database (${dataDir} is not running): ` +
        "it may be another Kabar on this machine. Start this Kabar (npm start) in this folder, or give it " +
        "its own KABAR_PG_PORT in this folder's .env",
    );
  }
  if (opts.init === false && !existsSync(join(dataDir, "PG_VERSION"))) return null;
  const pgServer = await startEmbeddedPostgres(dataDir, port, log);
  return wrap(pgServer.url, pgServer.stop);
}
