/**
 * Statements on `campaign_recipients` that the campaign service and the audience snapshot
 * run: writing the snapshot, counting by state, cancelling and re-queueing recipients, the
 * report's pages. (The audience read is in audience.ts, the report file's in report.ts, the
 * dispatcher's in dispatch.ts, the recorder's in recorder.ts.)
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import {
  campaignRecipients,
  contacts,
  HELD_REASONS,
  type HeldReason,
  RECIPIENT_STATUSES,
  type TemplateParamValues,
} from "../../../db/schema/index.js";
import { contactSearch } from "../../contacts/index.js";
import type { CampaignCounts } from "../schemas.js";

/** A stored recipient row. */
export type RecipientRow = typeof campaignRecipients.$inferSelect;

/** A recipient as the snapshot writes it (snake_case: the statement reads it as a JSON record set). */
export interface RecipientInsert {
  contact_id: string;
  /** The pool's number that sends to this recipient. */
  channel_id: string;
  phone: string;
  text: string;
  template_params: TemplateParamValues | null;
  message_id: string;
  /** The contact wrote to the shop before (no new chat); see campaign_recipients.warm. */
  warm: boolean;
  status: "pending" | "skipped";
  failure_code: string | null;
  failure_reason: string | null;
}

/**
 * Inserts the campaign's recipients in the caller's transaction `tx`, skipping any already
 * there (a contact is a recipient once). @returns how many rows were written
 */
export async function insertRecipients(
  tx: Db | Tx,
  tenantId: string,
  campaignId: string,
  recipients: RecipientInsert[],
): Promise<number> {
  const result = await tx.execute(sql`
      INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, channel_id, phone, text, template_params, message_id, warm, status, failure_code, failure_reason)
      SELECT ${tenantId}::uuid, ${campaignId}::uuid, r.contact_id, r.channel_id, r.phone, r.text, r.template_params, r.message_id, r.warm, r.status, r.failure_code, r.failure_reason
      FROM jsonb_to_recordset(${JSON.stringify(recipients)}::jsonb)
        AS r(contact_id uuid, channel_id uuid, phone text, text text, template_params jsonb, message_id text, warm boolean, status text, failure_code text, failure_reason text)
      ON CONFLICT DO NOTHING`);
  return result.rowCount ?? 0;
}

/** The campaign's `pending` recipients become skipped(cancelled). */
export async function skipPendingRecipients(db: Db, campaignId: string): Promise<void> {
  await db
    .update(campaignRecipients)
    .set({
      status: "skipped",
      failureCode: "cancelled",
      failureReason: "The campaign was cancelled",
      updatedAt: new Date(),
    })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, "pending")));
}

/**
 * The campaign's `failed` recipients go back to `pending`, due now, with no attempts and no
 * reason, in the caller's transaction `tx`. @returns how many were re-queued
 */
export async function requeueFailedRecipients(tx: Db, campaignId: string): Promise<number> {
  const r = await tx
    .update(campaignRecipients)
    .set({
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(),
      failureCode: null,
      failureReason: null,
      updatedAt: new Date(),
    })
    .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.status, "failed")))
    .returning({ id: campaignRecipients.id });
  return r.length;
}

/** Which recipients a report page shows: one status, a contact search (name or phone), page from 1. */
export interface RecipientPageQuery {
  status?: RecipientRow["status"];
  search?: string;
  page: number;
  pageSize: number;
}

/** One page of the tenant's campaign's recipients, in recipient id order, each with its contact's name. */
export function recipientsPage(
  db: Db,
  tenantId: string,
  campaignId: string,
  q: RecipientPageQuery,
): Promise<Array<{ r: RecipientRow; name: string | null }>> {
  const where = and(
    eq(campaignRecipients.campaignId, campaignId),
    q.status ? eq(campaignRecipients.status, q.status) : undefined,
    q.search ? contactSearch(q.search) : undefined,
  );
  return db
    .select({ r: campaignRecipients, name: contacts.name })
    .from(campaignRecipients)
    .innerJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
    .where(and(where, eq(campaignRecipients.tenantId, tenantId)))
    .orderBy(campaignRecipients.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

/** Recipient counts per state (and replies) for each campaign id; zeros for a campaign with none. */
export async function countsFor(db: Db, campaignIds: string[]): Promise<Map<string, CampaignCounts>> {
  const out = new Map<string, CampaignCounts>();
  for (const id of campaignIds) {
    out.set(id, {
      total: 0,
      replied: 0,
      warm: 0,
      ...Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])),
      held: Object.fromEntries(HELD_REASONS.map((h) => [h, 0])),
    } as CampaignCounts);
  }
  if (campaignIds.length === 0) return out;
  const rows = await db.execute<{
    campaign_id: string;
    status: string;
    held_reason: HeldReason | null;
    n: number;
    replied: number;
    warm: number;
  }>(sql`
    SELECT campaign_id, status, held_reason, count(*)::int AS n, count(replied_at)::int AS replied,
      count(*) FILTER (WHERE warm)::int AS warm
    FROM campaign_recipients WHERE campaign_id = ANY(${sql.param(campaignIds)}::uuid[])
    GROUP BY campaign_id, status, held_reason`);
  for (const r of rows.rows) {
    const c = out.get(r.campaign_id)!;
    c[r.status as (typeof RECIPIENT_STATUSES)[number]] += r.n;
    if (r.held_reason && r.status === "pending") c.held[r.held_reason] += r.n;
    c.total += r.n;
    c.replied += r.replied;
    c.warm += r.warm;
  }
  return out;
}

/** How many recipients of the campaign are `pending` (a start's messages to send). */
export async function pendingRecipientCount(db: Db | Tx, campaignId: string): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${campaignId} AND status = 'pending'`);
  return r.rows[0]?.n ?? 0;
}
