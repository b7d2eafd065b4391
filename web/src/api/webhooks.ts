/** The shop's outgoing webhooks (`/webhook-endpoints`, src/modules/outgoing-webhooks; docs/webhooks.md), owner only. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas } from "./types";

/** An endpoint as listed (never its secret). */
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
/** An endpoint just made or rotated: with its secret, shown once. */
type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
/** One event for one endpoint, with its attempts. */
export type WebhookDelivery = Schemas["WebhookDelivery"];
/** One event type an endpoint may take. */
export type WebhookEvent = WebhookEndpoint["events"][number];
type CreateInput = Schemas["CreateWebhookEndpointInput"];
type UpdateInput = Schemas["UpdateWebhookEndpointInput"];

/** Every event type, in the order the dialog offers them (src/db/schema/outgoing-webhooks.ts WEBHOOK_EVENTS). */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  "order.created",
  "order.status_changed",
  "message.received",
  "message.status",
  "campaign.completed",
  "contact.opted_out",
];

/** The shop's endpoints, newest first (owner only; pass `enabled: false` for an agent). */
export function useWebhookEndpoints(enabled = true) {
  return useQuery({
    queryKey: keys.webhookEndpoints,
    queryFn: () => api<WebhookEndpoint[]>("GET", "/webhook-endpoints"),
    enabled,
  });
}

/** An endpoint's 50 newest deliveries, each with its attempts. */
export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: keys.webhookDeliveries(id),
    queryFn: () => api<WebhookDelivery[]>("GET", `/webhook-endpoints/${id}/deliveries`),
  });
}

/** Refreshes the list (and every delivery log under it) after a change. */
function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: keys.webhookEndpoints });
}

/** Adds an endpoint; the answer holds its secret, shown once. @throws ApiError 400 naming `url` or `events` */
export function useCreateWebhookEndpoint() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (input: CreateInput) => api<WebhookEndpointWithSecret>("POST", "/webhook-endpoints", input),
    onSuccess,
  });
}

/** Changes an endpoint's URL, events or switch. */
export function useUpdateWebhookEndpoint() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateInput & { id: string }) =>
      api<WebhookEndpoint>("PATCH", `/webhook-endpoints/${id}`, input),
    onSuccess,
  });
}

/** Removes an endpoint and its log. */
export function useDeleteWebhookEndpoint() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/webhook-endpoints/${id}`),
    onSuccess,
  });
}

/** A new secret for an endpoint (shown once); the old one stops signing at once. */
export function useRotateWebhookSecret() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (id: string) =>
      api<WebhookEndpointWithSecret>("POST", `/webhook-endpoints/${id}/rotate-secret`),
    onSuccess,
  });
}

/** Queues a `webhook.test` event for one endpoint. */
export function useSendWebhookTest() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api<WebhookDelivery>("POST", `/webhook-endpoints/${id}/test`),
    onSuccess,
  });
}

/** Sends a delivery again now. */
export function useRedeliverWebhook() {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: ({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) =>
      api<WebhookDelivery>("POST", `/webhook-endpoints/${endpointId}/deliveries/${deliveryId}/redeliver`),
    onSuccess,
  });
}
