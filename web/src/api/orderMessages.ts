import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** The shop's order-message settings (GET/PUT /order-messages/settings). */
export type OrderMessageSettings = Schemas["OrderMessageSettings"];
/** One event's settings: switch, text, Cloud API template. */
export type OrderMessageEventSettings = OrderMessageSettings["events"]["created"];
/** The events, in the order the settings page shows them. */
export type OrderMessageEvent = keyof OrderMessageSettings["events"];
/** One message of an order's log (GET /orders/:id/messages). */
export type OrderMessage = Schemas["OrderMessage"];
/** A COD order's confirmation (GET /orders/:id/cod). */
export type CodState = Schemas["CodState"];
type PreviewInput = Schemas["PreviewOrderMessageInput"];
type Preview = Schemas["OrderMessagePreview"];

export const ORDER_MESSAGE_EVENTS: readonly OrderMessageEvent[] = [
  "created",
  "confirmed",
  "paid",
  "shipped",
  "completed",
  "cod_confirm",
  "cod_reminder",
];

/** The variables an event's text may use (order and contact). */
export const ORDER_MESSAGE_VARIABLES = [
  "{{order.number}}",
  "{{order.total}}",
  "{{order.items}}",
  "{{order.courier}}",
  "{{order.tracking}}",
  "{{order.status}}",
  "{{name}}",
  "{{phone}}",
] as const;

const orderMessageKeys = {
  settings: ["order-messages", "settings"] as const,
  ofOrder: (id: string) => ["orders", "one", id, "messages"] as const,
  cod: (id: string) => ["orders", "one", id, "cod"] as const,
};

export function useOrderMessageSettings() {
  return useQuery({
    queryKey: orderMessageKeys.settings,
    queryFn: () => api<OrderMessageSettings>("GET", "/order-messages/settings"),
  });
}

/** Saves the settings whole. Field problems come back in `ApiError.fields` (`events.shipped.text`). */
export function useSaveOrderMessageSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrderMessageSettings) =>
      api<OrderMessageSettings>("PUT", "/order-messages/settings", input),
    onSuccess: (saved) => qc.setQueryData(orderMessageKeys.settings, saved),
  });
}

/** Renders an event's text for a sample order. */
export function usePreviewOrderMessage() {
  return useMutation({
    mutationFn: (input: PreviewInput) => api<Preview>("POST", "/order-messages/preview", input),
  });
}

/** How often the order's messages are read again while one is still scheduled (its job sends it within seconds), ms. */
const SCHEDULED_REFRESH_MS = 2_000;

/** The order's messages, latest first; read again every 2 s while one is still scheduled. */
export function useOrderMessages(orderId: string) {
  return useQuery({
    queryKey: orderMessageKeys.ofOrder(orderId),
    queryFn: () => api<OrderMessage[]>("GET", `/orders/${orderId}/messages`),
    refetchInterval: (q) =>
      q.state.data?.some((m) => m.outcome === "scheduled") ? SCHEDULED_REFRESH_MS : false,
  });
}

/** The order's COD confirmation; null when it never waited for one. */
export function useOrderCod(orderId: string) {
  return useQuery({
    queryKey: orderMessageKeys.cod(orderId),
    queryFn: () => api<CodState | null>("GET", `/orders/${orderId}/cod`),
  });
}
