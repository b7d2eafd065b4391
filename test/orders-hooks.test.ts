/**
 * Order hooks run inside the transaction that changes the order: what a hook writes on the
 * raw executor (where pg-boss jobs go) commits with a new order or a status move, and a
 * hook that throws takes the order back with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrderService, type OrderChange, type OrderHook } from "../src/modules/orders/index.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let sku: string;
const seen: OrderChange[] = [];
let fail = false;

/** Writes a probe row on the raw executor, like `enqueue(job, payload, { tx: raw })` would. */
const probe: OrderHook = async (_tx, raw, change) => {
  seen.push(change);
  await raw.executeSql("INSERT INTO hook_probe (order_id, kind, status) VALUES ($1, $2, $3)", [
    change.order.id,
    change.kind,
    change.order.status,
  ]);
  if (fail) throw new Error("the hook refused");
};

const probes = async (orderId: string) =>
  (
    await k.database.pool.query<{ kind: string; status: string }>(
      "SELECT kind, status FROM hook_probe WHERE order_id = $1 ORDER BY id",
      [orderId],
    )
  ).rows;

beforeAll(async () => {
  k = await startTestKabar();
  await k.database.pool.query(
    "CREATE TABLE hook_probe (id serial PRIMARY KEY, order_id uuid, kind text, status text)",
  );
  sku = (await factory(k).product()).sku;
});
afterAll(async () => k?.close());

describe("order hooks", () => {
  it("run in the transaction of a new order and of a status move, with who and what changed", async () => {
    const orders = createOrderService(k.database.db, [probe]);
    const { order } = await orders.create(k.owner, {
      customer: { phone: "081234500001", name: "Bu Hook" },
      lines: [{ sku, quantity: 2 }],
      paymentMethod: "cod",
      discount: 0,
      shippingCost: 0,
    });
    await orders.move(k.owner, order.id, { status: "confirmed" });
    expect(await probes(order.id)).toEqual([
      { kind: "created", status: "new" },
      { kind: "status", status: "confirmed" },
    ]);
    expect(seen.at(-1)).toMatchObject({ kind: "status", from: "new", actor: { userId: k.owner.userId } });
    expect(seen.at(-2)).toMatchObject({ kind: "created", from: null });
  });

  it("a hook that throws takes the order and its own writes back", async () => {
    const orders = createOrderService(k.database.db, [probe]);
    fail = true;
    try {
      await expect(
        orders.create(k.owner, {
          customer: { phone: "081234500002" },
          lines: [{ sku, quantity: 1 }],
          paymentMethod: "transfer",
          discount: 0,
          shippingCost: 0,
          externalId: "HOOK-ROLLBACK",
        }),
      ).rejects.toThrow("the hook refused");
    } finally {
      fail = false;
    }
    const left = await k.database.pool.query("SELECT 1 FROM orders WHERE external_id = 'HOOK-ROLLBACK'");
    expect(left.rowCount).toBe(0);
    expect(seen.at(-1)?.kind).toBe("created");
    const stray = await k.database.pool.query("SELECT 1 FROM hook_probe WHERE order_id = $1", [
      seen.at(-1)!.order.id,
    ]);
    expect(stray.rowCount).toBe(0);
  });
});
