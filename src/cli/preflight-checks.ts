import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type pg from "pg";
import type { Config } from "../config.js";
import { MIGRATIONS_FOLDER, type Db } from "../db/client.js";
import { JOBS } from "../jobs.js";
import { loadSecretKey } from "../lib/secret.js";
import { createChannelService } from "../modules/channels/index.js";
import { bossQueues, bossSchemaVersion, expectedBossSchemaVersion } from "./pgboss.js";
import type { CliTenant } from "./tenant.js";

/** The outcome of one check: ✔ ok, ! worth knowing, ✖ must be fixed. */
export interface Check {
  level: "ok" | "warn" | "fail";
  text: string;
}

const ok = (text: string): Check => ({ level: "ok", text });
const warn = (text: string): Check => ({ level: "warn", text });
const fail = (text: string): Check => ({ level: "fail", text });

/** The lowest PostgreSQL Kabar supports (DESIGN.md §1). */
const MIN_SERVER_VERSION = 150000;

/** Where the data lives, for the configuration line. */
export function describeSetup(config: Config): string {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  }
  return `embedded PostgreSQL under ${resolve(config.KABAR_DATA_DIR, "pg")}, port ${config.KABAR_PG_PORT}`;
}

/**
 * The encryption key loads: KABAR_SECRET_KEY decodes to 32 bytes, or, in embedded mode,
 * the generated `<data>/secret.key` is present and valid. Never generates it, never prints it.
 */
export function checkSecretKey(config: Config): Check {
  const embedded = !config.DATABASE_URL;
  const file = join(resolve(config.KABAR_DATA_DIR), "secret.key");
  if (!config.KABAR_SECRET_KEY && embedded && !existsSync(file)) {
    return warn(
      `secret key: ${file} does not exist yet (Kabar generates it on first start; back it up then)`,
    );
  }
  try {
    loadSecretKey({ secret: config.KABAR_SECRET_KEY, dataDir: config.KABAR_DATA_DIR, embedded });
    return ok(`secret key: valid (${config.KABAR_SECRET_KEY ? "KABAR_SECRET_KEY" : file})`);
  } catch (err) {
    return fail(`secret key: ${(err as Error).message}`);
  }
}

/** PostgreSQL answers and is version 15 or newer. */
export async function checkServerVersion(pool: pg.Pool): Promise<Check> {
  const r = await pool.query<{ num: string; text: string }>(
    `SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text`,
  );
  const num = Number(r.rows[0]?.num);
  const text = r.rows[0]?.text ?? "?";
  return num >= MIN_SERVER_VERSION
    ? ok(`database: reachable, PostgreSQL ${text}`)
    : fail(`database: PostgreSQL ${text} is too old (Kabar needs 15 or newer)`);
}

/**
 * Every migration of src/db/migrations (meta/_journal.json) is applied: its SHA-256, as
 * drizzle computes it, is in drizzle.__drizzle_migrations. Applied migrations this code
 * does not know (a newer Kabar ran here, or a file was edited) fail too.
 */
export async function checkMigrations(pool: pg.Pool): Promise<Check> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const { entries } = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string }>;
  };
  const table = await pool.query<{ ok: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS ok`,
  );
  const applied = table.rows[0]?.ok
    ? new Set(
        (await pool.query<{ hash: string }>("SELECT hash FROM drizzle.__drizzle_migrations")).rows.map(
          (r) => r.hash,
        ),
      )
    : new Set<string>();
  const pending = files
    .map((f, i) => ({ hash: f.hash, tag: entries[i]?.tag ?? `#${i}` }))
    .filter((f) => !applied.has(f.hash));
  const known = new Set(files.map((f) => f.hash));
  const unknown = [...applied].filter((h) => !known.has(h));
  if (unknown.length > 0) {
    return fail(
      `migrations: the database has ${unknown.length} migration(s) this Kabar does not know (a newer version ran on it, or a migration file was edited)`,
    );
  }
  if (pending.length > 0) {
    return fail(
      `migrations: ${pending.length} of ${files.length} not applied (${pending.map((p) => p.tag).join(", ")}); Kabar applies them when it starts (\`npm start\`)`,
    );
  }
  return ok(`migrations: all ${files.length} applied (latest ${entries.at(-1)?.tag ?? "–"})`);
}

/** pg-boss's schema exists at the version the installed pg-boss expects, with Kabar's queues. */
export async function checkBoss(pool: pg.Pool): Promise<Check> {
  const version = await bossSchemaVersion(pool);
  const expected = expectedBossSchemaVersion();
  if (version === null)
    return fail("job queue: the pg-boss schema is missing; Kabar creates it when it starts (`npm start`)");
  if (version !== expected)
    return fail(
      `job queue: pg-boss schema v${version}, but this pg-boss needs v${expected}; start Kabar once to migrate it`,
    );
  const queues = await bossQueues(pool);
  const missing = JOBS.map((j) => j.id).filter((q) => !queues.has(q));
  if (missing.length > 0)
    return warn(
      `job queue: pg-boss schema v${version}, queue(s) ${missing.join(", ")} not created yet (Kabar creates them when it starts)`,
    );
  return ok(`job queue: pg-boss schema v${version} with ${JOBS.length} queue(s)`);
}

/** A Kabar server is connected and listening for campaigns (a hint, never a failure). */
export function checkSender(listening: boolean | null): Check {
  if (listening === null)
    return warn("server: cannot tell whether Kabar is running (sessions of other database roles are hidden)");
  return listening
    ? ok("server: a Kabar process is running and sending on this database")
    : warn("server: no Kabar process is running on this database (`npm start` sends campaigns)");
}

/**
 * One line per channel of each shop (✔ connected, ! otherwise), and ! when a shop has none
 * connected. With `serverRunning` false the stored statuses are only the last known ones,
 * so none counts as connected.
 */
export async function checkChannels(
  db: Db,
  shops: CliTenant[],
  serverRunning: boolean | null,
): Promise<Check[]> {
  const service = createChannelService(db, null, null);
  const out: Check[] = [];
  if (shops.length === 0) return [warn("channels: no shop yet (Kabar creates the demo shop on first start)")];
  for (const shop of shops) {
    const channels = await service.list(shop.actor);
    const where = shops.length > 1 ? ` of ${shop.name}` : "";
    for (const ch of channels) {
      const status = `${serverRunning === false ? "last known status " : ""}${ch.status}${ch.lastError ? ` (${ch.lastError})` : ""}`;
      const text = `channel "${ch.name}"${where}: ${status} — ${ch.kind}${ch.phone ? `, ${ch.phone}` : ""}`;
      out.push(ch.status === "connected" && serverRunning !== false ? ok(text) : warn(text));
    }
    if (serverRunning !== false && !channels.some((ch) => ch.status === "connected")) {
      out.push(
        warn(
          `channels${where}: none connected, so campaigns cannot send${channels.length === 0 ? " (no WhatsApp number added yet)" : ""}`,
        ),
      );
    }
  }
  return out;
}
