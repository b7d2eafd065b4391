/**
 * Statements on `campaign_recipients` that the campaign service and the audience snapshot
 * run: writing the snapshot, cancelling and re-queueing recipients, the report's pages.
 * (The dispatcher's are in dispatch.ts, the recorder's in recorder.ts.)
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client.js";
import {
  campaignRecipients,
  contacts,
  type Audience,
  type TemplateParamValues,
} from "../../../db/schema/index.js";
import { contactSearch } from "../../contacts/index.js";
import { audienceJoin, audienceWhere } from "../audience.js";

/** A stored recipient row. */
export type RecipientRow = typeof campaignRecipients.$inferSelect;

/** A contact of the audience as the snapshot renders it. */
type AudienceContact = {
  id: string;
  phone: string;
  name: string | null;
  attributes: Record<string, string>;
  opted_out: boolean;
  /** The import's raw columns ({{1}}, {{2}} …) for an import audience, else null. */
  columns: string[] | null;
};

/**
 * One keyset page of the tenant's contacts in `audience` (opted-out ones included), in id
 * order after contact id `after`, at most `limit`; read in the caller's transaction `tx`.
 */
export async function audiencePage(
  tx: Db | Tx,
  tenantId: string,
  audience: Audience,
  after: string,
  limit: number,
): Promise<AudienceContact[]> {
  return (
    await tx.execute<AudienceContact>(sql`
      SELECT c.id, c.phone, c.name, c.attributes, c.opted_out, ${columnsExpr(audience)} AS columns
      FROM contacts c ${audienceJoin(audience)}
      WHERE c.tenant_id = ${tenantId} AND c.id > ${after}::uuid ${audienceWhere(audience)}
      ORDER BY c.id LIMIT ${limit}`)
  ).rows;
}

/** The import's raw columns of each contact ({{1}}, {{2}} … of the template), for an import audience. */
function columnsExpr(a: Audience): SQL {
  return a.type === "import" ? sql`ir.columns` : sql`NULL::text[]`;
}

/** A recipient as the snapshot writes it (snake_case: the statement reads it as a JSON record set). */
export interface RecipientInsert {
  contact_id: string;
  phone: string;
  text: string;
  template_params: TemplateParamValues | null;
  message_id: string;
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
      INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, phone, text, template_params, message_id, status, failure_code, failure_reason)
      SELECT ${tenantId}::uuid, ${campaignId}::uuid, r.contact_id, r.phone, r.text, r.template_params, r.message_id, r.status, r.failure_code, r.failure_reason
      FROM jsonb_to_recordset(${JSON.stringify(recipients)}::jsonb)
        AS r(contact_id uuid, phone text, text text, template_params jsonb, message_id text, status text, failure_code text, failure_reason text)
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
