import { index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./tenants.js";

/**
 * A shop's outlet (issue 13, "Outlets"): a branch with its own numbers, customers and staff.
 * Every shop has at least one (the migration 0035 made one per shop, named after it; a new
 * shop gets one with its first start). `province` is a Kemendagri code
 * (src/lib/regions/provinces.ts); `phone` is E.164 (src/lib/phone). The outlets module owns it.
 */
export const outlets = pgTable(
  "outlets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    address: text("address"),
    city: text("city"),
    province: text("province"),
    phone: text("phone"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("outlets_tenant_name_unique").on(t.tenantId, t.name),
    index("outlets_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);

/**
 * The outlets a user works in. A user with no row works in every outlet of the shop. An
 * outlet someone is limited to is not deleted (the foreign key, NO ACTION: checked at the end
 * of the statement, so deleting a whole shop still cascades): the user would otherwise widen
 * to every outlet. The outlets module owns it.
 */
export const userOutlets = pgTable(
  "user_outlets",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    outletId: uuid("outlet_id")
      .notNull()
      .references(() => outlets.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.outletId] }), index("user_outlets_outlet_idx").on(t.outletId)],
);
