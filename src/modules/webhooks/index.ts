/**
 * The webhooks module's public surface: webhooks Kabar receives, the WhatsApp Cloud API's
 * (verification, processing job). Its routes are registered by src/http/routes.ts.
 */
export { parseWebhook, type WebhookEvents, type WebhookMessage } from "./payload.js";
export {
  ChannelNotLiveError,
  CLOUD_API_WEBHOOK_QUEUE,
  CLOUD_API_WEBHOOK_QUEUE_OPTIONS,
  cloudApiWebhookWorker,
  processWebhook,
  type CloudApiWebhookJob,
  type WebhookOutcome,
  type WebhookProcessDeps,
} from "./process.js";
export { createWebhookService, type WebhookService, type WebhookServiceDeps } from "./service.js";
export { secretsEqual, SIGNATURE_HEADER, signBody, verifySignature } from "./signature.js";
