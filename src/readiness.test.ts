import type pg from "pg";
import type PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { createReadiness } from "./readiness.js";

const boss = (queues: string[]) =>
  ({ getQueue: async (name: string) => (queues.includes(name) ? { name } : null) }) as unknown as PgBoss;

describe("readiness", () => {
  it("is not ready, and says which check failed without internals, when the database is away", async () => {
    const pool = {
      query: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432 (password=rahasia)");
      },
    } as unknown as pg.Pool;
    const ready = createReadiness({ pool, boss: boss(["a"]), queues: ["a"], heldChannels: () => 0 });
    const r = await ready();
    expect(r).toEqual({
      status: "not_ready",
      checks: {
        database: { ok: false, detail: "unreachable" },
        migrations: { ok: false, detail: "unreachable" },
        jobs: { ok: true },
        channels: { ok: true, detail: "0 held by this process" },
      },
    });
  });

  it("is not ready when a migration is missing or a job queue does not exist", async () => {
    const pool = {
      query: async (sql: string) =>
        sql.includes("__drizzle_migrations") ? { rows: [{ n: "1" }] } : { rows: [] },
    } as unknown as pg.Pool;
    const r = await createReadiness({
      pool,
      boss: boss(["a"]),
      queues: ["a", "b"],
      heldChannels: () => null,
    })();
    expect(r.status).toBe("not_ready");
    expect(r.checks.migrations).toEqual({ ok: false, detail: expect.stringMatching(/^1 of \d+ applied$/) });
    expect(r.checks.jobs).toEqual({ ok: false, detail: "missing queues: b" });
    expect(r.checks.channels).toEqual({ ok: true, detail: "this process runs no channels" });
  });
});
