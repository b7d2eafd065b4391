import PgBoss from "pg-boss";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../db/availability.js";
import type { SqlExecutor } from "../db/transaction.js";
import { CLOUD_API_WEBHOOK_QUEUE, CLOUD_API_WEBHOOK_QUEUE_OPTIONS } from "../modules/webhooks/process.js";

/** Queue names and their payloads. */
export const QUEUES = {
  campaignStart: "campaign-start",
  /** A delayed auto-reply (src/modules/automation/send.ts); payload AutoReplyJob. */
  autoReply: "auto-reply",
} as const;

export interface CampaignStartJob {
  campaignId: string;
}

/**
 * Starts pg-boss on the same PostgreSQL (schema `pgboss`) and creates Kabar's queues.
 * pg-boss 10 is the line that supports Node 20 (DESIGN.md §1).
 */
export async function startBoss(url: string, log: Logger): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, application_name: "kabar-jobs" });
  // pg-boss keeps polling through a database outage and reports each failed poll here.
  boss.on("error", (err) =>
    isDatabaseUnavailable(err)
      ? log.warn({ err }, "pg-boss: the database is unavailable")
      : log.error({ err }, "pg-boss error"),
  );
  await boss.start();
  for (const name of Object.values(QUEUES))
    await boss.createQueue(name, { name, retryLimit: 5, retryBackoff: true });
  await boss.createQueue(CLOUD_API_WEBHOOK_QUEUE, {
    name: CLOUD_API_WEBHOOK_QUEUE,
    ...CLOUD_API_WEBHOOK_QUEUE_OPTIONS,
  });
  return boss;
}

/**
 * Enqueues a campaign's scheduled start inside the caller's transaction (`raw` runs on
 * the same connection), so the status and the job commit together.
 */
export async function enqueueCampaignStart(
  boss: PgBoss,
  raw: SqlExecutor,
  campaignId: string,
  at: Date,
): Promise<void> {
  await boss.send(QUEUES.campaignStart, { campaignId } satisfies CampaignStartJob, {
    startAfter: at,
    singletonKey: `${campaignId}:${at.toISOString()}`,
    db: raw as PgBoss.Db,
  });
}
