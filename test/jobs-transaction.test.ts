/**
 * The job registry and the NOTIFY topics on a real PostgreSQL: a job enqueued, or a topic
 * notified, inside a transaction exists only if that transaction commits.
 */
import pg from "pg";
import pino from "pino";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase, type Database } from "../src/db/client.js";
import { DISPATCH_WAKE_TOPIC, listen, notify } from "../src/db/topics.js";
import { inTransaction } from "../src/db/transaction.js";
import { startBoss } from "../src/jobs/boss.js";
import { defineJob } from "../src/jobs/define.js";
import { createEnqueue, type Enqueue } from "../src/jobs/enqueue.js";
import { startWorkers } from "../src/jobs/workers.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";
import { waitFor } from "./support/wait.js";

const ran: string[] = [];

const noteJob = defineJob({
  id: "test-note",
  payload: z.object({ note: z.string() }),
  retry: { limit: 0, backoff: false },
  runsIn: ["channels"],
  worker: { pollingIntervalSeconds: 0.5 },
  handler: async ({ note }, _run, deps: { ran: string[] }) => {
    deps.ran.push(note);
  },
});

let url: string;
let database: Database;
let boss: PgBoss;
let enqueue: Enqueue;

beforeAll(async () => {
  url = await createTestDatabase();
  database = openDatabase(url, 4);
  boss = await startBoss(url, pino({ level: "silent" }), [noteJob]);
  enqueue = createEnqueue(boss);
  await startWorkers(boss, [noteJob], ["channels"], { ran });
});

afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 1000 });
  await database?.close();
  if (url) await dropTestDatabase(url);
});

/** Jobs of the test queue in pg-boss's table, by note. */
async function queuedNotes(): Promise<string[]> {
  const r = await database.pool.query<{ note: string }>(
    "SELECT data->>'note' AS note FROM pgboss.job WHERE name = $1 ORDER BY created_on",
    [noteJob.id],
  );
  return r.rows.map((row) => row.note);
}

describe("a job enqueued in a transaction", () => {
  it("never runs when the transaction rolls back, and runs when it commits", async () => {
    await expect(
      inTransaction(database.pool, async (_tx, raw) => {
        await enqueue(noteJob, { note: "rolled back" }, { tx: raw });
        throw new Error("the caller's write failed");
      }),
    ).rejects.toThrow("the caller's write failed");
    await inTransaction(database.pool, async (_tx, raw) => {
      await enqueue(noteJob, { note: "committed" }, { tx: raw });
      // Not visible outside the transaction before it commits.
      expect(await queuedNotes()).toEqual([]);
    });
    await waitFor(async () => (ran.includes("committed") ? true : undefined));
    expect(ran).toEqual(["committed"]);
    expect(await queuedNotes()).toEqual(["committed"]);
  });
});

describe("a topic notified in a transaction", () => {
  it("is heard only when the transaction commits", async () => {
    const heard: string[] = [];
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    try {
      await listen(listener, DISPATCH_WAKE_TOPIC, (channelId) => heard.push(channelId));
      await expect(
        inTransaction(database.pool, async (_tx, raw) => {
          await notify(raw, DISPATCH_WAKE_TOPIC, "rolled-back-channel");
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      await inTransaction(database.pool, async (tx) => notify(tx, DISPATCH_WAKE_TOPIC, "committed-channel"));
      await waitFor(async () => (heard.includes("committed-channel") ? true : undefined));
      // Notifications arrive in commit order: the rolled-back one would have come first.
      expect(heard).toEqual(["committed-channel"]);
    } finally {
      await listener.end();
    }
  });
});
