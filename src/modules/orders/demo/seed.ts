/**
 * The demo shop's catalogue and six months of its customers' orders (plan.ts), written on
 * the first start so reports, RFM segments and reminders mean something at once. Only on
 * a shop without orders; the composition root runs it right after the demo seed, behind
 * KABAR_SEED_ORDERS.
 */
import type { Db } from "../../../db/client.js";
import { insertProducts } from "../../products/index.js";
import { tenantTimeZone } from "../../tenants/index.js";
import { insertOrderHistory, orderCount, type HistoricOrder } from "../queries/index.js";
import { DEMO_PRODUCTS } from "./catalogue.js";
import { planDemoOrders } from "./plan.js";

/** A demo customer: their contact and what an order copies of them. */
interface DemoCustomer {
  contactId: string;
  /** E.164. */
  phone: string;
  name: string | null;
}

/**
 * Writes the demo catalogue and order history of shop `tenantId` for `customers` as of
 * `now`, deterministic in `seed`, in one transaction (a few bulk statements per table).
 * Does nothing when the shop already has an order.
 * @returns how many products and orders were written (0 and 0 when it did nothing)
 */
export async function seedDemoOrders(
  db: Db,
  tenantId: string,
  opts: { seed: string; customers: readonly DemoCustomer[]; now?: Date },
): Promise<{ products: number; orders: number }> {
  if ((await orderCount(db, tenantId)) > 0) return { products: 0, orders: 0 };
  const timeZone = (await tenantTimeZone(db, tenantId)) ?? "Asia/Jakarta";
  const plan = planDemoOrders({
    seed: opts.seed,
    now: opts.now ?? new Date(),
    timeZone,
    customers: opts.customers.length,
  });
  await db.transaction(async (tx) => {
    const products = await insertProducts(
      tx,
      tenantId,
      DEMO_PRODUCTS.map((p) => ({ ...p, active: true })),
    );
    const productId = new Map(products.map((p) => [p.sku, p.id]));
    const history: HistoricOrder[] = plan.orders.map(({ customer, lines, events, ...o }) => {
      const c = opts.customers[customer]!;
      return {
        order: {
          ...o,
          contactId: c.contactId,
          customerName: c.name,
          customerPhone: c.phone,
          createdAt: o.placedAt,
        },
        lines: lines.map((l) => ({ ...l, productId: productId.get(l.sku) ?? null })),
        events: events.map((e) => ({
          kind: e.kind,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          actorKind: "system" as const,
          createdAt: e.at,
        })),
      };
    });
    await insertOrderHistory(tx, tenantId, history, plan.counters);
  });
  return { products: DEMO_PRODUCTS.length, orders: plan.orders.length };
}
