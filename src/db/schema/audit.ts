import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants.js";

/**
 * The audit log (issue 13): one row per write a person or machine client made, and per
 * sign-in and failed sign-in. Append-only: a trigger (migration `audit_log_append_only`)
 * refuses UPDATE, and DELETE except in the retention sweep's transaction (which sets
 * `SET LOCAL kabar.audit_retention = 'on'`). Names are copied at write time, so an entry
 * still says who and what after a rename, deactivation or deletion.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** The person (null: a machine client with an API key, or Kabar itself). No foreign key: the entry outlives the user. */
    actorUserId: uuid("actor_user_id"),
    /** The person's name (or the API key's name) when the entry was written. */
    actorName: text("actor_name"),
    /** The actor's role key (src/lib/permissions.ts, or `custom`). */
    actorRole: text("actor_role").notNull(),
    /** The actor's outlet (outlets arrive with their own branch; null until then). */
    actorOutlet: text("actor_outlet"),
    /** The API key a machine client called with. */
    apiKeyId: uuid("api_key_id"),
    /** What was done: `contact.update`, `campaign.start`, `auth.sign_in`… or a route's permission key. */
    action: text("action").notNull(),
    /** What it was done to: `user`, `role`, `tenant`, `contact`… */
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    targetName: text("target_name"),
    /** The outlet the target belongs to (a number's, a contact's home, an order's…); null: the shop's. No foreign key: the entry outlives the outlet. */
    targetOutletId: uuid("target_outlet_id"),
    /** The changed fields, `{ field: [before, after] }`, secrets redacted; null when not known. */
    changes: jsonb("changes").$type<Record<string, [unknown, unknown]>>(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** Where the write came from: `http`, `cli` or `job`. */
    source: text("source", { enum: ["http", "cli", "job"] }).notNull(),
  },
  (t) => [index("audit_log_tenant_at_idx").on(t.tenantId, t.at.desc(), t.id.desc())],
);
