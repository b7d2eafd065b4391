import PgBoss from "pg-boss";
import pino, { type Logger } from "pino";
import { loadConfig, type Config } from "../config.js";
import { runMigrations } from "../db/client.js";
import { Bus } from "../lib/bus.js";
import type { Actor } from "../lib/actor.js";
import { SandboxNetwork } from "../channels/sandbox/network.js";
import { PgSandboxStore } from "../modules/sandbox/index.js";
import { createEnqueue } from "../jobs/enqueue.js";
import { createIntakeService } from "../modules/inbox/index.js";
import { webhookEventHook } from "../modules/outgoing-webhooks/index.js";
import { reactionEventHook } from "../modules/reactions/index.js";
import { combineEventHooks } from "../db/event-hooks.js";
import { createServices, type Services } from "../services.js";
import { openCliDatabase, type CliDatabase } from "./database.js";
import { CliError } from "./errors.js";
import { note } from "./output.js";
import { actorOfOutlet } from "./outlet.js";
import { resolveTenant, type CliTenant } from "./tenant.js";

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  tenant?: string;
  /** `--outlet <name or id>` (commands on contacts, campaigns, imports, numbers): act limited to it. */
  outlet?: string;
}

/** What a command needs opened besides the database and the services. */
export interface Needs {
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** A started pg-boss (scheduling); otherwise the services get an idle, unstarted one. */
  boss?: boolean;
}

/** Everything a command works with. */
export interface CliContext {
  config: Config;
  log: Logger;
  db: CliDatabase;
  services: Services;
  tenant: CliTenant;
  /** The tenant owner: the CLI acts as the shop's owner (limited to one outlet with `--outlet`). */
  actor: Actor;
  /** Started only when the command asked for it. */
  boss: PgBoss | null;
}

/** Pino at `warn` on stderr, so a command's output on stdout stays clean. */
export function cliLogger(): Logger {
  return pino({ level: "warn" }, pino.destination({ dest: 2, sync: true }));
}

/**
 * A pg-boss for the CLI: no supervision (maintenance), no cron, no schema install; it
 * only checks the schema the server created and sends jobs.
 * @throws CliError when the pg-boss schema is missing or outdated (Kabar never started)
 */
async function startCliBoss(url: string, log: Logger): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 2,
    application_name: "kabar-cli",
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on("error", (err) => log.error({ err }, "pg-boss error"));
  try {
    await boss.start();
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new CliError(
      `the job queue is not ready (${(err as Error).message}): start Kabar once (\`npm start\`)`,
    );
  }
  return boss;
}

/** Builds the domain services for a process without live channels (manager: null). */
function cliServices(config: Config, db: CliDatabase, boss: PgBoss, log: Logger): Services {
  const { db: drizzleDb, pool } = db.database;
  const bus = new Bus();
  const sandboxStore = new PgSandboxStore(drizzleDb);
  const sandbox = new SandboxNetwork({
    seed: config.KABAR_SANDBOX_SEED,
    timeScale: config.KABAR_SANDBOX_TIME_SCALE,
    newChatCap: config.KABAR_SANDBOX_NEW_CHAT_CAP,
    strangersReply: config.KABAR_SANDBOX_STRANGERS_REPLY,
    store: sandboxStore,
    onError: (err) => log.error({ err }, "sandbox network error"),
  });
  // A message received here queues its reactions like the server's intake (a server's worker runs them).
  const enqueue = createEnqueue(boss);
  const inbox = createIntakeService(
    drizzleDb,
    bus,
    combineEventHooks(webhookEventHook(enqueue), reactionEventHook(enqueue)),
  );
  return createServices({
    db: drizzleDb,
    pool,
    bus,
    boss,
    sandbox,
    sandboxStore,
    manager: null,
    inbox,
    secretKey: null,
    sessionTtlHours: config.KABAR_SESSION_TTL_HOURS,
    billing: { mode: config.KABAR_MODE, graceDays: config.KABAR_GRACE_DAYS },
  });
}

/**
 * Opens what a command needs (config, database, migrations, optionally pg-boss, the
 * services and the shop's owner as actor), runs `fn`, and closes everything again —
 * including an embedded PostgreSQL this process had to start.
 * @throws ConfigError (exit 78), CliError, or whatever `fn` throws
 */
export async function withContext<T>(
  globals: GlobalOptions,
  needs: Needs,
  fn: (ctx: CliContext) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const log = cliLogger();
  const db = await openCliDatabase(config, log);
  if (db.startedHere) note("Kabar is not running: started its embedded PostgreSQL for this command only.");
  let boss: PgBoss | null = null;
  try {
    if (needs.migrate ?? true) await runMigrations(db.database);
    boss = needs.boss ? await startCliBoss(db.url, log) : null;
    const services = cliServices(config, db, boss ?? new PgBoss({ connectionString: db.url }), log);
    const tenant = await resolveTenant(db.database.db, globals.tenant);
    // Which shop and which database, every time: with two Kabar folders on one machine the
    // operator sees at once whose data a command touches.
    note(`shop "${tenant.name}", database ${db.label}`);
    const actor = globals.outlet ? await actorOfOutlet(services, tenant.actor, globals.outlet) : tenant.actor;
    return await fn({ config, log, db, services, tenant, actor, boss });
  } finally {
    await boss?.stop({ graceful: false, timeout: 1000 }).catch(() => {});
    await db.close();
  }
}
