/**
 * Every background job of Kabar, in one list (the job registry; DESIGN.md §3, "Jobs and
 * NOTIFY topics"). `startBoss` creates a queue for each with its retry policy, the worker
 * starter runs each where its `runsIn` says, and the CLI counts them (`kabar queue status`).
 * Each job lives in the module that owns the work; add a new one here.
 */
import type { AnyJob } from "./jobs/define.js";
import { auditRetentionJob } from "./modules/audit/index.js";
import { billingSweepJob } from "./modules/billing/index.js";
import { autoReplyJob } from "./modules/automation/index.js";
import { campaignStartJob, suspectDropsJob } from "./modules/campaigns/index.js";
import { webhookDeliverJob } from "./modules/outgoing-webhooks/index.js";
import { codTimeoutJob, orderMessageJob } from "./modules/order-messages/index.js";
import { inboundReactionJob } from "./modules/reactions/index.js";
import { remindersDailyJob } from "./modules/reminders/index.js";
import { rfmRefreshJob } from "./modules/segments/index.js";
import { cloudApiWebhookJob } from "./modules/webhooks/index.js";

/** The registry: queue names (`id`) are stored with every job and never change. */
export const JOBS = [
  campaignStartJob,
  autoReplyJob,
  inboundReactionJob,
  cloudApiWebhookJob,
  suspectDropsJob,
  rfmRefreshJob,
  webhookDeliverJob,
  orderMessageJob,
  codTimeoutJob,
  remindersDailyJob,
  auditRetentionJob,
  billingSweepJob,
] as const satisfies readonly AnyJob[];
