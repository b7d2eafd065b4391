import type PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KabarError } from "../lib/errors.js";
import { defineJob, queueRetryOptions } from "./define.js";
import { createEnqueue } from "./enqueue.js";
import { startWorkers } from "./workers.js";

const greet = defineJob({
  id: "greet",
  payload: z.object({ contactId: z.guid(), times: z.number().int().min(1) }),
  retry: { limit: 3, delaySeconds: 10, backoff: true },
  runsIn: ["channels"],
  handler: async (p, run, deps: { seen: Array<{ times: number; lastAttempt: boolean }> }) => {
    deps.seen.push({ times: p.times, lastAttempt: run.lastAttempt });
  },
});

const sweep = defineJob({
  id: "sweep",
  payload: z.object({}),
  retry: { limit: 0, backoff: false },
  runsIn: ["http"],
  handler: async (_p, _run, _deps: { swept: number }) => {},
});

const CONTACT = "0f8a1b2c-3d4e-5f60-8a9b-0c1d2e3f4a5b";

type Handler = (jobs: Array<Partial<PgBoss.JobWithMetadata<object>>>) => Promise<void>;

/** A pg-boss stand-in that records what reaches it. */
function fakeBoss() {
  const sent: Array<{ name: string; data: object; options: PgBoss.SendOptions }> = [];
  const workers = new Map<string, { options: PgBoss.WorkOptions; handler: Handler }>();
  const boss = {
    send: async (name: string, data: object, options: PgBoss.SendOptions) => {
      sent.push({ name, data, options });
      return "job-1";
    },
    work: async (name: string, options: PgBoss.WorkOptions, handler: Handler) => {
      workers.set(name, { options, handler });
      return name;
    },
  };
  return { boss: boss as unknown as PgBoss, sent, workers };
}

describe("defineJob", () => {
  it("refuses a malformed definition at once", () => {
    const spec = { payload: z.object({}), retry: { limit: 1, backoff: true }, handler: async () => {} };
    expect(() => defineJob({ ...spec, id: "Not Kebab", runsIn: ["http"] })).toThrow(/kebab-case/);
    expect(() => defineJob({ ...spec, id: "x", runsIn: [] })).toThrow(/runsIn/);
    expect(() =>
      defineJob({ ...spec, id: "x", runsIn: ["http"], retry: { limit: -1, backoff: true } }),
    ).toThrow(/retry\.limit/);
  });

  it("turns its retry policy into pg-boss queue options", () => {
    expect(queueRetryOptions(greet.retry)).toEqual({ retryLimit: 3, retryDelay: 10, retryBackoff: true });
    expect(queueRetryOptions({ limit: 5, backoff: true })).toEqual({ retryLimit: 5, retryBackoff: true });
  });
});

describe("enqueue", () => {
  it("refuses a bad payload with the job and the field named, before it reaches the queue", async () => {
    const { boss, sent } = fakeBoss();
    const enqueue = createEnqueue(boss);
    // @ts-expect-error: `times` must be a number (the payload type comes from the schema)
    const bad = enqueue(greet, { contactId: CONTACT, times: "twice" });
    await expect(bad).rejects.toBeInstanceOf(KabarError);
    await expect(bad).rejects.toMatchObject({
      code: "invalid_job_payload",
      status: 500,
      fields: { times: expect.stringMatching(/number/) },
      message: expect.stringContaining('"greet"'),
    });
    await expect(enqueue(greet, { contactId: "nope", times: 0 })).rejects.toMatchObject({
      fields: { contactId: expect.any(String), times: expect.any(String) },
    });
    expect(sent).toEqual([]);
  });

  it("queues a good payload on the job's queue, in the caller's transaction when given one", async () => {
    const { boss, sent } = fakeBoss();
    const tx = { executeSql: async () => ({ rows: [] }) };
    const at = new Date("2026-01-01T00:00:00Z");
    expect(
      await createEnqueue(boss)(
        greet,
        { contactId: CONTACT, times: 2 },
        { tx, startAfter: at, singletonKey: "k" },
      ),
    ).toBe("job-1");
    expect(sent).toEqual([
      {
        name: "greet",
        data: { contactId: CONTACT, times: 2 },
        options: { db: tx, startAfter: at, singletonKey: "k" },
      },
    ]);
  });
});

describe("startWorkers", () => {
  it("starts only the jobs that run in this process, and hands each its payload and attempt", async () => {
    const { boss, workers } = fakeBoss();
    const seen: Array<{ times: number; lastAttempt: boolean }> = [];
    expect(await startWorkers(boss, [greet, sweep], ["channels"], { seen, swept: 0 })).toEqual(["greet"]);
    expect([...workers.keys()]).toEqual(["greet"]);
    const { handler } = workers.get("greet")!;
    await handler([{ id: "j1", data: { contactId: CONTACT, times: 1 }, retryCount: 0, retryLimit: 3 }]);
    await handler([{ id: "j1", data: { contactId: CONTACT, times: 1 }, retryCount: 3, retryLimit: 3 }]);
    expect(seen).toEqual([
      { times: 1, lastAttempt: false },
      { times: 1, lastAttempt: true },
    ]);
    // A stored payload that no longer matches fails the attempt instead of reaching the handler.
    await expect(
      handler([{ id: "j2", data: { times: 1 }, retryCount: 0, retryLimit: 3 }]),
    ).rejects.toMatchObject({
      code: "invalid_job_payload",
    });
    expect(seen).toHaveLength(2);
  });

  it("needs the dependencies of every job it is given", async () => {
    const { boss } = fakeBoss();
    // @ts-expect-error: `swept` (sweep's dependency) is missing
    await startWorkers(boss, [greet, sweep], ["http"], { seen: [] });
  });
});
