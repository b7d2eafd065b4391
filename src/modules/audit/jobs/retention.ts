/**
 * The `audit-retention` job: every night at 03:00 WIB (20:00 UTC), entries older than their
 * shop's retention (`tenants.audit_retention_days`, default 365) are deleted: the only
 * deletion the append-only trigger lets through.
 */
import { z } from "zod";
import type { Db } from "../../../db/client.js";
import { defineJob } from "../../../jobs/define.js";
import { deleteExpiredAuditEntries } from "../queries.js";

/**
 * Deletes every shop's audit entries older than its retention, as of `now`.
 * @returns how many entries were deleted
 */
export function sweepAuditLog(db: Db, now: Date = new Date()): Promise<number> {
  return deleteExpiredAuditEntries(db, now);
}

/** Nightly (pg-boss cron, UTC); in the worker role; 2 retries a few minutes apart. */
export const auditRetentionJob = defineJob({
  id: "audit-retention",
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 300, backoff: false },
  runsIn: ["channels"],
  cron: "0 20 * * *",
  handler: async (_p, _run, deps: { db: Db }) => {
    await sweepAuditLog(deps.db);
  },
});
