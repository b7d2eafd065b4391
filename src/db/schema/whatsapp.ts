import {
  customType,
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  boolean,
  primaryKey,
  index,
} from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";
import { channels } from "./channels.js";
import { contacts } from "./contacts.js";

/** PostgreSQL bytea as a Node Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * A channel's secrets (Cloud API access token, app secret, verify token), as one JSON
 * object sealed with AES-256-GCM under KABAR_SECRET_KEY (src/lib/crypto.ts), the channel id
 * as associated data. Never logged, never returned by the API.
 */
export const channelSecrets = pgTable("channel_secrets", {
  channelId: uuid("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  sealed: bytea("sealed").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Baileys auth state: `kind` 'creds' (key_id '') or a signal key type ('pre-key',
 * 'session', 'sender-key', 'app-state-sync-key', …) with its id. Values are the
 * BufferJSON-serialised objects, sealed with AES-256-GCM (channel id as associated data).
 */
export const baileysAuth = pgTable(
  "baileys_auth",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    keyId: text("key_id").notNull(),
    value: bytea("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.kind, t.keyId] })],
);

/** Which Kabar process holds a channel's live connection, until when (lease with heartbeat). */
export const channelLeases = pgTable("channel_leases", {
  channelId: uuid("channel_id")
    .primaryKey()
    .references(() => channels.id, { onDelete: "cascade" }),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  acquiredAt: timestamp("acquired_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Webhook deliveries already processed (Cloud API: wamid, or wamid + status), for de-duplication. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    eventKey: text("event_key").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.eventKey] })],
);

/** WhatsApp JIDs (phone-number JIDs and LIDs) that belong to a contact. */
export const whatsappJids = pgTable(
  "whatsapp_jids",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    jid: text("jid").notNull(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.jid] }), index("whatsapp_jids_contact_idx").on(t.contactId)],
);

/** Cached answers of "is this number on WhatsApp?" (Baileys onWhatsApp), per tenant. */
export const numberChecks = pgTable(
  "number_checks",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    onWhatsApp: boolean("on_whatsapp").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.phone] })],
);

/** Message templates approved on a Cloud API channel's WhatsApp Business Account (synced). */
export const waTemplates = pgTable(
  "wa_templates",
  {
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id").notNull(),
    name: text("name").notNull(),
    language: text("language").notNull(),
    status: text("status").notNull(),
    category: text("category"),
    /** POSITIONAL or NAMED as Meta returned it; null for rows synced before Kabar asked for it. */
    parameterFormat: text("parameter_format"),
    /** The template's components as Meta returns them (header, body, footer, buttons). */
    components: jsonb("components").notNull(),
    /** Meta's template id (given at submission, in the sync and in status webhooks). */
    metaId: text("meta_id"),
    /** Why Meta rejected, paused or disabled it (the status webhook's `reason`), else null. */
    reason: text("reason"),
    /** The category before Meta changed it (`template_category_update`); null when Meta never did. */
    previousCategory: text("previous_category"),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.name, t.language] })],
);
