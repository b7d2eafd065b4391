import type { WebhookEvent } from "../../api/webhooks";

/** The catalogue key of an event type's name (`webhooks.event.orderCreated`). */
export function eventNameKey(event: WebhookEvent) {
  const camel = event.replace(/[._](\w)/g, (_m, c: string) => c.toUpperCase());
  return `webhooks.event.${camel}` as `webhooks.event.${
    | "orderCreated"
    | "orderStatusChanged"
    | "messageReceived"
    | "messageStatus"
    | "campaignCompleted"
    | "contactOptedOut"}`;
}
