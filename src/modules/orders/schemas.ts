import { z } from "zod";
import { ORDER_SOURCES, ORDER_STATUSES, PAYMENT_METHODS } from "../../db/schema/index.js";

/** Rupiah: a whole number, 0 to 1 billion (an order's total must stay under 2 billion, the columns' limit). */
const rupiah = z.number().int().min(0).max(1_000_000_000);

export const orderStatusSchema = z.enum(ORDER_STATUSES);
/** One of an order's statuses (flow.ts). */
export type OrderStatus = z.infer<typeof orderStatusSchema>;
const paymentMethodSchema = z.enum(PAYMENT_METHODS);

/** One line of a new order: a product by id or SKU, and how many. */
const orderLineInput = z
  .object({
    productId: z.uuid().optional(),
    sku: z.string().trim().min(1).max(64).optional(),
    quantity: z.number().int().min(1).max(100_000),
    unitPrice: rupiah
      .optional()
      .describe(
        "Rupiah per unit; without it, the product's price now (it is copied onto the order either way)",
      ),
  })
  .refine((l) => l.productId !== undefined || l.sku !== undefined, {
    message: "give productId or sku",
    path: ["sku"],
  });

/** The customer of a new order: a contact by id, or a phone (the contact is found or created by it). */
const orderCustomerInput = z
  .object({
    contactId: z.uuid().optional(),
    phone: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .optional()
      .describe("Any common Indonesian form: 0812…, 62812…, +62 812-…"),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((c) => c.contactId !== undefined || c.phone !== undefined, {
    message: "give contactId or phone",
    path: ["phone"],
  });

/** Shipping address fields, shared by create and edit. */
const addressFields = {
  address: z.string().trim().max(1000).nullable().optional(),
  province: z
    .string()
    .trim()
    .max(60)
    .nullable()
    .optional()
    .describe('A province of Indonesia: its code ("32") or name ("Jawa Barat")'),
  city: z.string().trim().max(100).nullable().optional(),
};

/** POST /orders: a new order, by a person (web app, inbox) or a machine client (API key). */
export const createOrderBody = z.object({
  customer: orderCustomerInput,
  lines: z.array(orderLineInput).min(1).max(200),
  paymentMethod: paymentMethodSchema,
  discount: rupiah.default(0),
  shippingCost: rupiah.default(0),
  ...addressFields,
  notes: z.string().trim().max(2000).nullable().optional(),
  channelId: z
    .uuid()
    .nullable()
    .optional()
    .describe("The number order messages go from; default: the shop's first connected"),
  outletId: z
    .uuid()
    .optional()
    .describe(
      "The outlet the order belongs to; default: its number's (or its conversation's number's), else the shop's default number's, else the first outlet (for staff limited to outlets: their first)",
    ),
  conversationId: z
    .uuid()
    .optional()
    .describe(
      "Made from this inbox conversation: its contact is the customer and its number sends the messages",
    ),
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("The shop's own id (its website's order id): a second POST with it returns the first order"),
  placedAt: z.iso.datetime({ offset: true }).optional().describe("When the customer ordered; default now"),
});
export type CreateOrderInput = z.infer<typeof createOrderBody>;

/** PATCH /orders/:id: lines, amounts and payment only while `draft` or `new`; the rest while open. */
export const updateOrderBody = z.object({
  lines: z.array(orderLineInput).min(1).max(200).optional(),
  paymentMethod: paymentMethodSchema.optional(),
  discount: rupiah.optional(),
  shippingCost: rupiah.optional(),
  ...addressFields,
  notes: z.string().trim().max(2000).nullable().optional(),
  courier: z.string().trim().max(100).nullable().optional(),
  trackingNumber: z.string().trim().max(100).nullable().optional(),
  channelId: z.uuid().nullable().optional(),
});
export type UpdateOrderInput = z.infer<typeof updateOrderBody>;

/** POST /orders/:id/status: move the order along its flow. */
export const orderStatusBody = z.object({
  status: orderStatusSchema,
  courier: z.string().trim().min(1).max(100).optional().describe("Required for `shipped`"),
  trackingNumber: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("With `shipped` (the courier's receipt number)"),
  reason: z.string().trim().min(1).max(500).optional().describe("Required for `cancelled` and `returned`"),
});
export type OrderStatusInput = z.infer<typeof orderStatusBody>;

const orderLineSchema = z.object({
  id: z.uuid(),
  productId: z.uuid().nullable(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  lineTotal: z.number().int(),
});

const orderEventSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["created", "status", "edited"]),
  fromStatus: orderStatusSchema.nullable(),
  toStatus: orderStatusSchema.nullable(),
  actor: z.object({
    kind: z.enum(["user", "api_key", "customer", "system"]),
    name: z.string().nullable().describe("The person's or the API key's name"),
  }),
  note: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  at: z.string(),
});

