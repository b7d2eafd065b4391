import { index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contacts } from "./contacts.js";
import { tenants } from "./tenants.js";

/**
 * The named RFM segments, in the order their rules are tried (src/modules/segments/rules.ts):
 * the first that matches names the customer.
 */
export const RFM_SEGMENTS = [
  "inactive",
  "new",
  "champions",
  "at_risk",
  "big_spender",
  "loyal",
  "promising",
  "need_attention",
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/**
 * A customer's RFM scores, recomputed nightly and on demand from the shop's orders (not
 * drafts, cancelled or returned): recency = days since the last order, frequency = orders in
 * the last 365 days, monetary = rupiah in the last 365 days; each scored 1–5 within the shop.
 * Contacts without an order have no row.
 */
export const contactRfm = pgTable(
  "contact_rfm",
  {
    contactId: uuid("contact_id")
      .primaryKey()
      .references(() => contacts.id, { onDelete: "cascade" }),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    recencyDays: integer("recency_days").notNull(),
    frequency: integer("frequency").notNull(),
    /** Rupiah. */
    monetary: integer("monetary").notNull(),
    /** Orders ever (a "new" customer has one). */
    ordersEver: integer("orders_ever").notNull(),
    rScore: smallint("r_score").notNull(),
    fScore: smallint("f_score").notNull(),
    mScore: smallint("m_score").notNull(),
    segment: text("segment", { enum: RFM_SEGMENTS }).notNull(),
    lastOrderAt: timestamp("last_order_at", { withTimezone: true }).notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("contact_rfm_tenant_segment_idx").on(t.tenantId, t.segment)],
);

/** A shop's RFM thresholds (defaults in src/modules/segments/rules.ts) and when its segments were last computed. */
export const rfmSettings = pgTable("rfm_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** The shop's changes to the default thresholds (`RfmThresholds`); `{}` = all defaults. */
  thresholds: jsonb("thresholds").$type<Record<string, number>>().notNull().default({}),
  computedAt: timestamp("computed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
