import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels.js";
import { orders } from "./commerce.js";
import { contacts } from "./contacts.js";
import { tenants } from "./tenants.js";

/**
 * What an order message is about: `created` is the thank-you, the statuses are the status
 * messages, `cod_confirm` asks a COD customer to confirm, `cod_reminder` asks once more.
 */
export const ORDER_MESSAGE_EVENTS = [
  "created",
  "confirmed",
  "paid",
  "shipped",
  "completed",
  "cod_confirm",
  "cod_reminder",
] as const;
export type OrderMessageEvent = (typeof ORDER_MESSAGE_EVENTS)[number];

/** One event's settings: whether it is sent, its text, and the Cloud API template outside the 24-hour window. */
export interface OrderMessageEventSettings {
  enabled: boolean;
  /** The message, with `{{order.*}}` and contact variables (src/modules/templates/render.ts). */
  text: string;
  /** An approved Cloud API template (name + language code) sent when the customer's 24-hour window is closed; null: none. */
  waTemplate: { name: string; language: string } | null;
}

/**
 * A shop's order-message settings (one row per shop; no row: the defaults of
 * src/modules/order-messages/defaults.ts). `events` holds only what the shop saved; a missing
 * event takes its default.
 */
export const orderMessageSettings = pgTable("order_message_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** The number order messages are sent from; null: the order's own number, else the shop's first connected one. */
  channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
  events: jsonb("events")
    .$type<Partial<Record<OrderMessageEvent, OrderMessageEventSettings>>>()
    .notNull()
    .default({}),
  /** Hours without an answer before the COD reminder, and again before the order is flagged for CS (1–168). */
  codReminderHours: integer("cod_reminder_hours").notNull().default(12),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Where an order message stands: waiting for its job, sent, or not sent (failed / cancelled, with a reason). */
export const ORDER_MESSAGE_OUTCOMES = ["scheduled", "sent", "failed", "cancelled"] as const;
export type OrderMessageOutcome = (typeof ORDER_MESSAGE_OUTCOMES)[number];

/** The log of order messages: one row per message an order's event asked for, whatever became of it. */
export const orderMessages = pgTable(
  "order_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    event: text("event", { enum: ORDER_MESSAGE_EVENTS }).notNull(),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    /** The rendered text. */
    text: text("text").notNull(),
    /**
     * The variables when the message was written: `used`, those the text uses in first-use
     * order, and `values`, every known variable's value (a Cloud API template's parameters come from them).
     */
    variables: jsonb("variables").$type<{ used: string[]; values: Record<string, string> }>().notNull(),
    outcome: text("outcome", { enum: ORDER_MESSAGE_OUTCOMES }).notNull(),
    /** Why it was not sent: `opted_out`, `window_closed`, `no_channel`, `channel_unavailable`, a transport code. */
    reason: text("reason"),
    /** The outgoing message (`messages.id`) once sent. */
    messageId: uuid("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /**
     * SaaS mode: the message holds one message unit, reserved when its job takes it to send
     * and given back if it ends failed or cancelled (docs/billing.md "Quota metering").
     */
    unitHeld: boolean("unit_held").notNull().default(false),
  },
  (t) => [index("order_messages_order_idx").on(t.orderId, t.createdAt)],
);

/** Where a COD order's confirmation stands. */
export const COD_STATES = ["waiting", "confirmed", "cancelled", "flagged", "closed"] as const;
export type CodState = (typeof COD_STATES)[number];

/**
 * A COD order waiting for (or past) the customer's YA / BATAL. `waiting` until the customer
 * answers or a person moves the order; `flagged` when no answer came after the reminder
 * ("COD belum dikonfirmasi" on the order); `closed` when a person moved the order meanwhile.
 */
export const codConfirmations = pgTable(
  "cod_confirmations",
  {
    orderId: uuid("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    state: text("state", { enum: COD_STATES }).notNull().default("waiting"),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    flaggedAt: timestamp("flagged_at", { withTimezone: true }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A customer's message looks up their open confirmation on that number (cod.ts).
    index("cod_confirmations_open_idx")
      .on(t.tenantId, t.channelId, t.contactId)
      .where(sql`${t.state} IN ('waiting', 'flagged')`),
  ],
);
