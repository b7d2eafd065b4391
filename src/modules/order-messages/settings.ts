/** A shop's order-message settings as they apply: the saved ones over the defaults (defaults.ts). */
import { ORDER_MESSAGE_EVENTS, type OrderMessageEvent, type OrderMessageEventSettings } from "./schemas.js";
import { DEFAULT_COD_REMINDER_HOURS, DEFAULT_EVENTS } from "./defaults.js";
import type { SettingsRow } from "./queries.js";

/** Settings in force: every event present. */
export interface EffectiveSettings {
  /** The number to send from; null: the order's own, else the shop's first connected one. */
  channelId: string | null;
  events: Record<OrderMessageEvent, OrderMessageEventSettings>;
  /** Hours before the COD reminder, and again before the flag for CS. */
  codReminderHours: number;
}

/** The saved row (or none) over the defaults. */
export function effectiveSettings(row: SettingsRow | undefined): EffectiveSettings {
  const events = {} as Record<OrderMessageEvent, OrderMessageEventSettings>;
  for (const e of ORDER_MESSAGE_EVENTS) events[e] = row?.events[e] ?? DEFAULT_EVENTS[e];
  return {
    channelId: row?.channelId ?? null,
    events,
    codReminderHours: row?.codReminderHours ?? DEFAULT_COD_REMINDER_HOURS,
  };
}

/**
 * The event an order change sends, if any: a new order (or a draft placed) → `created`, or
 * `cod_confirm` instead for a COD order (the thank-you is not sent twice); a move to
 * confirmed / paid / shipped / completed → that status. Drafts and other moves send nothing.
 */
export function eventOfChange(change: {
  kind: "created" | "status";
  from: string | null;
  order: { status: string; paymentMethod: string };
}): OrderMessageEvent | null {
  const placed =
    (change.kind === "created" && change.order.status === "new") ||
    (change.kind === "status" && change.from === "draft" && change.order.status === "new");
  if (placed) return change.order.paymentMethod === "cod" ? "cod_confirm" : "created";
  if (change.kind !== "status") return null;
  const s = change.order.status;
  return s === "confirmed" || s === "paid" || s === "shipped" || s === "completed" ? s : null;
}
