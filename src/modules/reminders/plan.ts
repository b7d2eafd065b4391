/**
 * Planning repeat-order reminders: when an order completes (an order hook, in the order's
 * own transaction) and from the history of completed orders (`planFromHistory`, for a
 * shop that had orders before reminders, e.g. the demo seed).
 *
 * A reminder is due on the shop-zone calendar date of the completion + the product's
 * consumption interval − the shop's lead days (default 3): an order completed at 23:30 WIB
 * on 1 December (00:30 WITA on 2 December) of a 14-day product is due on 12 December in a
 * WIB shop and on 13 December in a WITA one.
 */
import type { Db } from "../../db/client.js";
import type { OrderHook } from "../orders/index.js";
import { planHistory, planOrder } from "./queries.js";

/** The order hook: plans the reminders of an order that moved to `completed` (one per customer and product). */
export const reminderOrderHook: OrderHook = async (tx, _raw, change) => {
  if (change.kind !== "status" || change.order.status !== "completed" || !change.order.contactId) return;
  await planOrder(tx, change.order.tenantId, change.order.id);
};

/**
 * Plans the shop's reminders from its completed orders (the latest completion per customer
 * and product), keeping those due today or later. Safe to run again: a customer and
 * product keep one pending reminder.
 * @returns how many reminders were planned or moved
 */
export function planFromHistory(db: Db, tenantId: string): Promise<number> {
  return planHistory(db, tenantId);
}
