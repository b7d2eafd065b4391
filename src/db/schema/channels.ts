import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  boolean,
  real,
  integer,
  primaryKey,
  index,
  bigint,
} from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";
import { outlets } from "./outlets.js";
import type { Restrictions } from "../../channels/transport.js";

/** A QR to scan (`qr`) or a pairing code to type (`code`), valid until `expiresAt` (epoch ms). */
export interface ChannelLink {
  kind: "qr" | "code";
  value: string;
  expiresAt: number;
}

/** A WhatsApp number connected to Kabar. */
export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** The outlet the number belongs to (issue 13); staff limited to outlets see only their outlets' numbers. */
    outletId: uuid("outlet_id")
      .notNull()
      .references(() => outlets.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["sandbox", "whatsapp_web", "cloud_api"] }).notNull(),
    /** The channel's own number (E.164), once known. */
    phone: text("phone"),
    status: text("status").notNull().default("disconnected"),
    statusSince: timestamp("status_since", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    /** PacingPolicy (src/channels/pacing.ts). */
    pacing: jsonb("pacing").notNull(),
    /** Non-secret transport settings (Cloud API phone number id, WABA id, Graph version, base URL). */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    /** Name of the pacing preset the policy came from, or 'custom'. */
    pacingPreset: text("pacing_preset").notNull().default("safe"),
    /**
     * How to link the device right now (WhatsApp Web, sandbox): the QR on screen or the
     * pairing code to type, with its expiry (epoch ms). Cleared when the status leaves `qr`.
     */
    link: jsonb("link").$type<ChannelLink | null>(),
    /**
     * What WhatsApp restricts the number to (new-chat cap, reach-out timelock), as last read
     * or pushed (`Restrictions` in src/channels/transport.ts); null until first read and on
     * kinds that have none (Cloud API). Written by the WhatsApp layer (channel-rows.ts).
     */
    restrictions: jsonb("restrictions").$type<Restrictions | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channels_outlet_idx").on(t.outletId)],
);

/** Virtual customers of the sandbox network (their number is unique in the whole network). */
export const sandboxPhones = pgTable("sandbox_phones", {
  phone: text("phone").primaryKey(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  onWhatsApp: boolean("on_whatsapp").notNull().default(true),
  readRate: real("read_rate").notNull(),
  replyRate: real("reply_rate").notNull(),
  optOutRate: real("opt_out_rate").notNull().default(0),
  latencyMs: integer("latency_ms").notNull(),
  replies: text("replies").array(),
});

/**
 * Every message the sandbox network carried. The primary key (channel, message id) is how
 * the sandbox de-duplicates like WhatsApp does, across restarts of Kabar.
 */
export const sandboxMessages = pgTable(
  "sandbox_messages",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    messageId: text("message_id").notNull(),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    /** The virtual customer's number. */
    phone: text("phone").notNull(),
    text: text("text"),
    media: jsonb("media"),
    /** Epoch ms. */
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.messageId] }),
    index("sandbox_messages_phone_idx").on(t.phone, t.at),
    index("sandbox_messages_channel_at_idx").on(t.channelId, t.at),
  ],
);

/** Sandbox channels whose QR has been scanned (the sandbox's "linked device" credentials). */
export const sandboxPairings = pgTable("sandbox_pairings", {
  channelId: uuid("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  pairedAt: timestamp("paired_at", { withTimezone: true }).notNull().defaultNow(),
});
