import { sql } from "drizzle-orm";
import {
  boolean,
  pgTable,
  uuid,
  text,
  timestamp,
  index,
  integer,
  unique,
  check,
  foreignKey,
} from "drizzle-orm/pg-core";

/** A shop (tenant). Every other row carries its tenant_id. */
export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** IANA time zone the shop's times are shown and scheduled in (WIB by default). */
  timeZone: text("time_zone").notNull().default("Asia/Jakarta"),
  /** Words that opt a contact out when sent alone (case-insensitive). */
  optOutKeywords: text("opt_out_keywords")
    .array()
    .notNull()
    .default(sql`ARRAY['STOP','BERHENTI','UNSUBSCRIBE']::text[]`),
  locale: text("locale").notNull().default("id"),
  /**
   * A contact who wrote to any of the shop's numbers within this many days is "warm" for a
   * campaign (no new chat); 1–3650, default 90. See campaign_recipients.warm.
   */
  warmDays: integer("warm_days").notNull().default(90),
  /**
   * The modules switched off (issue 13, keys of src/lib/modules.ts): their routes answer 403
   * `module_disabled` and their jobs skip the shop. Empty: everything on. Generated: the
   * owner's choice and the package's exclusions together (may hold a key twice).
   */
  disabledModules: text("disabled_modules")
    .array()
    .notNull()
    .generatedAlwaysAs(sql`array_cat(owner_disabled_modules, package_disabled_modules)`),
  /** The modules the owner switched off on the settings page (`PATCH /tenant`). */
  ownerDisabledModules: text("owner_disabled_modules").array().notNull().default(sql`'{}'::text[]`),
  /**
   * The modules the shop's package does not include (issue 14, SaaS mode; written by the
   * billing module when the package changes). Empty in single mode.
   */
  packageDisabledModules: text("package_disabled_modules").array().notNull().default(sql`'{}'::text[]`),
  /**
   * Set while the shop may not send (issue 14, SaaS mode: `expired` subscription, or
   * `suspended` by the platform admin); written by the billing module with the subscription's
   * status, read by every sender in the query it already makes (the campaign dispatcher's
   * running-campaign query, the auto-reply and order-message jobs). Null: sending allowed.
   */
  sendBlock: text("send_block", { enum: ["expired", "suspended"] }),
  /** Audit log entries older than this many days are deleted by the daily sweep (30–3650, default 365). */
  auditRetentionDays: integer("audit_retention_days").notNull().default(365),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
/**
 * A shop's own roles (issue 13): a name and a set of permission keys (src/lib/permissions.ts).
 * The built-in roles (owner, admin, manager, supervisor, agent, viewer) are not rows: they
 * live in the code, so a new permission reaches them with a release. `cloned_from` is the
 * built-in role a custom role started from (null: from scratch).
 */
export const roles = pgTable(
  "roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    clonedFrom: text("cloned_from"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("roles_tenant_name_unique").on(t.tenantId, t.name),
    unique("roles_tenant_id_unique").on(t.tenantId, t.id),
  ],
);

/** The role column's values: a built-in role, or `custom` with `role_id` naming the shop's role. */
export const USER_ROLES = ["owner", "admin", "manager", "supervisor", "agent", "viewer", "custom"] as const;

/**
 * A person who signs in. Role: a built-in role (src/lib/permissions.ts), or `custom` with
 * `role_id` a role of the same shop (the composite key makes another shop's role impossible). The
 * e-mail (lower-cased) is unique within a shop, not across shops: adding a user never tells
 * a shop whether that e-mail is used elsewhere. Sign-in finds the account by e-mail and
 * password (src/modules/auth/service.ts).
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull().default("agent"),
    roleId: uuid("role_id"),
    /** Set for a temporary password (added, or reset by staff): every route but sign-out, session and change-password answers 403 until the user changes it. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    /** When the user was deactivated (cannot sign in, no sessions); null while active. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("users_tenant_email_unique").on(t.tenantId, t.email),
    index("users_email_idx").on(t.email),
    foreignKey({
      name: "users_role_fk",
      columns: [t.tenantId, t.roleId],
      foreignColumns: [roles.tenantId, roles.id],
    }).onDelete("restrict"),
    check(
      "users_role_check",
      sql`${t.role} in ('owner', 'admin', 'manager', 'supervisor', 'agent', 'viewer', 'custom') and (${t.role} = 'custom') = (${t.roleId} is not null)`,
    ),
  ],
);

/**
 * Failed sign-ins per account (keyed by the lower-cased, trimmed e-mail, whether or not
 * any user has it, so the answer never tells which e-mails exist). Shared by every
 * process and kept across restarts; a successful sign-in deletes the row.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  email: text("email").primaryKey(),
  /** Consecutive failures since the last success (or since the row expired). */
  failures: integer("failures").notNull().default(0),
  /** No sign-in is tried for this e-mail before then (null: not locked). */
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A signed-in browser or CLI. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
