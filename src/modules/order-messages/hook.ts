/**
 * The order hook of order messages (orders/hooks.ts): in the transaction of a new order or
 * a status move, writes the event's message to the log (`order_messages`), rendered, and
 * queues the `order-message` job that sends it, so the message exists exactly when the
 * change commits. Nothing is written when the event is switched off. Written without a job:
 * `cancelled` `opted_out` (the customer opted out) and `cancelled` `no_channel` (the shop has
 * no number to send from).
 */
import type { Tx } from "../../db/client.js";
import type { SqlExecutor } from "../../db/transaction.js";
import type { Enqueue } from "../../jobs/enqueue.js";
import type { OrderMessageEvent } from "./schemas.js";
import type { OrderChange, OrderHook, OrderRow } from "../orders/index.js";
import { firstConnectedChannel } from "../channels/index.js";
import { moduleEnabled } from "../tenants/index.js";
import { orderMessageJob } from "./jobs/order-message.js";
import {
  customerOf,
  insertMessageLog,
  linesForMessage,
  orderForMessage,
  settingsOf,
  type MessageLogRow,
} from "./queries.js";
import { type EffectiveSettings, effectiveSettings, eventOfChange } from "./settings.js";
import { renderOrderMessage } from "./variables.js";

/** Called after a COD order's confirmation message was written (part of COD confirmation). */
export type CodStarted = (
  tx: Tx,
  raw: SqlExecutor,
  log: MessageLogRow,
  reminderHours: number,
) => Promise<void>;

/**
 * Writes and queues `event`'s message for `orderId` in the caller's transaction. `known`:
 * what the caller already read (the shop's settings, the order's row, whether commerce is
 * on), not read again.
 * @returns the log row, or undefined when the event is off, the shop switched commerce off
 *   (src/lib/modules.ts) or the order has no customer
 */
export async function queueOrderMessage(
  tx: Tx,
  raw: SqlExecutor,
  enqueue: Enqueue,
  tenantId: string,
  orderId: string,
  event: OrderMessageEvent,
  known: { settings?: EffectiveSettings; order?: OrderRow; commerceOn?: boolean } = {},
): Promise<{ log: MessageLogRow; reminderHours: number } | undefined> {
  if (!(known.commerceOn ?? (await moduleEnabled(tx, tenantId, "commerce")))) return undefined;
  const settings = known.settings ?? effectiveSettings(await settingsOf(tx, tenantId));
  const ev = settings.events[event];
  if (!ev.enabled) return undefined;
  const order = known.order
    ? { ...known.order, lines: await linesForMessage(tx, tenantId, orderId) }
    : await orderForMessage(tx, tenantId, orderId);
  if (!order?.contactId) return undefined;
  const customer = await customerOf(tx, tenantId, order.contactId);
  if (!customer) return undefined;
  const channelId =
    settings.channelId ?? order.channelId ?? (await firstConnectedChannel(tx, tenantId)) ?? null;
  const { text, variables } = renderOrderMessage(ev.text, order, customer);
  const base = { tenantId, orderId, event, channelId, contactId: order.contactId, text, variables };
  let log: MessageLogRow;
  if (!channelId) log = await insertMessageLog(tx, { ...base, outcome: "cancelled", reason: "no_channel" });
  else if (customer.optedOut)
    log = await insertMessageLog(tx, { ...base, outcome: "cancelled", reason: "opted_out" });
  else {
    log = await insertMessageLog(tx, { ...base, outcome: "scheduled" });
    await enqueue(orderMessageJob, { logId: log.id }, { tx: raw });
  }
  return { log, reminderHours: settings.codReminderHours };
}

/**
 * The hook: the thank-you on a new order (`cod_confirm` instead for COD), a status message
 * on a move to confirmed / paid / shipped / completed (settings.ts `eventOfChange`).
 * `codStarted` runs after a COD confirmation message was written.
 */
export function orderMessageHook(enqueue: Enqueue, codStarted?: CodStarted): OrderHook {
  return async (tx: Tx, raw: SqlExecutor, change: OrderChange) => {
    let event = eventOfChange(change);
    if (!event) return;
    const settings = effectiveSettings(await settingsOf(tx, change.order.tenantId));
    // A shop that switched the COD confirmation off still thanks its COD customers.
    if (event === "cod_confirm" && !settings.events.cod_confirm.enabled) event = "created";
    // A person's or an API key's actor carries the shop's switched-off modules (read with the
    // session or key): no second read on the order's hot path. Kabar's own actors do not.
    const off = change.actor.disabledModules;
    const queued = await queueOrderMessage(tx, raw, enqueue, change.order.tenantId, change.order.id, event, {
      settings,
      order: change.order,
      ...(off ? { commerceOn: !off.has("commerce") } : {}),
    });
    if (event === "cod_confirm" && queued && codStarted)
      await codStarted(tx, raw, queued.log, queued.reminderHours);
  };
}
