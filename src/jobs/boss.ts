import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../db/availability.js";
import { type AnyJob, queueRetryOptions } from "./define.js";

/**
 * Starts pg-boss on the same PostgreSQL (schema `pgboss`) and creates the queue of every
 * job of the registry (`src/jobs.ts`) with its retry policy (a queue that exists is kept),
 * and the schedule of each periodic one (`cron`) unless `periodic` is false (tests that
 * move time themselves: a sweep on the real clock would race their seeded rows).
 * pg-boss 10 is the line that supports Node 20 (DESIGN.md §1).
 */
export async function startBoss(
  url: string,
  log: Logger,
  jobs: readonly AnyJob[],
  { periodic = true }: { periodic?: boolean } = {},
): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: "kabar-jobs" });
  // pg-boss keeps polling through a database outage and reports each failed poll here.
  boss.on("error", (err) =>
    isDatabaseUnavailable(err)
      ? log.warn({ err }, "pg-boss: the database is unavailable")
      : log.error({ err }, "pg-boss error"),
  );
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.id, {
      name: job.id,
      ...queueRetryOptions(job.retry),
      ...(job.expireInSeconds === undefined ? {} : { expireInSeconds: job.expireInSeconds }),
    });
    // A periodic job: one schedule per queue (pg-boss keeps it in its own table; scheduling again replaces it).
    if (job.cron && periodic) await boss.schedule(job.id, job.cron, {});
  }
  return boss;
}
