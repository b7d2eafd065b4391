/**
 * The orders API's DTOs, written by hand from src/modules/orders/schemas.ts until the server's
 * routes exist and `npm run api:types` generates them (then these become aliases of
 * `Schemas["Order"]` etc.). Money is whole rupiah; times are ISO strings.
 */

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

export const PAYMENT_METHODS = ["transfer", "cod", "qris", "ewallet", "marketplace", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface OrderCustomer {
  contactId: string | null;
  name: string | null;
  /** E.164 */
  phone: string;
}

/** An order in a list: no lines, no history. */
export interface OrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  source: "manual" | "inbox" | "api" | "reminder";
  customer: OrderCustomer;
  total: number;
  itemCount: number;
  placedAt: string;
}

export interface OrderLine {
  id: string;
  productId: string | null;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface OrderEvent {
  id: string;
  kind: "created" | "status" | "edited";
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actor: { kind: "user" | "api_key" | "customer" | "system"; name: string | null };
  note: string | null;
  changes: Record<string, { from?: unknown; to?: unknown }> | null;
  at: string;
}

/** A whole order. */
export interface Order extends OrderSummary {
  lines: OrderLine[];
  subtotal: number;
  discount: number;
  shippingCost: number;
  address: string | null;
  province: string | null;
  provinceName: string | null;
  city: string | null;
  notes: string | null;
  courier: string | null;
  trackingNumber: string | null;
  closeReason: string | null;
  channelId: string | null;
  externalId: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  next: OrderStatus[];
  history: OrderEvent[];
}

export interface OrderPage {
  items: OrderSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Province {
  code: string;
  name: string;
}

export interface OrderLineInput {
  productId?: string;
  sku?: string;
  quantity: number;
  unitPrice?: number;
}

export interface CreateOrderInput {
  customer: { contactId?: string; phone?: string; name?: string };
  lines: OrderLineInput[];
  paymentMethod: PaymentMethod;
  discount?: number;
  shippingCost?: number;
  address?: string | null;
  province?: string | null;
  city?: string | null;
  notes?: string | null;
  channelId?: string | null;
  conversationId?: string;
  externalId?: string;
  placedAt?: string;
}

export interface UpdateOrderInput {
  lines?: OrderLineInput[];
  paymentMethod?: PaymentMethod;
  discount?: number;
  shippingCost?: number;
  address?: string | null;
  province?: string | null;
  city?: string | null;
  notes?: string | null;
  courier?: string | null;
  trackingNumber?: string | null;
  channelId?: string | null;
}

export interface MoveOrderInput {
  status: OrderStatus;
  courier?: string;
  trackingNumber?: string;
  reason?: string;
}

/** A product as GET /products lists it (the product picker reads these fields). */
export interface Product {
  id: string;
  sku: string;
  name: string;
  /** Rupiah */
  price: number;
  category: string | null;
  active: boolean;
  consumptionDays: number | null;
  image: string | null;
}
