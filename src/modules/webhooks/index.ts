/**
 * Webhooks Kabar receives: the WhatsApp Cloud API's (route, verification, processing job).
 */
export { parseWebhook, type WebhookEvents, type WebhookMessage } from "./payload.js";
export {
  ChannelNotLiveError,
  processWebhook,
  type WebhookOutcome,
  type WebhookProcessDeps,
} from "./process.js";
export { cloudApiWebhookJob, type CloudApiWebhookJob } from "./jobs/cloud-api-webhook.js";
export { webhookRoutes, type WebhookRouteDeps } from "./routes.js";
export { secretsEqual, SIGNATURE_HEADER, signBody, verifySignature } from "./signature.js";
