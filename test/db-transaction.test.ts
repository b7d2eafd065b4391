/**
 * A transaction always gives its connection back to the pool, also when its BEGIN fails (a
 * terminated connection, a database restarting): drizzle-orm's own transaction sent BEGIN
 * outside its try/finally, so such a failure kept the connection checked out for good and
 * `pool.end()` (stopping Kabar) then waited forever (src/db/client.ts, poolTransaction).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/db/client.js";
import { createTestDatabase, dropTestDatabase } from "./support/db.js";

let url: string;
let database: Database;

beforeAll(async () => {
  url = await createTestDatabase();
  // One connection: a leaked one would leave none.
  database = openDatabase(url, 1);
});
afterAll(async () => {
  await database?.close();
  if (url) await dropTestDatabase(url);
});

describe("a transaction on the pool", () => {
  it("gives its connection back when BEGIN fails, and when the work fails", async () => {
    const { db, pool } = database;
    // A BEGIN the server refuses (an isolation level it does not know).
    const refused = db.transaction(async () => "never", {
      isolationLevel: "not a level" as "serializable",
    });
    await expect(refused).rejects.toThrow();
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1`);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // The pool's one connection still answers, and a transaction still commits.
    expect(await db.transaction(async (tx) => (await tx.execute(sql`SELECT 2 AS n`)).rows[0])).toEqual({
      n: 2,
    });
  });
});
