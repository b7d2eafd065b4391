import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { campaigns, type WaTemplateRef } from "./campaigns.js";
import { channels } from "./channels.js";
import { orders, products } from "./commerce.js";
import { contacts } from "./contacts.js";
import { tenants } from "./tenants.js";

/**
 * A shop's repeat-order reminder settings (src/modules/reminders). A shop without a row
 * has the defaults below. `message` null means the default Indonesian text
 * (src/modules/reminders/render.ts).
 */
export const reminderSettings = pgTable(
  "reminder_settings",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** The daily run sends only when on (planning and the preview work either way). */
    enabled: boolean("enabled").notNull().default(false),
    /** Days before the product runs out that the reminder is due (0–60). */
    leadDays: smallint("lead_days").notNull().default(3),
    /** The hour of the shop's day (0–23, the shop's time zone) the daily run sends at. */
    sendHour: smallint("send_hour").notNull().default(9),
    /** The number reminders go out from; null: the shop's first connected number. */
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    /** The message, with `{{name}}`, `{{reminder.items}}`, `{{reminder.suggestions}}`; null: the default. */
    message: text("message"),
    /**
     * Cloud API numbers: the approved WhatsApp template a run sends (name, language and its
     * parameters as Kabar template strings, which may use `{{reminder.items}}` and
     * `{{reminder.suggestions}}`); null: none (WhatsApp Web and sandbox numbers send `message`).
     */
    waTemplate: jsonb("wa_template").$type<WaTemplateRef | null>(),
    crossSell: boolean("cross_sell").notNull().default(true),
    /** Suggested products per message (0–5). */
    maxSuggestions: smallint("max_suggestions").notNull().default(2),
    /** The shop-zone date of the last daily run (a run happens at most once a day). */
    lastRunOn: date("last_run_on", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("reminder_settings_lead_check", sql`${t.leadDays} BETWEEN 0 AND 60`),
    check("reminder_settings_hour_check", sql`${t.sendHour} BETWEEN 0 AND 23`),
    check("reminder_settings_suggestions_check", sql`${t.maxSuggestions} BETWEEN 0 AND 5`),
  ],
);

/**
 * A reminder's state: `planned` (waiting for its due date), `postponed` (the customer said
 * "NANTI": due again 7 days later), `sent` (in a campaign), `skipped` (not sent, see
 * `reason`), `cancelled` (the shop turned it off). A newer completed order of the same
 * product moves the pending reminder rather than adding one.
 */
export const REMINDER_STATUSES = ["planned", "postponed", "sent", "skipped", "cancelled"] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * One planned repeat-order reminder: remind `contactId` to buy `productId` again on
 * `dueOn` (the shop-zone calendar date of the source order's completion + the product's
 * consumption interval − the shop's lead days). At most one pending (planned or
 * postponed) reminder per customer and product: a newer completed order moves it.
 */
export const orderReminders = pgTable(
  "order_reminders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    /** The completed order the reminder comes from. */
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** A calendar date of the shop's time zone, `YYYY-MM-DD`. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: text("status", { enum: REMINDER_STATUSES }).notNull().default("planned"),
    /** Why it was skipped: `reordered`, `opted_out`, `reminders_stopped`. */
    reason: text("reason"),
    /** The daily run that sent it (its messages: `reminder_run_messages`). */
    runId: uuid("run_id"),
    /** The campaign that sent it. */
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    plannedAt: timestamp("planned_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_reminders_pending_uq")
      .on(t.tenantId, t.contactId, t.productId)
      .where(sql`${t.status} IN ('planned', 'postponed')`),
    index("order_reminders_due_idx")
      .on(t.tenantId, t.dueOn)
      .where(sql`${t.status} IN ('planned', 'postponed')`),
    index("order_reminders_contact_idx").on(t.contactId, t.sentAt),
  ],
);

/**
 * One customer's message of a daily run: the campaign of the run (audience
 * `{ type: "reminders", runId }`) sends each customer here one message, rendered from
 * `columns` (`{{1}}` the products, `{{2}}` the suggestions, `{{3}}` the suggestions line;
 * src/modules/reminders/render.ts).
 */
export const reminderRunMessages = pgTable(
  "reminder_run_messages",
  {
    runId: uuid("run_id").notNull(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    columns: text("columns").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.contactId] })],
);

/**
 * Reminder consent: a customer who said "STOP" to a reminder gets no more reminders. It is
 * apart from the contact's opt-out (`contacts.opted_out`, which stops campaigns too): both
 * kinds of consent are kept, and either stops reminders.
 */
export const reminderOptOuts = pgTable(
  "reminder_opt_outs",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    /** `reply` (the customer wrote STOP) or `staff`. */
    source: text("source", { enum: ["reply", "staff"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.contactId] })],
);
