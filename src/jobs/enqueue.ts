/**
 * The typed `enqueue` of the job registry: checks a payload against its job's zod schema
 * before pg-boss sees it, and can join the caller's open transaction, so the job commits
 * (or rolls back) with the rows that asked for it.
 */
import type PgBoss from "pg-boss";
import type { SqlExecutor } from "../db/transaction.js";
import { jobErrors } from "./errors.js";
import type { AnyJob, JobPayload } from "./define.js";

/** Options of one `enqueue`. */
export interface EnqueueOptions {
  /**
   * The caller's open transaction (`inTransaction`'s raw executor): the job is inserted
   * on that connection (pg-boss 10 `send` option `db`), so it exists only if the
   * transaction commits. Absent: the job is committed at once on pg-boss's own pool.
   */
  tx?: SqlExecutor;
  /** Not before this time (pg-boss `startAfter`). */
  startAfter?: Date;
  /** At most one queued job per key in the queue (pg-boss `singletonKey`); a duplicate is not queued. */
  singletonKey?: string;
}

/**
 * Queues one job. Resolves to pg-boss's job id, or null when pg-boss did not queue it
 * (a `singletonKey` already queued).
 * @throws KabarError 500 `invalid_job_payload` (fields: the payload's bad paths) before
 *   anything reaches the queue, when `payload` does not match the job's schema
 */
export type Enqueue = <J extends AnyJob>(
  job: J,
  payload: JobPayload<J>,
  options?: EnqueueOptions,
) => Promise<string | null>;

/**
 * Parses `payload` with the job's schema.
 * @returns the parsed payload (what is stored and what the handler receives)
 * @throws KabarError 500 `invalid_job_payload`, naming the job and each bad field
 */
export function checkPayload(job: AnyJob, payload: unknown): unknown {
  const parsed = job.payload.safeParse(payload);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join(".") || "(payload)"] = issue.message;
  const where = Object.entries(fields)
    .map(([path, message]) => `${path}: ${message}`)
    .join("; ");
  throw jobErrors.invalidPayload({ job: job.id, where, fields });
}

/** The `enqueue` of a started (or CLI) pg-boss. */
export function createEnqueue(boss: PgBoss): Enqueue {
  return async (job, payload, options = {}) => {
    const data = checkPayload(job, payload) as object;
    return boss.send(job.id, data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.tx ? { db: options.tx as PgBoss.Db } : {}),
    });
  };
}
