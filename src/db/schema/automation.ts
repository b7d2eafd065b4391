import { sql } from "drizzle-orm";
import { pgTable, uuid, text, timestamp, jsonb, integer, boolean, index } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";
import { channels } from "./channels.js";
import { contacts } from "./contacts.js";
import { conversations, messages } from "./inbox.js";

/** Auto-reply rule types (src/modules/automation/rules.ts holds each type's config schema). */
export const AUTO_REPLY_TYPES = ["keyword", "welcome", "outside_hours", "fallback", "opt_out"] as const;
export type AutoReplyType = (typeof AUTO_REPLY_TYPES)[number];

/**
 * What happened to one incoming message a rule matched: `scheduled` (the reply waits for
 * its delay), then `sent` or `failed` or `cancelled` (the contact opted out meanwhile, the
 * rule was disabled); or skipped at once: `cooldown`, `opted_out`, `suspected_bot`,
 * `stale` (the message reached Kabar long after it was written, e.g. after a reconnect).
 */
export const AUTO_REPLY_OUTCOMES = [
  "scheduled",
  "sent",
  "failed",
  "cancelled",
  "cooldown",
  "opted_out",
  "suspected_bot",
  "stale",
] as const;
export type AutoReplyOutcome = (typeof AUTO_REPLY_OUTCOMES)[number];

/** A shop's auto-reply rule. `channel_id` null = every channel of the tenant. */
export const autoReplyRules = pgTable(
  "auto_reply_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    type: text("type", { enum: AUTO_REPLY_TYPES }).notNull(),
    /** Per-type settings, validated by zod per type (rules.ts). */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    /** The reply, a template body ({{name}}, {{phone}}, attributes, spintax). */
    reply: text("reply").notNull(),
    /** 0–100, higher is tried first. */
    priority: integer("priority").notNull().default(50),
    enabled: boolean("enabled").notNull().default(true),
    /** Seconds during which this rule does not answer the same contact again. */
    cooldownSeconds: integer("cooldown_seconds").notNull().default(3600),
    /** Human-like delay before the reply, seconds (1–60). */
    delayMinSeconds: integer("delay_min_seconds").notNull().default(2),
    delayMaxSeconds: integer("delay_max_seconds").notNull().default(5),
    triggerCount: integer("trigger_count").notNull().default(0),
    lastTriggeredAt: timestamp("last_triggered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auto_reply_rules_tenant_idx").on(t.tenantId, t.enabled)],
);

/**
 * What fired for which incoming message (one row per decision). `at` is the incoming
 * message's time, the instant rules were evaluated for; cooldowns and the bot heuristic
 * read this table. The reply's own message row is `reply_message_id` once sent.
 */
export const autoReplyLog = pgTable(
  "auto_reply_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id")
      .notNull()
      .references(() => autoReplyRules.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** The incoming message. */
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    outcome: text("outcome", { enum: AUTO_REPLY_OUTCOMES }).notNull(),
    /** The rendered reply (kept for the send job and the log). */
    replyText: text("reply_text"),
    /** The reply's row in `messages`, once sent. */
    replyMessageId: uuid("reply_message_id").references(() => messages.id, { onDelete: "set null" }),
    /** When the network accepted the reply. */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /**
     * SaaS mode: the reply holds one message unit, reserved when its job takes it to send
     * and given back if it ends failed or cancelled (docs/billing.md "Quota metering").
     */
    unitHeld: boolean("unit_held").notNull().default(false),
    error: text("error"),
    at: timestamp("at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index("auto_reply_log_rule_idx").on(t.ruleId, t.at),
    index("auto_reply_log_contact_idx").on(t.tenantId, t.contactId, t.at),
  ],
);
