import { pgTable, uuid, text, timestamp, integer, boolean, primaryKey, index } from "drizzle-orm/pg-core";
import { tenants, users } from "./tenants.js";
import { channels } from "./channels.js";
import { conversations } from "./inbox.js";

/** Why a conversation came to an agent (`conversation_assignments.reason`). See docs/ARCHITECTURE.md "Assignment". */
export const ASSIGNMENT_REASONS = ["auto", "manual", "transfer", "offline"] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

/** Why an assignment ended (`conversation_assignments.end_reason`). */
export const ASSIGNMENT_END_REASONS = ["manual", "transfer", "offline"] as const;
export type AssignmentEndReason = (typeof ASSIGNMENT_END_REASONS)[number];

/** The cap of an agent who never had it set. */
export const DEFAULT_MAX_OPEN_CONVERSATIONS = 20;

/**
 * Per-agent assignment settings and presence. A user without a row is offline with the
 * default cap (20 open conversations).
 */
export const agentSettings = pgTable(
  "agent_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Most unresolved conversations round robin gives this agent (manual assignment may exceed it). */
    maxOpenConversations: integer("max_open_conversations").notNull().default(DEFAULT_MAX_OPEN_CONVERSATIONS),
    online: boolean("online").notNull().default(false),
    /** Last time a socket of the agent was seen (connect, heartbeat, disconnect) or presence was set. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    /** When round robin (or a person) last gave the agent a conversation: the round-robin tie-break. */
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
  },
  (t) => [index("agent_settings_tenant_idx").on(t.tenantId)],
);

/** A channel's team: the users who answer its conversations. No rows: every agent and owner of the tenant. */
export const channelAgents = pgTable(
  "channel_agents",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.userId] }),
    index("channel_agents_tenant_idx").on(t.tenantId),
  ],
);

/**
 * The assignment queue: open, unassigned conversations and since when they wait. An open
 * conversation without an assignee and without a row waits since it was created.
 */
export const conversationQueue = pgTable(
  "conversation_queue",
  {
    conversationId: uuid("conversation_id")
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    waitingSince: timestamp("waiting_since", { withTimezone: true }).notNull().defaultNow(),
    /** The reason the assignment that takes it out of the queue records (`offline` after a handover). */
    reason: text("reason", { enum: ASSIGNMENT_REASONS }).notNull().default("auto"),
  },
  (t) => [index("conversation_queue_tenant_idx").on(t.tenantId, t.waitingSince)],
);

/**
 * Assignment history: one row per period a conversation was with one agent. The open row
 * (`unassigned_at` null) is the current assignee. Reports attribute by the rule in
 * docs/ARCHITECTURE.md "Assignment".
 */
export const conversationAssignments = pgTable(
  "conversation_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    unassignedAt: timestamp("unassigned_at", { withTimezone: true }),
    reason: text("reason", { enum: ASSIGNMENT_REASONS }).notNull(),
    endReason: text("end_reason", { enum: ASSIGNMENT_END_REASONS }),
    /** Who assigned it by hand (manual, transfer); null when Kabar did. */
    byUserId: uuid("by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("conversation_assignments_conversation_idx").on(t.conversationId, t.assignedAt),
    index("conversation_assignments_tenant_user_idx").on(t.tenantId, t.userId, t.assignedAt),
  ],
);
