/**
 * Named prepared statements (src/db/named.ts), the order API's hot statements: a statement
 * is prepared once on the connection it runs on and reused, answers exactly as
 * `db.execute` does, and statements whose text differs get names of their own.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/db/client.js";
import { executeNamed } from "../src/db/named.js";
import { createOrderBody } from "../src/modules/orders/schemas.js";
import { openTestDatabase, type TestDatabase } from "./support/db.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let test: TestDatabase;
let database: Database;

beforeAll(async () => {
  test = await openTestDatabase();
  database = openDatabase(test.url, 2);
});
afterAll(async () => {
  await database?.close();
  await test?.close();
});

/** The named statements prepared on the transaction's connection. */
const preparedOn = async (tx: Parameters<Parameters<Database["db"]["transaction"]>[0]>[0]) =>
  (
    await tx.execute<{ name: string; statement: string }>(
      sql`SELECT name, statement FROM pg_prepared_statements ORDER BY name`,
    )
  ).rows;

describe("named prepared statements", () => {
  it("prepares a statement once per connection, reuses it, and answers as db.execute does", async () => {
    const at = "2026-12-07T10:00:00.000Z";
    const query = (n: number) =>
      sql`SELECT ${n}::int AS n, ${at}::timestamptz AS at, ${"Toko"}::text AS shop, NULL::uuid AS none`;
    await database.db.transaction(async (tx) => {
      const first = await executeNamed<Record<string, unknown>>(tx, "probe", query(1));
      const second = await executeNamed<Record<string, unknown>>(tx, "probe", query(2));
      const plain = await tx.execute<Record<string, unknown>>(query(2));
      expect(first.rows).toEqual([{ ...plain.rows[0], n: 1 }]);
      expect(second.rows).toEqual(plain.rows);
      const prepared = await preparedOn(tx);
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.name).toMatch(/^probe_[0-9a-f]{16}$/);
      expect(prepared[0]!.statement).toContain("AS shop");

      // Another text (another column list, as an insert of other fields): a name of its own.
      await executeNamed(tx, "probe", sql`SELECT ${3}::int AS m`);
      const both = await preparedOn(tx);
      expect(both).toHaveLength(2);
      expect(new Set(both.map((p) => p.name)).size).toBe(2);
    });
  });

  it("reports a failing statement like db.execute, and the connection goes on", async () => {
    const failing = sql`SELECT 1 / ${0}::int AS boom`;
    const plain = (await database.db.execute(failing).catch((e: unknown) => e)) as Error & {
      cause?: { code?: string };
    };
    expect(plain.cause?.code).toBe("22012"); // division_by_zero
    for (let i = 0; i < 2; i++) {
      const err = (await executeNamed(database.db, "probe_fail", failing).catch(
        (e: unknown) => e,
      )) as typeof plain;
      expect(err.message).toBe(plain.message);
      expect(err.cause?.code).toBe("22012");
    }
    const ok = await executeNamed<{ ok: number }>(database.db, "probe_ok", sql`SELECT ${1}::int AS ok`);
    expect(ok.rows).toEqual([{ ok: 1 }]);
  });
});

describe("the order's prepared statement and a migration of another process", () => {
  let k: TestKabar;
  beforeAll(async () => {
    k = await startTestKabar();
    await factory(k).product({ sku: "KOPI-250", name: "Kopi Gayo 250 g", price: 85_000 });
  });
  afterAll(async () => {
    await k?.close();
  });

  it("keeps taking orders on the same connections after a column is added to orders", async () => {
    const order = (n: number) =>
      k.services.orders.create(
        k.owner,
        createOrderBody.parse({
          customer: { phone: `08129999${String(n).padStart(4, "0")}`, name: `Pembeli ${n}` },
          lines: [{ sku: "KOPI-250", quantity: 1 }],
          paymentMethod: "transfer",
        }),
      );
    // Enough orders one after another for the statement to be prepared and its plan kept.
    for (let i = 0; i < 8; i++) await order(i);
    await k.database.pool.query("ALTER TABLE orders ADD COLUMN added_by_a_newer_kabar integer");
    const after = await order(100);
    expect(after.replayed).toBe(false);
    expect(after.order.number).toMatch(/^INV\//);
  });
});
