/**
 * WhatsApp templates made in Kabar: submitted to Meta for review, deleted, and their review
 * outcome kept in `wa_templates` from Meta's webhooks.
 *
 * Sources: Meta, "Create and manage templates"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview),
 * webhooks `message_template_status_update`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update)
 * and `template_category_update`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import type { GraphClient } from "./client.js";
import { graphTemplateBody, type TemplateDraft } from "./template-draft.js";

/**
 * Submits `draft` (already checked with `draftProblems`) to the account `wabaId` and stores
 * it with the status Meta answered (PENDING while in review), replacing a row of the same
 * name and language.
 * @returns Meta's id, status and category
 * @throws GraphApiError / GraphNetworkError from the client (nothing is stored then)
 */
export async function submitTemplate(
  db: Db,
  client: GraphClient,
  channel: { id: string; tenantId: string },
  wabaId: string,
  draft: TemplateDraft,
): Promise<{ id: string; status: string; category: string }> {
  const r = await client.createTemplate(wabaId, graphTemplateBody(draft));
  const category = r.category ?? draft.category;
  await db.execute(sql`
    INSERT INTO wa_templates (channel_id, tenant_id, name, language, status, category, parameter_format, components, meta_id, synced_at)
    VALUES (${channel.id}::uuid, ${channel.tenantId}::uuid, ${draft.name}, ${draft.language}, ${r.status}, ${category},
      ${draft.parameterFormat}, ${JSON.stringify(draft.components)}::jsonb, ${r.id}, now())
    ON CONFLICT (channel_id, name, language) DO UPDATE SET
      status = excluded.status, category = excluded.category, parameter_format = excluded.parameter_format,
      components = excluded.components, meta_id = excluded.meta_id, reason = NULL, previous_category = NULL,
      synced_at = excluded.synced_at`);
  return { id: r.id, status: r.status, category };
}

/**
 * Deletes the template `name` (every language) at Meta, then Kabar's copy.
 * @returns how many stored rows were removed
 * @throws GraphApiError / GraphNetworkError from the client (nothing is removed then)
 */
export async function deleteTemplate(
  db: Db,
  client: GraphClient,
  channelId: string,
  wabaId: string,
  name: string,
): Promise<number> {
  await client.deleteTemplate(wabaId, name);
  const r = await db.execute(
    sql`DELETE FROM wa_templates WHERE channel_id = ${channelId} AND name = ${name}`,
  );
  return r.rowCount ?? 0;
}

/**
 * One review outcome from Meta's webhooks, for the template `name` in `language`:
 * - `status`: the `message_template_status_update` event (APPROVED, REJECTED, PAUSED,
 *   DISABLED, …) with Meta's `reason` (e.g. INVALID_FORMAT; "NONE" when there is none);
 * - `category`: `template_category_update`, Meta moved it from `previousCategory` to `category`.
 */
export type TemplateReview =
  | { kind: "status"; name: string; language: string; status: string; reason?: string | null }
  | { kind: "category"; name: string; language: string; category: string; previousCategory: string };

/**
 * Applies a review outcome to the channel's stored template (a template Kabar has not
 * stored yet is left to the next sync).
 * @returns the tenant of the updated template, or null when none is stored
 */
export async function applyTemplateReview(
  db: Db,
  channelId: string,
  review: TemplateReview,
): Promise<{ tenantId: string } | null> {
  const where = sql`channel_id = ${channelId} AND name = ${review.name} AND language = ${review.language}`;
  const reason = review.kind === "status" && review.reason && review.reason !== "NONE" ? review.reason : null;
  const r =
    review.kind === "status"
      ? await db.execute<{ tenant_id: string }>(sql`
          UPDATE wa_templates SET status = ${review.status}, reason = ${reason}
          WHERE ${where} RETURNING tenant_id`)
      : await db.execute<{ tenant_id: string }>(sql`
          UPDATE wa_templates SET category = ${review.category},
            previous_category = COALESCE(previous_category, ${review.previousCategory})
          WHERE ${where} RETURNING tenant_id`);
  const row = r.rows[0];
  return row ? { tenantId: row.tenant_id } : null;
}
