import { EventEmitter } from "node:events";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, releasingBrokenClients } from "./availability.js";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a database that is away, also wrapped by drizzle", () => {
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true);
    expect(
      isDatabaseUnavailable(withCode("57P01", "terminating connection due to administrator command")),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode("57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("08006"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: withCode("57P01") }))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")])),
    ).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isDatabaseUnavailable(withCode("23505", "duplicate key"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("42P01", "relation does not exist"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("fetch failed", { cause: withCode("ECONNREFUSED") }))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("releasingBrokenClients", () => {
  /** A pool whose connect() the test resolves, handing out clients that record their release. */
  function fakePool() {
    const waiting: Array<(c: pg.PoolClient) => void> = [];
    const released: Array<{ client: string; err: unknown }> = [];
    const client = (name: string) => {
      const c = new EventEmitter() as unknown as pg.PoolClient;
      c.release = ((err?: unknown) => void released.push({ client: name, err })) as pg.PoolClient["release"];
      return c;
    };
    const pool = {
      options: {},
      query: async () => ({ rows: [] }),
      connect: () => new Promise<pg.PoolClient>((resolve) => waiting.push(resolve)),
    } as unknown as pg.Pool;
    return { pool, waiting, released, client };
  }
  const settled = async (p: Promise<unknown>) =>
    Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);

  it("gives a connection back as broken when it fails while checked out, once", async () => {
    const f = fakePool();
    const pool = releasingBrokenClients(f.pool);
    const got = pool.connect();
    f.waiting.shift()!(f.client("a"));
    const c = await got;
    c.emit("error", new Error("terminated"));
    c.emit("end");
    c.release();
    expect(f.released).toEqual([{ client: "a", err: new Error("terminated") }]);
  });

  it("on closeClients, takes back the connections held and one still being opened, and hands out no more", async () => {
    const f = fakePool();
    const pool = releasingBrokenClients(f.pool);
    const held = pool.connect();
    f.waiting.shift()!(f.client("held"));
    await held;
    // The adapter reconnecting after a dropped connection: its connect() is still waiting.
    const reopening = pool.connect();
    pool.closeClients();
    expect(f.released).toEqual([{ client: "held", err: true }]);
    f.waiting.shift()!(f.client("late"));
    expect(await settled(reopening)).toBe(false); // never handed to the adapter…
    expect(f.released).toContainEqual({ client: "late", err: true }); // …and given back to the pool
    expect(await settled(pool.connect())).toBe(false);
    expect(f.waiting).toHaveLength(0); // nothing more asked of the pool
  });
});
