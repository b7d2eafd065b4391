/**
 * Order hooks: what other modules do about an order in the very transaction that changed
 * it (queue its thank-you, plan its reminders, queue its webhooks), so the work exists
 * exactly when the change commits and a crash never keeps one without the other
 * (DESIGN.md §1, "nothing is ever in the DB but not in the queue").
 *
 * The orders module calls the hooks; it never imports their modules. The app's wiring
 * (src/services.ts) hands them to `createOrderService`.
 */
import type { Tx } from "../../db/client.js";
import { rawExecutor, type SqlExecutor } from "../../db/transaction.js";
import type { Actor } from "../../lib/actor.js";
import type { OrderRow } from "./queries/index.js";
import type { OrderStatus } from "./schemas.js";

/** One change of an order, as the hooks see it. */
export interface OrderChange {
  /** `created`: a new order (draft or new); `status`: it moved along its flow. */
  kind: "created" | "status";
  /** The order after the change (its status is the new one). */
  order: OrderRow;
  /** The status before the change; null for `created`. */
  from: OrderStatus | null;
  /** Who made the change (a person, an API key, or Kabar for a job or a customer's reply). */
  actor: Actor;
}

/**
 * Runs inside the change's transaction: `tx` for the hook's own rows, `raw` for pg-boss
 * (`enqueue(..., { tx: raw })`). Throwing rolls the change back (the caller sees the error),
 * so a hook throws only for what must stop the change.
 */
export type OrderHook = (tx: Tx, raw: SqlExecutor, change: OrderChange) => Promise<void>;

/** Runs every hook in order, in the change's transaction. */
export async function runOrderHooks(hooks: readonly OrderHook[], tx: Tx, change: OrderChange): Promise<void> {
  if (hooks.length === 0) return;
  const raw = rawExecutor(tx);
  for (const hook of hooks) await hook(tx, raw, change);
}
