/**
 * Repeat-order reminders, planning: an order that completes plans one reminder per
 * product with a consumption interval, due on the shop-zone date of completion + interval
 * − lead days; a newer purchase moves the pending reminder; `planFromHistory` plans from
 * completed orders; and the due list leaves out the customers not to remind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planFromHistory } from "../src/modules/reminders/index.js";
import { dueReminders, shopDate } from "../src/modules/reminders/due.js";
import { insertOptOut, remindersOfContact } from "../src/modules/reminders/queries.js";
import { factory } from "./support/factory.js";
import { startTestKabar, type TestKabar } from "./support/kabar.js";

let k: TestKabar;
let f: ReturnType<typeof factory>;

/** `YYYY-MM-DD` + `days`. */
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A new customer's order of `skus` (1 each), moved to `completed` through the orders service. */
async function completedOrder(skus: string[], phone = f.phone()) {
  const { order } = await k.services.orders.create(k.owner, {
    customer: { phone, name: "Bu Rina" },
    lines: skus.map((sku) => ({ sku, quantity: 1 })),
    paymentMethod: "transfer",
    discount: 0,
    shippingCost: 0,
  });
  const done = await k.services.orders.move(k.owner, order.id, { status: "completed" });
  return done;
}

const setZone = (zone: string) =>
  k.database.pool.query("UPDATE tenants SET time_zone = $1 WHERE id = $2", [zone, k.owner.tenantId]);

beforeAll(async () => {
  k = await startTestKabar();
  f = factory(k);
});
afterAll(async () => k?.close());

describe("planning reminders", () => {
  it("an order that completes plans a reminder per product with an interval, due at completion + interval − 3 days", async () => {
    const kopi = await f.product({ consumptionDays: 14 });
    const gelas = await f.product({ consumptionDays: null });
    const order = await completedOrder([kopi.sku, gelas.sku]);
    const reminders = await remindersOfContact(k.database.db, k.owner.tenantId, order.customer.contactId!);
    expect(reminders).toHaveLength(1);
    const completedOn = shopDate(new Date(order.completedAt!), "Asia/Jakarta");
    expect(reminders[0]).toMatchObject({
      productId: kopi.id,
      orderId: order.id,
      status: "planned",
      dueOn: addDays(completedOn, 14 - 3),
    });
  });

  it("a newer completed order of the same product moves the pending reminder (one per customer and product)", async () => {
    const teh = await f.product({ consumptionDays: 20 });
    const phone = f.phone();
    const first = await completedOrder([teh.sku], phone);
    const second = await completedOrder([teh.sku], phone);
    const reminders = await remindersOfContact(k.database.db, k.owner.tenantId, first.customer.contactId!);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ orderId: second.id, status: "planned" });
  });

  it("due dates follow the shop's zone: 16:30 UTC is 23:30 WIB the day before 00:30 WITA and 01:30 WIT", async () => {
    const gula = await f.product({ consumptionDays: 14 });
    // A completion time from tomorrow on, so the history plan (due today or later) keeps it.
    const tomorrow = addDays(new Date().toISOString().slice(0, 10), 1);
    const completedAt = `${tomorrow}T16:30:00Z`;
    const due: Record<string, string> = {};
    for (const zone of ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]) {
      await setZone(zone);
      const order = await completedOrder([gula.sku]);
      await k.database.pool.query("UPDATE orders SET completed_at = $1 WHERE id = $2", [
        completedAt,
        order.id,
      ]);
      await k.database.pool.query("DELETE FROM order_reminders WHERE order_id = $1", [order.id]);
      await planFromHistory(k.database.db, k.owner.tenantId);
      const [r] = await remindersOfContact(k.database.db, k.owner.tenantId, order.customer.contactId!);
      due[zone] = r!.dueOn;
    }
    await setZone("Asia/Jakarta");
    expect(due).toEqual({
      "Asia/Jakarta": addDays(tomorrow, 11),
      "Asia/Makassar": addDays(tomorrow, 12),
      "Asia/Jayapura": addDays(tomorrow, 12),
    });
  });

  it("the shop's lead days move the due date", async () => {
    await k.services.reminders.updateSettings(k.owner, { leadDays: 0 });
    try {
      const sabun = await f.product({ consumptionDays: 30 });
      const order = await completedOrder([sabun.sku]);
      const [r] = await remindersOfContact(k.database.db, k.owner.tenantId, order.customer.contactId!);
      expect(r!.dueOn).toBe(addDays(shopDate(new Date(order.completedAt!), "Asia/Jakarta"), 30));
    } finally {
      await k.services.reminders.updateSettings(k.owner, { leadDays: 3 });
    }
  });

  it("planFromHistory plans from completed orders once, and leaves out reminders already past", async () => {
    const madu = await f.product({ consumptionDays: 10 });
    const fresh = await completedOrder([madu.sku]);
    const stale = await completedOrder([madu.sku]);
    await k.database.pool.query("UPDATE orders SET completed_at = now() - interval '60 days' WHERE id = $1", [
      stale.id,
    ]);
    await k.database.pool.query("DELETE FROM order_reminders WHERE product_id = $1", [madu.id]);
    await planFromHistory(k.database.db, k.owner.tenantId);
    await planFromHistory(k.database.db, k.owner.tenantId);
    const planned = await k.database.pool.query<{ order_id: string }>(
      "SELECT order_id FROM order_reminders WHERE product_id = $1",
      [madu.id],
    );
    expect(planned.rows).toEqual([{ order_id: fresh.id }]);
  });
});

