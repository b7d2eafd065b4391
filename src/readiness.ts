/**
 * `GET /ready`: whether this Kabar process can do its work, for a monitor or a load balancer.
 * Built by the composition root (src/kabar.ts), which holds what it checks: the database,
 * its migrations, the job queues, and the channels this process holds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type PgBoss from "pg-boss";
import type pg from "pg";
import { MIGRATIONS_FOLDER } from "./db/client.js";
import type { Readiness, ReadinessCheck } from "./http/types.js";

/** What the readiness check reads. */
interface ReadinessDeps {
  pool: pg.Pool;
  boss: PgBoss;
  /** The queue names of the job registry (src/jobs.ts). */
  queues: readonly string[];
  /** How many channels this process holds; null when it runs no channels (KABAR_ROLE=web). */
  heldChannels: () => number | null;
}

/** Migrations committed with this build: the entries of drizzle's journal. */
function committedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Runs `check`, turning a thrown error into a failed check that names no internal detail. */
async function attempt(check: () => Promise<ReadinessCheck>): Promise<ReadinessCheck> {
  try {
    return await check();
  } catch {
    return { ok: false, detail: "unreachable" };
  }
}

/**
 * The readiness function: ready when the database answers, every committed migration is
 * applied and every job queue exists; `channels` says how many channels this process holds
 * (information, not a condition: a process may hold none).
 */
export function createReadiness(deps: ReadinessDeps): () => Promise<Readiness> {
  const expected = committedMigrations();
  return async () => {
    const database = await attempt(async () => {
      await deps.pool.query("SELECT 1");
      return { ok: true };
    });
    const migrations = await attempt(async () => {
      const { rows } = await deps.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM drizzle.__drizzle_migrations",
      );
      const applied = Number(rows[0]?.n ?? 0);
      return { ok: applied >= expected, detail: `${applied} of ${expected} applied` };
    });
    const jobs = await attempt(async () => {
      const found = await Promise.all(deps.queues.map((q) => deps.boss.getQueue(q)));
      const missing = deps.queues.filter((_, i) => !found[i]);
      return missing.length ? { ok: false, detail: `missing queues: ${missing.join(", ")}` } : { ok: true };
    });
    const held = deps.heldChannels();
    const channels: ReadinessCheck = {
      ok: true,
      detail: held === null ? "this process runs no channels" : `${held} held by this process`,
    };
    const ready = database.ok && migrations.ok && jobs.ok;
    return { status: ready ? "ready" : "not_ready", checks: { database, migrations, jobs, channels } };
  };
}
