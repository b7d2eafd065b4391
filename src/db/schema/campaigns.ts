import type { RfmSegment } from "./segments.js";
import { sql } from "drizzle-orm";
import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  integer,
  bigint,
  boolean,
  index,
  uniqueIndex,
  primaryKey,
} from "drizzle-orm/pg-core";
import { tenants, users } from "./tenants.js";
import { channels } from "./channels.js";
import { contacts } from "./contacts.js";
import { templates } from "./templates.js";
import type { MediaAttachment } from "./media.js";

/**
 * An approved WhatsApp template to send (Cloud API), with parameter values that may use
 * Kabar variables ({{name}}, {{1}}, …), rendered per recipient. `header` and `body` give
 * the values in order for a POSITIONAL template ({{1}}, {{2}}, …) or by parameter name for
 * a NAMED one (`{ customer_name: "{{name|Kak}}" }`).
 */
export interface WaTemplateRef {
  name: string;
  language: string;
  header?: string[] | Record<string, string>;
  body?: string[] | Record<string, string>;
  buttons?: Array<{ index: number; subType: "quick_reply" | "url"; parameter: string }>;
}

/** Template parameter values rendered for one recipient (see src/modules/campaigns/wa-template.ts). */
export type TemplateParamValues = Omit<WaTemplateRef, "name" | "language">;

/** Who a campaign goes to, resolved into recipients when it starts. */
export type Audience = (
  | { type: "all" }
  | { type: "labels"; labels: string[]; match?: "any" | "all" }
  | { type: "import"; importId: string }
  /** The contacts whose recipients in campaign `campaignId` are suspected drops when this one starts. */
  | { type: "drops"; campaignId: string }
  /** The customers in an RFM segment when the campaign starts (src/modules/segments). */
  | { type: "segment"; segment: RfmSegment }
  /** The customers of a daily repeat-order reminder run, each with their own products (src/modules/reminders). */
  | { type: "reminders"; runId: string }
  /** The customers of an outlet: homed there or a customer there (`contact_outlets`, issue 13). */
  | { type: "outlet"; outletId: string }
) & {
  /**
   * The outlets whose customers the audience is limited to: Kabar stamps those of staff
   * limited to outlets who write or start the campaign (issue 13); absent: no limit.
   */
  outletIds?: string[];
};

export const CAMPAIGN_STATUSES = [
  "draft",
  "scheduled",
  "running",
  "paused",
  "completed",
  "cancelled",
  "failed",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * How a campaign over several numbers (its pool, `campaign_channels`) gives each recipient a
 * number: `weighted` splits by the numbers' weights and health; `hybrid` sends warm
 * recipients over the pool's WhatsApp Web / sandbox numbers and cold ones (new chats) over
 * its Cloud API numbers with the campaign's approved template (issue 15, part 4).
 */
export const CAMPAIGN_ROUTINGS = ["weighted", "hybrid"] as const;
export type CampaignRouting = (typeof CAMPAIGN_ROUTINGS)[number];

/** A broadcast: one message (with variables) to an audience over one channel, or a pool of them. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The campaign's main number (its templates, its hold); the whole pool is in `campaign_channels`. */
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "restrict" }),
    /** How the pool's numbers share the recipients (CAMPAIGN_ROUTINGS). */
    routing: text("routing", { enum: CAMPAIGN_ROUTINGS }).notNull().default("weighted"),
    templateId: uuid("template_id").references(() => templates.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    media: jsonb("media").$type<MediaAttachment | null>(),
    audience: jsonb("audience").$type<Audience>().notNull(),
    /** Cloud API channels: the approved WhatsApp template sent instead of free text. */
    waTemplate: jsonb("wa_template").$type<WaTemplateRef | null>(),
    status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
    /** Why the campaign is paused or failed (e.g. channel_blocked, too_many_failures). */
    statusReason: text("status_reason"),
    /**
     * While running with cold recipients held back by the governor: when they may be sent
     * again (the cap cycle's or the timelock's end); null when not held or not known.
     */
    heldUntil: timestamp("held_until", { withTimezone: true }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("campaigns_tenant_idx").on(t.tenantId, t.createdAt),
    index("campaigns_channel_status_idx").on(t.channelId, t.status),
  ],
);