describe("the due list", () => {
  /** A customer with a reminder of a new product due today. */
  async function dueCustomer() {
    const product = await f.product({ consumptionDays: 7 });
    const order = await completedOrder([product.sku]);
    const contactId = order.customer.contactId!;
    await k.database.pool.query("UPDATE order_reminders SET due_on = due_on - 30 WHERE contact_id = $1", [
      contactId,
    ]);
    return { product, order, contactId };
  }

  it("lists each due customer once, leaves out a re-order in between, an opt-out and a reminder STOP", async () => {
    const due = await dueCustomer();
    const reordered = await dueCustomer();
    await k.services.orders.create(k.owner, {
      customer: { contactId: reordered.contactId },
      lines: [{ sku: reordered.product.sku, quantity: 2 }],
      paymentMethod: "cod",
      discount: 0,
      shippingCost: 0,
    });
    const optedOut = await dueCustomer();
    await k.database.pool.query("UPDATE contacts SET opted_out = true WHERE id = $1", [optedOut.contactId]);
    const stopped = await dueCustomer();
    await insertOptOut(k.database.db, k.owner.tenantId, stopped.contactId, "reply");

    const list = await dueReminders(k.database.db, k.owner.tenantId);
    const mine = (id: string) => list.messages.filter((m) => m.contactId === id);
    expect(mine(due.contactId)).toHaveLength(1);
    expect(mine(due.contactId)[0]!.items.map((i) => i.productId)).toEqual([due.product.id]);
    expect(mine(due.contactId)[0]!.text).toContain(due.product.name);
    for (const c of [reordered, optedOut, stopped]) expect(mine(c.contactId)).toEqual([]);
    const reason = (id: string) => list.skipped.find((s) => s.contactId === id)?.reason;
    expect(reason(reordered.contactId)).toBe("reordered");
    expect(reason(optedOut.contactId)).toBe("opted_out");
    expect(reason(stopped.contactId)).toBe("reminders_stopped");
  });

  it("groups a customer's due products into one message", async () => {
    const a = await f.product({ consumptionDays: 7, name: "Kopi Gayo" });
    const b = await f.product({ consumptionDays: 7, name: "Gula Aren" });
    const order = await completedOrder([a.sku, b.sku]);
    const contactId = order.customer.contactId!;
    await k.database.pool.query("UPDATE order_reminders SET due_on = due_on - 30 WHERE contact_id = $1", [
      contactId,
    ]);
    const list = await dueReminders(k.database.db, k.owner.tenantId);
    const mine = list.messages.filter((m) => m.contactId === contactId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toContain("Gula Aren dan Kopi Gayo");
  });
});
