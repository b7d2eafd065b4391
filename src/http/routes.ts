import type { WebhookService } from "../modules/webhooks/index.js";
import { webhookRoutes } from "../modules/webhooks/routes.js";
import type { App, HttpOptions } from "./types.js";
import { apiKeyRoutes } from "../modules/api-keys/routes.js";
import { assignmentRoutes } from "../modules/assignment/routes.js";
import { authRoutes } from "../modules/auth/routes.js";
import { auditRoutes } from "../modules/audit/routes.js";
import { automationRoutes } from "../modules/automation/routes.js";
import { campaignRoutes } from "../modules/campaigns/routes.js";
import { channelRoutes } from "../modules/channels/routes.js";
import { contactRoutes } from "../modules/contacts/routes.js";
import { healthRoutes } from "../modules/health/routes.js";
import { inboxRoutes } from "../modules/inbox/routes.js";
import { mediaRoutes } from "../modules/media/routes.js";
import { notificationRoutes } from "../modules/notifications/routes.js";
import { orderRoutes } from "../modules/orders/routes.js";
import { outgoingWebhookRoutes } from "../modules/outgoing-webhooks/routes.js";
import { orderMessageRoutes } from "../modules/order-messages/routes.js";
import { reminderRoutes } from "../modules/reminders/routes.js";
import { reportRoutes } from "../modules/reports/routes.js";
import { productRoutes } from "../modules/products/routes.js";
import { sandboxRoutes } from "../modules/sandbox/routes.js";
import { segmentRoutes } from "../modules/segments/routes.js";
import { statsRoutes } from "../modules/stats/routes.js";
import { templateRoutes } from "../modules/templates/routes.js";
import { tenantRoutes } from "../modules/tenants/routes.js";
import { userRoutes } from "../modules/users/routes.js";
import { roleRoutes } from "../modules/roles/routes.js";
import { outletRoutes } from "../modules/outlets/routes.js";
import { billingRoutes } from "../modules/billing/routes.js";
import { billingLimitRoutes, platformRoutes, signUpRoutes } from "../modules/platform/routes.js";

/** Every /api/v1 route, one registrar per module. */
export function registerRoutes(app: App, opts: HttpOptions): void {
  for (const register of [
    authRoutes,
    tenantRoutes,
    channelRoutes,
    contactRoutes,
    productRoutes,
    templateRoutes,
    mediaRoutes,
    campaignRoutes,
    inboxRoutes,
    sandboxRoutes,
    healthRoutes,
    statsRoutes,
    assignmentRoutes,
    automationRoutes,
    notificationRoutes,
    userRoutes,
    roleRoutes,
    outletRoutes,
    orderRoutes,
    orderMessageRoutes,
    reportRoutes,
    segmentRoutes,
    reminderRoutes,
    apiKeyRoutes,
    outgoingWebhookRoutes,
    auditRoutes,
    billingRoutes,
    // Issue 14 (SaaS mode): the platform console, sign-up, and downgrades (billing's other routes beside them).
    platformRoutes,
    signUpRoutes,
    billingLimitRoutes,
  ]) {
    register(app, opts);
  }
}

/** The routes outside /api/v1: the Cloud API webhooks, in a scope with their own raw-body parser. */
export async function registerWebhookRoutes(app: App, webhooks: WebhookService): Promise<void> {
  await app.register(webhookRoutes, webhooks);
}
