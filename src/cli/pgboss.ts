import { createRequire } from "node:module";
import type pg from "pg";

/** pg-boss's schema (the default, as src/jobs/boss.ts uses it). */
const SCHEMA = "pgboss";

/** Job states of pg-boss 10, in its own order. */
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
type JobState = (typeof JOB_STATES)[number];

/** The schema version the installed pg-boss package expects. */
export function expectedBossSchemaVersion(): number {
  return (createRequire(import.meta.url)("pg-boss/version.json") as { schema: number }).schema;
}

/** The pg-boss schema version in the database, or null when pg-boss was never installed there. */
export async function bossSchemaVersion(pool: pg.Pool): Promise<number | null> {
  const exists = await pool.query<{ ok: boolean }>(
    `SELECT to_regclass('${SCHEMA}.version') IS NOT NULL AS ok`,
  );
  if (!exists.rows[0]?.ok) return null;
  const r = await pool.query<{ version: string }>(`SELECT version FROM ${SCHEMA}.version`);
  return r.rows[0] ? Number(r.rows[0].version) : null;
}

/** Names of the queues pg-boss knows. Call only when the schema exists. */
export async function bossQueues(pool: pg.Pool): Promise<Set<string>> {
  const r = await pool.query<{ name: string }>(`SELECT name FROM ${SCHEMA}.queue`);
  return new Set(r.rows.map((q) => q.name));
}

/**
 * Jobs per state for each queue in `names` (zeros included), from pg-boss's job table:
 * finished jobs move to its archive after a while, so `completed` counts recent ones.
 * Call only when the schema exists.
 */
export async function jobCounts(
  pool: pg.Pool,
  names: string[],
): Promise<Map<string, Record<JobState, number>>> {
  const out = new Map(
    names.map((n) => [n, Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>]),
  );
  const r = await pool.query<{ name: string; state: JobState; n: number }>(
    `SELECT name, state::text AS state, count(*)::int AS n FROM ${SCHEMA}.job WHERE name = ANY($1) GROUP BY name, state`,
    [names],
  );
  for (const row of r.rows) {
    const counts = out.get(row.name);
    if (counts) counts[row.state] = row.n;
  }
  return out;
}