const customerSchema = z.object({
  contactId: z.uuid().nullable(),
  name: z.string().nullable(),
  phone: z.string().describe("E.164"),
});

/** An order in a list: no lines, no history. */
export const orderSummarySchema = z.object({
  id: z.uuid(),
  number: z.string().describe("INV/2026/12/0001"),
  status: orderStatusSchema,
  paymentMethod: paymentMethodSchema,
  source: z.enum(ORDER_SOURCES),
  customer: customerSchema,
  total: z.number().int().describe("Rupiah"),
  itemCount: z.number().int().describe("Σ quantities"),
  placedAt: z.string(),
  outletId: z.uuid().describe("The outlet the order belongs to"),
});
export type OrderSummaryDto = z.infer<typeof orderSummarySchema>;

/** A whole order. */
export const orderSchema = orderSummarySchema.extend({
  lines: z.array(orderLineSchema),
  subtotal: z.number().int(),
  discount: z.number().int(),
  shippingCost: z.number().int(),
  address: z.string().nullable(),
  province: z.string().nullable().describe("Province code"),
  provinceName: z.string().nullable(),
  city: z.string().nullable(),
  notes: z.string().nullable(),
  courier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  closeReason: z.string().nullable(),
  channelId: z.uuid().nullable(),
  externalId: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  next: z.array(orderStatusSchema).describe("The statuses this order may move to now"),
  history: z.array(orderEventSchema),
});
export type OrderDto = z.infer<typeof orderSchema>;

/** The filters shared by the order list and the export. Dates are days of the shop's time zone. */
export const orderFilters = z.object({
  search: z.string().trim().max(100).optional().describe("Matches the order number, customer name or phone"),
  status: z
    .union([orderStatusSchema, z.array(orderStatusSchema)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  paymentMethod: paymentMethodSchema.optional(),
  from: z.iso.date().optional().describe("First day (YYYY-MM-DD, the shop's time zone)"),
  to: z.iso.date().optional().describe("Last day, included"),
  productId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  outletId: z
    .uuid()
    .optional()
    .describe("Only this outlet's orders (one of the caller's outlets, else 404 `outlet_not_found`)"),
});
export type OrderFilters = z.infer<typeof orderFilters>;

export const listOrdersQuery = orderFilters.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export const exportOrdersQuery = orderFilters.extend({ format: z.enum(["csv", "xlsx"]).default("csv") });

export const orderPage = z.object({
  items: z.array(orderSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** GET /provinces: the list the address form picks from. */
export const provinceSchema = z.object({ code: z.string(), name: z.string() });

z.globalRegistry.add(orderSchema, { id: "Order" });
z.globalRegistry.add(orderSummarySchema, { id: "OrderSummary" });
z.globalRegistry.add(orderPage, { id: "OrderPage" });
z.globalRegistry.add(orderEventSchema, { id: "OrderEvent" });
z.globalRegistry.add(provinceSchema, { id: "Province" });
z.globalRegistry.add(createOrderBody, { id: "CreateOrder" });
z.globalRegistry.add(updateOrderBody, { id: "UpdateOrder" });
z.globalRegistry.add(orderStatusBody, { id: "MoveOrder" });