export const RECIPIENT_STATUSES = [
  "pending",
  "sending",
  "sent",
  "delivered",
  "read",
  "failed",
  "skipped",
  "unknown",
  /**
   * `sent` and no delivery receipt within the window of its channel's kind (the delivery
   * ledger, src/modules/campaigns/drops.ts): accepted by WhatsApp's server, apparently never
   * on the customer's phone. A later delivered / read / failed receipt still settles it.
   */
  "suspected_drop",
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/**
 * Why the governor holds a cold recipient back (issue 15): the number's new-chat cap is at
 * its second warning (`cap_warning`) or reached (`capped`), a reach-out timelock is active
 * (`timelock`), or WhatsApp refused a send to a new chat with error 463 (`reachout_refused`).
 */
export const HELD_REASONS = ["cap_warning", "capped", "timelock", "reachout_refused"] as const;
export type HeldReason = (typeof HELD_REASONS)[number];

/**
 * The audience snapshot taken when a campaign starts: the outbox and the report in one.
 * `message_id` is derived from the campaign and contact, so a resend after a crash carries
 * the same id and the network de-duplicates it.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid("tenant_id").notNull(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    /**
     * The number that sends to this recipient: given at the snapshot (weight, health, the
     * number the customer already chats with, the hybrid rule); a number of the pool that
     * stops for good (banned, logged out, out of new chats) has its pending recipients taken
     * over by the others when they claim (queries/dispatch.ts), so the report shows who sent.
     */
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "restrict" }),
    /** The rendered message text (variables and spintax resolved). */
    text: text("text").notNull(),
    /** Cloud API campaigns: the template's parameter values rendered for this recipient. */
    templateParams: jsonb("template_params").$type<TemplateParamValues | null>(),
    status: text("status", { enum: RECIPIENT_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** Machine code of the failure or skip (opted_out, not_on_whatsapp, rate_limited, …). */
    failureCode: text("failure_code"),
    failureReason: text("failure_reason"),
    messageId: text("message_id").notNull(),
    /**
     * True when the contact had already written to the shop when the campaign started (to
     * this campaign's number ever, or to any of the shop's numbers within the shop's
     * `warm_days`): sending to them opens no new chat. Decided once, at the snapshot: a
     * contact who writes during the campaign stays as classified. False: a new chat ("cold"),
     * which WhatsApp's new-chat cap counts and a reach-out timelock forbids.
     */
    warm: boolean("warm").notNull().default(false),
    /**
     * Why this pending cold recipient is held back by the governor (dispatcher.ts):
     * `cap_warning`, `capped`, `timelock` or `reachout_refused` (error 463); null when not held.
     */
    heldReason: text("held_reason", { enum: HELD_REASONS }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
    repliedAt: timestamp("replied_at", { withTimezone: true }),
    /**
     * Cloud API: Meta's pricing category of the message from its status webhook's `pricing`
     * object (`marketing`, `utility`, `authentication`, `service`, …, as Meta spells it);
     * null until a status carried one, and for networks that charge nothing.
     */
    pricingCategory: text("pricing_category"),
    /** Cloud API: the status webhook's `pricing.billable` (Meta charges the message); null when unknown. */
    billable: boolean("billable"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaign_recipients_message_uq").on(t.messageId),
    uniqueIndex("campaign_recipients_contact_uq").on(t.campaignId, t.contactId),
    index("campaign_recipients_status_idx").on(t.campaignId, t.status),
    index("campaign_recipients_channel_idx").on(t.channelId, t.status),
    index("campaign_recipients_due_idx")
      .on(t.campaignId, t.nextAttemptAt, t.id)
      .where(sql`status = 'pending'`),
    index("campaign_recipients_contact_idx").on(t.contactId, t.sentAt),
    // The delivery ledger's sweep: `sent` recipients oldest first (only those wait for a receipt).
    index("campaign_recipients_sent_idx").on(t.sentAt).where(sql`status = 'sent'`),
  ],
);

/**
 * The numbers a campaign sends from (its pool), each with a weight: the share of recipients
 * it gets at the snapshot is weight × health / the pool's sum. A one-number campaign has one
 * row (its `channel_id`).
 */
export const campaignChannels = pgTable(
  "campaign_channels",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "restrict" }),
    tenantId: uuid("tenant_id").notNull(),
    /** Relative share, 1–100. */
    weight: integer("weight").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.channelId] }),
    index("campaign_channels_channel_idx").on(t.channelId),
  ],
);
