/**
 * The worker starter of the job registry: registers a pg-boss worker for every job whose
 * `runsIn` names a part this process runs, handing each handler its parsed payload, what
 * pg-boss knows of the run, and the dependencies the composition root built.
 */
import type PgBoss from "pg-boss";
import type { AnyJob, JobDeps, ProcessPart } from "./define.js";
import { checkPayload } from "./enqueue.js";
import { withRequestContext } from "../lib/request-context.js";

/** Turns a union into the intersection of its members (the dependencies of every job of a list). */
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** What the handlers of `jobs` need together: the intersection of each job's dependencies. */
type DepsOfJobs<J extends readonly AnyJob[]> = Intersection<JobDeps<J[number]>>;

/** The worker id of each job a process works, per pg-boss instance (for {@link wakeWorker}). */
const workerIds = new WeakMap<PgBoss, Map<string, string>>();

/**
 * Makes this process's worker of `job` fetch now instead of at its next poll (pg-boss
 * `notifyWorker`), e.g. right after a commit that queued one. Only a nudge: the job runs
 * at the next poll without it. Does nothing where the job's worker does not run.
 */
export function wakeWorker(boss: PgBoss, job: AnyJob): void {
  const id = workerIds.get(boss)?.get(job.id);
  if (id) boss.notifyWorker(id);
}

/** Whether a process running `parts` runs `job`'s worker. */
function runsHere(job: AnyJob, parts: readonly ProcessPart[]): boolean {
  return job.runsIn.some((p) => parts.includes(p));
}

/**
 * Starts the workers of the jobs that run in this process (pg-boss `work`, one job per
 * fetch). A payload is parsed again before its handler runs (jobs queued by an older
 * version must still match the schema); a handler that throws fails the attempt and
 * pg-boss retries under the job's policy (in a batch, that job's attempt alone). Workers stop with `boss.stop()`.
 * @param parts the parts this process runs (`src/kabar.ts` from KABAR_ROLE)
 * @returns the ids of the jobs whose workers were started
 */
export async function startWorkers<const J extends readonly AnyJob[]>(
  boss: PgBoss,
  jobs: J,
  parts: readonly ProcessPart[],
  deps: DepsOfJobs<J>,
): Promise<string[]> {
  const started: string[] = [];
  for (const job of jobs) {
    if (!runsHere(job, parts)) continue;
    const { pollingIntervalSeconds, batchSize = 1, lanes } = job.worker ?? {};
    const workerId = await boss.work<object>(
      job.id,
      {
        includeMetadata: true,
        batchSize,
        ...(pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds }),
      },
      async (batch: Array<PgBoss.JobWithMetadata<object>>) => {
        // Writes a job makes for a person are audited with the source `job`.
        const run = (j: PgBoss.JobWithMetadata<object>, payload: unknown) =>
          withRequestContext({ source: "job" }, () =>
            job.handler(
              payload,
              { jobId: j.id, retryCount: j.retryCount, lastAttempt: j.retryCount >= j.retryLimit },
              deps,
            ),
          );
        if (batch.length === 1) return run(batch[0]!, checkPayload(job, batch[0]!.data));
        // A batch: a job that throws fails alone (retried under the policy); the others
        // complete when the batch returns (pg-boss completes only jobs still active).
        const fail = (j: PgBoss.JobWithMetadata<object>, err: unknown) =>
          boss.fail(job.id, j.id, { message: err instanceof Error ? err.message : String(err) });
        const queue: Array<{ key: string; jobs: Array<[PgBoss.JobWithMetadata<object>, unknown]> }> = [];
        // Oldest first: pg-boss picks the oldest jobs but returns them in no set order.
        const oldestFirst = [...batch].sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
        for (const j of oldestFirst) {
          let payload: unknown;
          try {
            payload = checkPayload(job, j.data);
          } catch (err) {
            await fail(j, err);
            continue;
          }
          const key = lanes ? lanes.of(payload) : "";
          const lane = queue.find((l) => l.key === key);
          if (lane) lane.jobs.push([j, payload]);
          else queue.push({ key, jobs: [[j, payload]] });
        }
        // Each lane in fetch order; up to `lanes.max` lanes at once (one without lanes).
        const runLane = async () => {
          for (let lane = queue.shift(); lane; lane = queue.shift())
            for (const [j, payload] of lane.jobs) await run(j, payload).catch((err: unknown) => fail(j, err));
        };
        await Promise.all(Array.from({ length: lanes?.max ?? 1 }, runLane));
      },
    );
    if (!workerIds.has(boss)) workerIds.set(boss, new Map());
    workerIds.get(boss)!.set(job.id, workerId);
    started.push(job.id);
  }
  return started;
}
