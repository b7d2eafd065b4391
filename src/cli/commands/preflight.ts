import type { Command } from "commander";
import { ConfigError, loadConfig, type Config } from "../../config.js";
import { cliLogger } from "../context.js";
import { openCliDatabase, type CliDatabase } from "../database.js";
import { note, print } from "../output.js";
import {
  checkBoss,
  checkChannels,
  checkMigrations,
  checkSecretKey,
  checkSender,
  checkServerVersion,
  describeSetup,
  type Check,
} from "../preflight-checks.js";
import { guard } from "../run.js";
import { senderListening } from "../sender.js";
import { listTenants, resolveTenant } from "../tenant.js";

const MARKS = { ok: "✔", warn: "!", fail: "✖" } as const;

/** Prints checks as they come and remembers them for the verdict. */
class Report {
  readonly checks: Check[] = [];
  add(...checks: Check[]): void {
    for (const c of checks) {
      this.checks.push(c);
      const [first, ...rest] = c.text.split("\n");
      print(`${MARKS[c.level]} ${first}`, ...rest.map((l) => `    ${l}`));
    }
  }
  /** Prints the verdict; exit code 1 when any check failed. */
  verdict(): number {
    const failed = this.checks.filter((c) => c.level === "fail").length;
    const warned = this.checks.filter((c) => c.level === "warn").length;
    const notes = warned ? ` (${warned} note${warned > 1 ? "s" : ""} marked !)` : "";
    print(
      "",
      failed
        ? `Not ready: ${failed} problem${failed > 1 ? "s" : ""} to fix (marked ✖)${notes}.`
        : `Ready${notes}.`,
    );
    return failed ? 1 : 0;
  }
}

/** Checks that need the database; never migrates, never seeds. */
async function databaseChecks(report: Report, db: CliDatabase, tenantRef: string | undefined): Promise<void> {
  const pool = db.database.pool;
  report.add(await checkServerVersion(pool));
  const migrations = await checkMigrations(pool);
  report.add(migrations);
  report.add(await checkBoss(pool));
  const running = await senderListening(pool);
  report.add(checkSender(running));
  if (migrations.level !== "ok")
    return report.add({ level: "warn", text: "channels: not checked until the migrations are applied" });
  const shops =
    tenantRef === undefined
      ? await listTenants(db.database.db)
      : [await resolveTenant(db.database.db, tenantRef)];
  report.add(...(await checkChannels(db.database.db, shops, running)));
}

async function preflight(tenantRef: string | undefined): Promise<number> {
  const report = new Report();
  let config: Config;
  try {
    config = loadConfig();
    report.add({ level: "ok", text: `configuration: valid (${describeSetup(config)})` });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    report.add({ level: "fail", text: err.message });
    return report.verdict();
  }
  report.add(checkSecretKey(config));
  let db: CliDatabase | null;
  try {
    db = await openCliDatabase(config, cliLogger(), { init: false, max: 2 });
  } catch (err) {
    report.add({ level: "fail", text: `database: ${(err as Error).message}` });
    return report.verdict();
  }
  if (!db) {
    report.add({
      level: "warn",
      text: "database: the embedded PostgreSQL is not created yet; Kabar creates it on first start (`npm start`)",
    });
    return report.verdict();
  }
  report.add({ level: "ok", text: `database: ${db.label}` });
  if (db.startedHere) note("Kabar is not running: started its embedded PostgreSQL for these checks only.");
  try {
    await databaseChecks(report, db, tenantRef);
  } finally {
    await db.close();
  }
  return report.verdict();
}

/** `kabar preflight`. */
export function registerPreflight(program: Command): void {
  program
    .command("preflight")
    .description(
      "check that Kabar is ready to run: configuration, database, migrations, jobs, secret key, channels",
    )
    .action((_o: unknown, c: Command) =>
      guard(() => preflight(c.optsWithGlobals<{ tenant?: string }>().tenant)),
    );
}
