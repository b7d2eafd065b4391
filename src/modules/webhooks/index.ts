/**
 * Webhooks Kabar receives: the WhatsApp Cloud API's (route, verification, processing job).
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
export { webhookRoutes, type WebhookRouteDeps } from "./routes.js";
export { secretsEqual, SIGNATURE_HEADER, signBody, verifySignature } from "./signature.js";
