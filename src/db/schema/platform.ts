import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * The platform's operators (issue 14, SaaS mode): they run the platform console (shops,
 * packages, payments, totals) and never belong to a shop, so no shop route accepts them and
 * they read usage, never a shop's conversations or contacts. The first is made on the first
 * start in SaaS mode (its password printed once, like the demo owner's).
 */
export const platformAdmins = pgTable(
  "platform_admins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("platform_admins_email_unique").on(t.email)],
);

/** A platform admin's signed-in browser: like `sessions`, only the token's SHA-256 is stored. */
export const platformSessions = pgTable(
  "platform_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    adminId: uuid("admin_id")
      .notNull()
      .references(() => platformAdmins.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("platform_sessions_admin_idx").on(t.adminId)],
);
