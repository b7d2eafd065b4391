import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns.js";
import { channels } from "./channels.js";
import { tenants } from "./tenants.js";

export const NOTIFICATION_KINDS = [
  "channel_blocked",
  "channel_logged_out",
  "channel_needs_token",
  "channel_replaced",
  "campaign_paused",
  "campaign_completed",
  "campaign_failed",
  "wa_template_approved",
  "wa_template_rejected",
  "wa_template_paused",
  "wa_template_category_changed",
  /** A WhatsApp Web number's new chats are slowed, held or resumed (new-chat cap, timelock, 463). */
  "channel_restricted",
  /** An outgoing webhook endpoint failed for 24 h and was turned off (`reason`: its URL). */
  "webhook_endpoint_disabled",
  /** A shop's daily reminder run was skipped for its WhatsApp template (`reason`: the error code). */
  "reminders_skipped",
  /** SaaS mode: the platform admin suspended the shop (`reason`: the admin's words); sending stopped. */
  "shop_suspended",
  /** SaaS mode: the platform admin lifted the suspension. */
  "shop_resumed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Something the shop must know without watching a page: a channel that stopped (blocked,
 * logged out, token expired, replaced), a campaign that paused on its own or ended, or
 * Meta's review of a WhatsApp template (approved, rejected, paused, category changed).
 * Shown to every user of the tenant (the owner acts on it); `read_at` is shared.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    severity: text("severity", { enum: ["error", "warning", "info"] }).notNull(),
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    /** Machine reason (campaign: channel_blocked, too_many_failures, …) or the network's message. */
    reason: text("reason"),
    /** Until when what it tells lasts, when known (channel_restricted: the cycle's or the lock's end). */
    until: timestamp("until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_tenant_idx").on(t.tenantId, t.createdAt)],
);
