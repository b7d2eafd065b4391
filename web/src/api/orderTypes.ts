/**
 * The orders API's DTOs as the web app reads them: names onto the generated types (see
 * ./types.ts). Money is whole rupiah; times are ISO strings.
 */
import { allOf, type Schemas } from "./types";

/** A whole order: lines, amounts, address, history, and `next` (the statuses it may move to now). */
export type Order = Schemas["Order"];
/** An order in a list: no lines, no history. */
export type OrderSummary = Schemas["OrderSummary"];
export type OrderPage = Schemas["OrderPage"];
export type OrderEvent = Schemas["OrderEvent"];
export type Province = Schemas["Province"];
/** POST /orders body. */
export type CreateOrderInput = Schemas["CreateOrderInput"];
/** PATCH /orders/:id body. */
export type UpdateOrderInput = Schemas["UpdateOrderInput"];
/** POST /orders/:id/status body. */
export type MoveOrderInput = Schemas["MoveOrderInput"];

export type OrderStatus = Order["status"];
/** Every status, in flow order (the filter's options). */
export const ORDER_STATUSES = allOf<OrderStatus>()([
  "draft",
  "new",
  "confirmed",
  "paid",
  "packed",
  "shipped",
  "completed",
  "cancelled",
  "returned",
]);

export type PaymentMethod = Order["paymentMethod"];
export const PAYMENT_METHODS = allOf<PaymentMethod>()([
  "transfer",
  "cod",
  "qris",
  "ewallet",
  "marketplace",
  "other",
]);

/** A product as GET /products lists it (the order form's picker reads id, sku, name, price). */
export type Product = Schemas["Product"];
