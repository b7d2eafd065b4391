import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { API_SCOPES } from "../../lib/actor.js";
import { channels } from "./channels.js";
import { contacts } from "./contacts.js";
import type { MediaAttachment } from "./media.js";
import { outlets } from "./outlets.js";
import { tenants, users } from "./tenants.js";

/**
 * A product of the shop's catalogue. Prices are whole rupiah. `consumptionDays` is how long
 * one unit lasts a customer (a 250 g bag of coffee: 14 days): repeat-order reminders are
 * planned from it; null means the product is not reminded.
 */
export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Stock-keeping unit, unique within the shop regardless of case ("KOPI-250" = "kopi-250"). */
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    /** Rupiah, whole (no cents), ≥ 0. */
    price: integer("price").notNull(),
    category: text("category"),
    image: jsonb("image").$type<MediaAttachment | null>(),
    active: boolean("active").notNull().default(true),
    /** Days one unit lasts (1–3650); null: no repeat-order reminder. */
    consumptionDays: integer("consumption_days"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_tenant_sku_uq").on(t.tenantId, sql`lower(${t.sku})`),
    index("products_tenant_name_idx").on(t.tenantId, t.name),
    check("products_price_check", sql`${t.price} >= 0`),
  ],
);

/** Order statuses, in the order of the normal flow; `draft` comes before `new` (a re-order not yet placed). */
export const ORDER_STATUSES = [
  "draft",
  "new",
  "confirmed",
  "paid",
  "packed",
  "shipped",
  "completed",
  "cancelled",
  "returned",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How the customer pays. */
export const PAYMENT_METHODS = ["transfer", "cod", "qris", "ewallet", "marketplace", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Where an order came from: the web app's form, the inbox, the order API, a reminder reply. */
export const ORDER_SOURCES = ["manual", "inbox", "api", "reminder"] as const;

/**
 * A customer's order. Amounts are whole rupiah: `subtotal` = Σ lines, `total` = subtotal −
 * discount + shipping. The customer's name and phone are copied at order time so the order
 * keeps them if the contact is deleted or renamed.
 */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** The shop's order number, `INV/2026/12/0001`: a sequence per month of the shop's time zone. */
    number: text("number").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    customerName: text("customer_name"),
    /** E.164. */
    customerPhone: text("customer_phone").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("new"),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull(),
    subtotal: integer("subtotal").notNull(),
    discount: integer("discount").notNull().default(0),
    shippingCost: integer("shipping_cost").notNull().default(0),
    total: integer("total").notNull(),
    /** Street address as the customer wrote it. */
    address: text("address"),
    /** A province of Indonesia by its code (`src/lib/regions`), and a city name. */
    province: text("province"),
    city: text("city"),
    notes: text("notes"),
    courier: text("courier"),
    trackingNumber: text("tracking_number"),
    /** Why the order was cancelled or returned. */
    closeReason: text("close_reason"),
    source: text("source", { enum: ORDER_SOURCES }).notNull().default("manual"),
    /** The number the shop talks to this customer from (order messages); null: the shop's default. */
    channelId: uuid("channel_id").references(() => channels.id, { onDelete: "set null" }),
    /**
     * The outlet the order belongs to (issue 13): its number's (channel's) outlet, or the one the
     * API client or the person names; staff limited to outlets see only their outlets' orders.
     * Migration `0038_outlet_scope` filled it for the orders there were; `0039` made it required.
     * An outlet with orders cannot be deleted (no cascade: its sales stay in the reports).
     */
    outletId: uuid("outlet_id")
      .notNull()
      .references(() => outlets.id),
    /** The shop's own id for this order (its website's), unique in the shop: a retried API call with it returns the first order. */
    externalId: text("external_id"),
    /** The API client's `Idempotency-Key`, unique in the shop. */
    idempotencyKey: text("idempotency_key"),
    /** SHA-256 of the API request body that created the order: the same key with another body is refused. */
    requestHash: text("request_hash"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** When the customer ordered (now, unless the API gives the time it was placed on the website). */
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_tenant_number_uq").on(t.tenantId, t.number),
    uniqueIndex("orders_tenant_external_uq")
      .on(t.tenantId, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    uniqueIndex("orders_tenant_idempotency_uq")
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
    index("orders_tenant_placed_idx").on(t.tenantId, t.placedAt),
    index("orders_tenant_status_idx").on(t.tenantId, t.status),
    index("orders_contact_idx").on(t.contactId, t.placedAt),
    index("orders_outlet_placed_idx").on(t.outletId, t.placedAt),
    check("orders_amounts_check", sql`${t.subtotal} >= 0 AND ${t.discount} >= 0 AND ${t.shippingCost} >= 0`),
  ],
);

/** One product on an order: its SKU, name and unit price copied at order time. */
export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: uuid("product_id").references(() => products.id, { onDelete: "set null" }),
    /** 0-based place on the order. */
    position: integer("position").notNull(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    quantity: integer("quantity").notNull(),
    /** Rupiah per unit at order time. */
    unitPrice: integer("unit_price").notNull(),
    /** quantity × unitPrice, rupiah. */
    lineTotal: integer("line_total").notNull(),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId, t.position),
    index("order_lines_product_idx").on(t.tenantId, t.productId),
    check("order_lines_quantity_check", sql`${t.quantity} > 0 AND ${t.unitPrice} >= 0`),
  ],
);

/** Who changed an order: a person, an API key, the customer (a WhatsApp reply) or Kabar itself (a job). */
export const ORDER_ACTORS = ["user", "api_key", "customer", "system"] as const;

/** An order's history: its creation, each status change and each edit, append-only. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** `created`, `status` (from → to) or `edited` (`changes` lists the fields). */
    kind: text("kind", { enum: ["created", "status", "edited"] }).notNull(),
    fromStatus: text("from_status", { enum: ORDER_STATUSES }),
    toStatus: text("to_status", { enum: ORDER_STATUSES }),
    actorKind: text("actor_kind", { enum: ORDER_ACTORS }).notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: uuid("api_key_id"),
    /** The reason of a cancellation or return, or a note. */
    note: text("note"),
    /** For `edited`: each changed field's value before and after. */
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.createdAt)],
);

/** The last order number used per shop and month (`2026/12`), taken with an upsert so numbers never repeat. */
export const orderCounters = pgTable(
  "order_counters",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** `YYYY/MM` in the shop's time zone. */
    period: text("period").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.period] })],
);

/**
 * A machine client's key (`kbr_live_…`). Only the SHA-256 of the key is stored; `prefix`
 * (its first 13 characters) is what the shop sees to tell keys apart.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes", { enum: API_SCOPES }).array().notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash), index("api_keys_tenant_idx").on(t.tenantId)],
);
