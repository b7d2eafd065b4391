/**
 * What the Cloud API webhook routes ask of the domain: a channel's webhook secrets (opened
 * with KABAR_SECRET_KEY) and the queue a verified delivery goes to.
 */
import type { Db } from "../../db/client.js";
import { type CloudApiSecrets, loadCloudApiSecrets } from "../../channels/cloud-api/secrets.js";
import type { CloudApiWebhookJob } from "./jobs/cloud-api-webhook.js";

/** What the webhook service is built from. */
interface WebhookServiceDeps {
  db: Db;
  /** KABAR_SECRET_KEY, to open the channel's sealed app secret and verify token. */
  secretKey: Buffer;
  /** Queues a verified delivery (the pg-boss `cloud-api-webhook` queue). */
  enqueue(job: CloudApiWebhookJob): Promise<void>;
}

/** The webhook routes' service (src/modules/webhooks/routes.ts). */
export interface WebhookService {
  /** The app secret and verify token of a Cloud API channel; null for an unknown channel or one without them.
   * @throws Error when the sealed secrets do not open under the key (see loadCloudApiSecrets) */
  secrets(channelId: string): Promise<CloudApiSecrets | null>;
  /** Queues a verified delivery; processed where the channel is live. */
  enqueue(job: CloudApiWebhookJob): Promise<void>;
}

/** Builds the webhook service over the database and the queue. */
export function createWebhookService(deps: WebhookServiceDeps): WebhookService {
  return {
    secrets: (channelId) => loadCloudApiSecrets(deps.db, deps.secretKey, channelId),
    enqueue: (job) => deps.enqueue(job),
  };
}
