import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useRealtimeEvent } from "../realtime/RealtimeProvider";
import { api } from "./client";
import type {
  CreateOrderInput,
  MoveOrderInput,
  Order,
  OrderPage,
  OrderStatus,
  PaymentMethod,
  Product,
  Province,
  UpdateOrderInput,
} from "./orderTypes";

export * from "./orderTypes";

/** Orders in a list page. */
export const ORDERS_PAGE_SIZE = 25;

/** React Query keys of orders, provinces and the product picker (all orders under `orders`). */
const orderKeys = {
  all: ["orders"] as const,
  list: (filters: object, page: number, pageSize: number) =>
    ["orders", "list", filters, page, pageSize] as const,
  one: (id: string) => ["orders", "one", id] as const,
  provinces: ["provinces"] as const,
  products: (search: string) => ["products", "picker", search] as const,
};

/**
 * The filters of the order list and export (GET /orders, GET /orders/export). Empty string or
 * empty list: not filtered. `from`/`to` are days (YYYY-MM-DD) of the shop's time zone, `to` included.
 */
export interface OrderFilters {
  search: string;
  status: OrderStatus[];
  paymentMethod: PaymentMethod | "";
  from: string;
  to: string;
  productId: string;
  contactId: string;
  /** One outlet's orders ("": every outlet the user works in). */
  outletId: string;
}

export const NO_ORDER_FILTERS: OrderFilters = {
  search: "",
  status: [],
  paymentMethod: "",
  from: "",
  to: "",
  productId: "",
  contactId: "",
  outletId: "",
};

/** The query string of `filters`: one `status=` per status, the empty ones left out. */
function orderFilterParams(filters: Partial<OrderFilters>): URLSearchParams {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (Array.isArray(value)) for (const v of value) qs.append(key, v);
    else if (value) qs.set(key, value);
  }
  return qs;
}

/** A page of orders matching `filters`, newest first (the server's order). */
export function useOrders(filters: Partial<OrderFilters>, page: number, pageSize = ORDERS_PAGE_SIZE) {
  const qs = orderFilterParams(filters);
  qs.set("page", String(page));
  qs.set("pageSize", String(pageSize));
  return useQuery({
    queryKey: orderKeys.list(filters, page, pageSize),
    queryFn: () => api<OrderPage>("GET", `/orders?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/** The download address of the orders matching `filters`, as CSV or Excel. */
export function orderExportUrl(filters: Partial<OrderFilters>, format: "csv" | "xlsx"): string {
  const qs = orderFilterParams(filters);
  qs.set("format", format);
  return `/api/v1/orders/export?${qs}`;
}

/** One whole order: lines, history, and the statuses it may move to now (`next`). */
export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.one(id), queryFn: () => api<Order>("GET", `/orders/${id}`) });
}

/** Indonesia's 38 provinces (code + name), for the address form; they never change while the app runs. */
export function useProvinces() {
  return useQuery({
    queryKey: orderKeys.provinces,
    queryFn: () => api<Province[]>("GET", "/provinces"),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Active products matching `search` (name or SKU), the first 20, for the order form's picker. */
export function useProductSearch(search: string) {
  const qs = new URLSearchParams({ active: "true", page: "1", pageSize: "20" });
  if (search) qs.set("search", search);
  return useQuery({
    queryKey: orderKeys.products(search),
    queryFn: () => api<{ items: Product[]; total: number }>("GET", `/products?${qs}`),
    placeholderData: keepPreviousData,
  });
}

/** POST /orders; refreshes every order list. */
export function useCreateOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOrderInput) => api<Order>("POST", "/orders", input),
    onSuccess: (order) => {
      qc.setQueryData(orderKeys.one(order.id), order);
      return qc.invalidateQueries({ queryKey: [...orderKeys.all, "list"] });
    },
  });
}

/** Stores the order the server answered and refreshes the lists. */
function useStoreOrder() {
  const qc = useQueryClient();
  return (order: Order) => {
    qc.setQueryData(orderKeys.one(order.id), order);
    return qc.invalidateQueries({ queryKey: [...orderKeys.all, "list"] });
  };
}

/** PATCH /orders/:id (409 `order_locked` when lines, amounts or payment change after `new`). */
export function useUpdateOrder(id: string) {
  const store = useStoreOrder();
  return useMutation({
    mutationFn: (input: UpdateOrderInput) => api<Order>("PATCH", `/orders/${id}`, input),
    onSuccess: store,
  });
}

/** POST /orders/:id/status (409 `illegal_order_transition`). */
export function useMoveOrder(id: string) {
  const store = useStoreOrder();
  return useMutation({
    mutationFn: (input: MoveOrderInput) => api<Order>("POST", `/orders/${id}/status`, input),
    onSuccess: store,
  });
}

/**
 * Keeps every order query live: an `order.changed` event (a new order, an edit or a move,
 * by anyone of the shop, the order API or a customer's reply) refreshes the order lists
 * (the orders page, the customer orders of the inbox panel and the contact page) and that
 * order's page.
 */
export function useOrdersLive(): void {
  const qc = useQueryClient();
  useRealtimeEvent(
    "order.changed",
    useCallback(
      ({ id }) => {
        void qc.invalidateQueries({ queryKey: [...orderKeys.all, "list"] });
        void qc.invalidateQueries({ queryKey: orderKeys.one(id) });
      },
      [qc],
    ),
  );
}
