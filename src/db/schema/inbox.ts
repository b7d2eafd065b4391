import { sql } from "drizzle-orm";
import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  boolean,
  integer,
  index,
  uniqueIndex,
  bigserial,
  customType,
} from "drizzle-orm/pg-core";
import { tenants, users } from "./tenants.js";
import { channels } from "./channels.js";
import { contacts } from "./contacts.js";
import { campaigns } from "./campaigns.js";
import type { InboundButton, InboundLocation } from "../../channels/transport.js";
import type { MediaAttachment } from "./media.js";

/** One chat between a channel and a contact; the thread is its messages. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["open", "snoozed", "resolved"] })
      .notNull()
      .default("open"),
    unreadCount: integer("unread_count").notNull().default(0),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    /** The agent handling it; null while it waits in the unassigned queue. */
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    /** A conversation is `snoozed` until then, and opens again after. */
    snoozedUntil: timestamp("snoozed_until", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Conversation labels (distinct from the contact's labels). */
    labels: text("labels").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("conversations_channel_contact_uq").on(t.channelId, t.contactId),
    index("conversations_tenant_assignee_idx").on(t.tenantId, t.assigneeId, t.status),
    // The list order (latest first, id breaks ties) for keyset pagination, alone and per status.
    index("conversations_tenant_list_idx").on(t.tenantId, t.lastMessageAt.desc(), t.id.desc()),
    index("conversations_tenant_status_list_idx").on(
      t.tenantId,
      t.status,
      t.lastMessageAt.desc(),
      t.id.desc(),
    ),
    index("conversations_tenant_assignee_list_idx").on(
      t.tenantId,
      t.assigneeId,
      t.lastMessageAt.desc(),
      t.id.desc(),
    ),
    index("conversations_labels_gin").using("gin", t.labels),
    // The snooze sweep looks only at snoozed conversations.
    index("conversations_snoozed_idx").on(t.snoozedUntil).where(sql`${t.snoozedUntil} IS NOT NULL`),
  ],
);

export const MESSAGE_STATUSES = ["pending", "sent", "delivered", "read", "failed", "received"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A WhatsApp message, in or out. `external_id` is the network's id (wamid, key id, sandbox id). */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    externalId: text("external_id").notNull(),
    text: text("text"),
    media: jsonb("media").$type<MediaAttachment | null>(),
    /** A customer's answer: the `external_id` of the message it answers (Cloud API `context.id`, WhatsApp Web quoted id). */
    answeringExternalId: text("answering_external_id"),
    /** A customer's answer: the reply button, list row or template quick-reply button tapped (`text` is its label). */
    button: jsonb("button").$type<InboundButton | null>(),
    /** The shop's message: the reply buttons it carried (a Cloud API interactive message; `text` is its body). */
    buttons: jsonb("buttons").$type<Array<{ id: string; title: string }> | null>(),
    /** A location the customer shared (`text` is it as a line with a map link). */
    location: jsonb("location").$type<InboundLocation | null>(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    /** Sent by an auto-reply rule (automation), not by a person or a campaign. */
    autoReply: boolean("auto_reply").notNull().default(false),
    /**
     * SaaS mode: an agent's reply that took a message unit when stored (its package counted
     * agents' replies then); a failure gives exactly that unit back (docs/billing.md).
     */
    unitHeld: boolean("unit_held").notNull().default(false),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("messages_channel_external_uq").on(t.channelId, t.externalId),
    index("messages_thread_idx").on(t.channelId, t.contactId, t.createdAt),
    // Inbox search by message text (ILIKE '%…%'); pg_trgm is created by migration 0006.
    index("messages_text_trgm_idx").using("gin", sql`${t.text} gin_trgm_ops`),
    // GET /media/:id for someone limited to outlets looks for the messages holding the file.
    index("messages_media_id_idx")
      .on(t.tenantId, sql`(${t.media}->>'id')`)
      .where(sql`${t.media} IS NOT NULL`),
  ],
);

/** An internal note on a conversation: seen by the shop's agents, never sent to the customer. */
export const conversationNotes = pgTable(
  "conversation_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The agent who wrote it; null once that user is deleted. */
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversation_notes_conversation_idx").on(t.conversationId, t.createdAt)],
);

/**
 * A quick reply (canned response) of a tenant: typed as `/shortcut` in the composer, its
 * `body` is a template (src/modules/templates/render.ts) filled for the conversation's contact.
 */
export const quickReplies = pgTable(
  "quick_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    /** A file sent with the text (one of the shop's files by id, or a link), or null. */
    media: jsonb("media").$type<MediaAttachment | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("quick_replies_tenant_shortcut_uq").on(t.tenantId, t.shortcut)],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * Socket.IO's PostgreSQL adapter keeps payloads too large for NOTIFY (over 8,000 bytes, or
 * binary) here; the adapter reads and cleans it (@socket.io/postgres-adapter, `tableName`).
 */
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigserial("id", { mode: "number" }).unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow(),
  payload: bytea("payload"),
});
