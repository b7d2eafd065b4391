/**
 * The webhooks module's public surface: webhooks Kabar receives, the WhatsApp Cloud API's
 * (the routes' service, and the queue and job that process a verified delivery). Its
 * routes are registered by src/http/routes.ts.
 */
export {
  CLOUD_API_WEBHOOK_QUEUE,
  CLOUD_API_WEBHOOK_QUEUE_OPTIONS,
  cloudApiWebhookWorker,
  type CloudApiWebhookJob,
} from "./process.js";
export { createWebhookService, type WebhookService, type WebhookServiceDeps } from "./service.js";
