/**
 * The typed job registry's building block: one `defineJob` per background job, in the
 * module that owns the work (e.g. `src/modules/webhooks/jobs/deliver.ts`); the list of all
 * jobs lives at the composition level (`src/jobs.ts`). A job is a pg-boss queue whose name
 * is the job's `id`, whose payload is checked by a zod schema when it is enqueued, whose
 * retry policy is the queue's, and whose handler runs in the processes `runsIn` names.
 *
 * This folder is infrastructure: it never imports `src/modules/**` (DESIGN.md §3.1).
 */
import type { z } from "zod";

/**
 * A part a Kabar process runs, as `src/kabar.ts` decides from `KABAR_ROLE`:
 * - `channels`: holds live channels and runs dispatchers (roles `all` and `worker`);
 * - `http`: serves HTTP and Socket.IO (roles `all` and `web`).
 */
export type ProcessPart = "channels" | "http";

/**
 * How pg-boss retries a failed job (the queue's policy, set when the queue is created).
 * pg-boss 10 `createQueue` options `retryLimit`, `retryDelay`, `retryBackoff`.
 */
interface RetryPolicy {
  /** Retries after the first attempt (pg-boss `retryLimit`). */
  limit: number;
  /** Wait before a retry, seconds (pg-boss `retryDelay`; absent: pg-boss's default). */
  delaySeconds?: number;
  /** Exponential backoff from `delaySeconds` (pg-boss `retryBackoff`). */
  backoff: boolean;
}

/** What a handler knows about the run besides the payload. */
interface JobRun {
  /** pg-boss's id of the job. */
  jobId: string;
  /** Retries before this attempt (0 on the first attempt). */
  retryCount: number;
  /** This is the last attempt the retry policy allows: a throw now fails the job for good. */
  lastAttempt: boolean;
}

/** Options of the worker that fetches the job (pg-boss `work` options Kabar uses). `P`: the payload. */
interface WorkerOptions<P> {
  /** How often an idle worker polls, seconds (pg-boss default: 2; at least 0.5). */
  pollingIntervalSeconds?: number;
  /**
   * Jobs fetched at once, oldest first (pg-boss `batchSize`, default 1), run one after
   * another; each completes or fails on its own. pg-boss waits the polling interval after
   * each fetch that took less, so a busy queue of quick jobs needs a batch to keep up.
   */
  batchSize?: number;
  /**
   * Runs a batch's jobs in lanes: jobs whose payloads give the same lane (`of`) run one
   * after another in fetch order, up to `max` lanes at once (e.g. one lane per customer:
   * their messages in order, other customers' beside them). Absent: one job at a time.
   */
  lanes?: { max: number; of(payload: P): string };
}

/** What `defineJob` takes. `P` is the payload, `D` what the handler needs from the composition root. */
interface JobSpec<S extends z.ZodType, D> {
  /** The pg-boss queue name; stored with every job, so it never changes once released. */
  id: string;
  /** The payload's schema; jobs already queued must still parse after an upgrade. */
  payload: S;
  retry: RetryPolicy;
  /** The process parts whose processes run the job's worker. */
  runsIn: readonly ProcessPart[];
  worker?: WorkerOptions<z.output<S>>;
  /**
   * How long a started job may run before pg-boss fails it for a retry, seconds (pg-boss
   * `expireInSeconds`, default 15 min). A job whose process died while running it is retried
   * only once it expires (pg-boss's maintenance checks every 2 min), so a job that must
   * resume soon after a crash keeps this short.
   */
  expireInSeconds?: number;
  /**
   * A periodic job: pg-boss schedules it on this cron expression (UTC, minute resolution;
   * pg-boss `schedule`), with the payload `{}`. Absent: the job runs only when enqueued.
   */
  cron?: string;
  /**
   * Does the work. Throwing makes pg-boss retry the job under `retry`.
   * @param deps what the composition root hands every job (see `startWorkers`)
   */
  handler(payload: z.output<S>, run: JobRun, deps: D): Promise<void>;
}

/** A defined job: its spec, typed by its payload schema and its dependencies. */
export interface JobDefinition<S extends z.ZodType = z.ZodType, D = never> extends JobSpec<S, D> {
  /** Brand that tells a defined job from a bare spec. */
  readonly kind: "job";
}

/** Any defined job, whatever its payload and dependencies. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds jobs of every payload and dependency type
export type AnyJob = JobDefinition<z.ZodType, any>;

/** The payload a job's `enqueue` accepts (the schema's input). */
export type JobPayload<J> = J extends JobDefinition<infer S, infer _D> ? z.input<S> : never;

/** The dependencies a job's handler takes. */
export type JobDeps<J> = J extends JobDefinition<infer _S, infer D> ? D : never;

/**
 * Defines a job. Validates the spec itself (a non-empty id, a retry limit ≥ 0, at least
 * one process part) so a mistake fails at start, not when the first job runs.
 * @throws Error on a malformed spec (a programming error)
 */
export function defineJob<S extends z.ZodType, D>(spec: JobSpec<S, D>): JobDefinition<S, D> {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.id)) throw new Error(`job id "${spec.id}" is not kebab-case`);
  if (!Number.isInteger(spec.retry.limit) || spec.retry.limit < 0)
    throw new Error(`job ${spec.id}: retry.limit must be an integer ≥ 0`);
  if (spec.runsIn.length === 0) throw new Error(`job ${spec.id}: runsIn names no process part`);
  return { ...spec, kind: "job" };
}

/** pg-boss `createQueue` options for a job's retry policy (the names pg-boss 10 uses). */
export function queueRetryOptions(retry: RetryPolicy): {
  retryLimit: number;
  retryDelay?: number;
  retryBackoff: boolean;
} {
  return {
    retryLimit: retry.limit,
    ...(retry.delaySeconds === undefined ? {} : { retryDelay: retry.delaySeconds }),
    retryBackoff: retry.backoff,
  };
}
