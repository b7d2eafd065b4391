/**
 * An order's status flow: `draft → new → confirmed → paid → packed → shipped → completed`,
 * and `cancelled` / `returned` (with a reason) from any open state.
 *
 * Along the flow an order may move forward past steps a shop does not use (a transfer
 * order goes `new → paid`, a COD order `confirmed → packed` and is paid at the door, a
 * pickup `packed → completed`), never back. A draft (a re-order a customer asked for,
 * not yet placed) becomes `new` or is cancelled. `completed`, `cancelled` and `returned`
 * are final.
 */
import type { OrderStatus } from "./schemas.js";

/** The flow after `draft`, in order. */
const FLOW: readonly OrderStatus[] = ["new", "confirmed", "paid", "packed", "shipped", "completed"];

/** Statuses an order never leaves. */
export const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(["completed", "cancelled", "returned"]);

/** Statuses whose lines, amounts and payment method may still change. */
export const EDITABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(["draft", "new"]);

/** The statuses an order in `from` may move to, in flow order then cancelled, returned. */
export function nextStatuses(from: OrderStatus): OrderStatus[] {
  if (FINAL_STATUSES.has(from)) return [];
  if (from === "draft") return ["new", "cancelled"];
  const at = FLOW.indexOf(from);
  return [...FLOW.slice(at + 1), "cancelled", "returned"];
}

/** Whether `from → to` is allowed. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return nextStatuses(from).includes(to);
}
