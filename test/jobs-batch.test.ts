/**
 * A job fetched in batches with lanes (the `inbound-reaction` job's worker): on a real
 * PostgreSQL, each lane runs its jobs in the order they were queued, and a job that throws
 * fails alone while the rest of its batch completes.
 */
import pino from "pino";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startBoss } from "../src/jobs/boss.js";
import { defineJob } from "../src/jobs/define.js";
import { createEnqueue } from "../src/jobs/enqueue.js";
import { startWorkers } from "../src/jobs/workers.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { waitFor } from "./support/wait.js";

const ran: string[] = [];

const laneJob = defineJob({
  id: "test-lanes",
  payload: z.object({ lane: z.string(), n: z.number(), fail: z.boolean() }),
  retry: { limit: 0, backoff: false },
  runsIn: ["channels"],
  worker: { pollingIntervalSeconds: 0.5, batchSize: 20, lanes: { max: 2, of: (p) => p.lane } },
  handler: async ({ lane, n, fail }, _run, deps: { ran: string[] }) => {
    deps.ran.push(`${lane}${n}`);
    if (fail) throw new Error(`${lane}${n} failed`);
  },
});

let url: string;
let boss: PgBoss;

beforeAll(async () => {
  url = await createTestDatabase();
  boss = await startBoss(url, pino({ level: "silent" }), [laneJob]);
});

afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 1000 });
  if (url) await dropTestDatabase(url);
});

describe("a batch of jobs in lanes", () => {
  it("runs each lane in queued order; a job that throws fails alone", async () => {
    const enqueue = createEnqueue(boss);
    const queued: Array<[string, string | null]> = [];
    // Queued before the worker starts, so one fetch takes them all.
    for (const [lane, n, fail] of [
      ["a", 1, false],
      ["b", 1, false],
      ["a", 2, false],
      ["b", 2, true],
      ["a", 3, false],
      ["b", 3, false],
    ] as const)
      queued.push([`${lane}${n}`, await enqueue(laneJob, { lane, n, fail })]);
    await startWorkers(boss, [laneJob], ["channels"], { ran });
    const states = await waitFor(async () => {
      const jobs = await Promise.all(queued.map(([, id]) => boss.getJobById(laneJob.id, id!)));
      return jobs.every((j) => j?.state === "completed" || j?.state === "failed")
        ? Object.fromEntries(queued.map(([name], i) => [name, jobs[i]!.state]))
        : undefined;
    });
    expect(states).toEqual({
      a1: "completed",
      b1: "completed",
      a2: "completed",
      b2: "failed",
      a3: "completed",
      b3: "completed",
    });
    expect(ran.filter((x) => x.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(ran.filter((x) => x.startsWith("b"))).toEqual(["b1", "b2", "b3"]);
  });
});
