/** The outgoing-webhooks module's public surface: a shop's signed webhooks to its own systems (docs/webhooks.md). */
export { createOutgoingWebhookService } from "./service.js";
export { webhookOrderHook, webhookEventHook } from "./hooks.js";
export { webhookDeliverJob } from "./jobs/deliver.js";
export { outgoingWebhookErrors } from "./errors.js";
