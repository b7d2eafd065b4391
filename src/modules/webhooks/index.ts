/**
 * The webhooks module's public surface: webhooks Kabar receives, the WhatsApp Cloud API's
 * (the routes' service, and the queue and job that process a verified delivery). Its
 * routes are registered by src/http/routes.ts.
 */
export { cloudApiWebhookJob } from "./jobs/cloud-api-webhook.js";
export { processWebhook } from "./process.js";
export { createWebhookService, type WebhookService } from "./service.js";
export { webhookErrors } from "./errors.js";
