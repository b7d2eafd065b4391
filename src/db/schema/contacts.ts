import { sql } from "drizzle-orm";
import {
  pgTable,
  uuid,
  text,
  timestamp,
  jsonb,
  boolean,
  integer,
  primaryKey,
  index,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { outlets } from "./outlets.js";
import { tenants, users } from "./tenants.js";

/** A customer, keyed by phone (E.164) within a tenant. */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    name: text("name"),
    /** Where the name came from; a 'manual' name is never overwritten by an import or profile. */
    nameSource: text("name_source", { enum: ["manual", "import", "profile"] }),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    labels: text("labels").array().notNull().default(sql`'{}'::text[]`),
    optedOut: boolean("opted_out").notNull().default(false),
    optedOutAt: timestamp("opted_out_at", { withTimezone: true }),
    /**
     * The contact's home outlet (issue 13): set by the number that first talked to them (the
     * inbox's intake), by an import or by hand; null until one of those. Staff limited to
     * outlets see a contact whose home, or one of whose `contact_outlets`, is theirs.
     */
    homeOutletId: uuid("home_outlet_id").references(() => outlets.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contacts_tenant_phone_uq").on(t.tenantId, t.phone),
    index("contacts_labels_gin").using("gin", t.labels),
    index("contacts_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("contacts_home_outlet_idx").on(t.homeOutletId),
  ],
);

/**
 * The outlets a contact is a customer of (issue 13): a row per outlet whose number had a
 * conversation with them (written when the conversation is created, never per message).
 * The outlets module owns it; the inbox's intake adds the row of a new conversation.
 */
export const contactOutlets = pgTable(
  "contact_outlets",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    outletId: uuid("outlet_id")
      .notNull()
      .references(() => outlets.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.outletId] }),
    index("contact_outlets_outlet_idx").on(t.outletId),
  ],
);

/** One contact file import and its outcome counts. */
export const imports = pgTable("imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  /** The outlet the imported contacts were homed in (issue 13); null: the shop's, by someone of every outlet. */
  outletId: uuid("outlet_id").references(() => outlets.id, { onDelete: "set null" }),
  filename: text("filename"),
  format: text("format").notNull(),
  status: text("status", { enum: ["processing", "completed", "failed"] })
    .notNull()
    .default("processing"),
  /** Data rows read (good + rejected). */
  totalRows: integer("total_rows").notNull().default(0),
  created: integer("created").notNull().default(0),
  merged: integer("merged").notNull().default(0),
  rejected: integer("rejected").notNull().default(0),
  /** Labels given to every contact of this import. */
  labels: text("labels").array().notNull().default(sql`'{}'::text[]`),
  error: text("error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  /**
   * Last sign of life of the process running a `processing` import (renewed every
   * IMPORT_HEARTBEAT_MS); older than IMPORT_STALE_MS means its process is gone.
   */
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Which contacts an import brought, with the row's raw columns (for positional {{1}} variables). */
export const importRows = pgTable(
  "import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id").notNull(),
    line: integer("line").notNull(),
    columns: text("columns").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.contactId] })],
);

/** A rejected row of an import: its line number in the file and why. */
export const importErrors = pgTable(
  "import_errors",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id").notNull(),
    line: integer("line").notNull(),
    reason: text("reason").notNull(),
    raw: text("raw"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);
