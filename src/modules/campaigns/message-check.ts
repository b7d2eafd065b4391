/**
 * What a campaign's message must be for the numbers that send it: a Cloud API number sends
 * an approved template (free text only reaches customers who wrote in the last 24 hours);
 * WhatsApp Web and sandbox numbers send the campaign's own text; a hybrid campaign needs both
 * (its own text for warm recipients, the template for new chats).
 */
import type { Db, Tx } from "../../db/client.js";
import type { CampaignRouting } from "./queries/campaigns.js";
import { assertValidMessage } from "../templates/index.js";
import { campaignErrors } from "./errors.js";
import type { CheckedPool } from "./pool.js";
import type { MediaAttachment, WaTemplateRef } from "./queries/campaigns.js";
import { checkWaTemplate, type WaTemplateTexts } from "./wa-template.js";

/**
 * Checks the message of a campaign sent by the checked `pool` with `routing`.
 * @returns the template's texts when it has a template, else null
 * @throws KabarError 400 `wa_template_required`, `wa_template_unsupported`,
 *   `hybrid_needs_both` (fields `waTemplate`, `body`), the message checks of templates
 *   (`assertValidMessage`) and those of `checkWaTemplate`
 */
export async function checkCampaignMessage(
  db: Db | Tx,
  tenantId: string,
  pool: CheckedPool,
  routing: CampaignRouting,
  m: { body: string; media: MediaAttachment | null; waTemplate: WaTemplateRef | null },
): Promise<WaTemplateTexts | null> {
  if (routing === "hybrid") {
    if (!m.waTemplate) throw campaignErrors.hybridNeedsBoth({ field: "waTemplate" });
    if (!m.body && !m.media) throw campaignErrors.hybridNeedsBoth({ field: "body" });
    assertValidMessage(m.body, m.media);
    return checkWaTemplate(db as Db, tenantId, pool.templateChannelId!, m.waTemplate, m.media !== null);
  }
  // A weighted pool is all Cloud API numbers (checked against the main one) or none.
  if (pool.templateChannelId) {
    if (!m.waTemplate) throw campaignErrors.waTemplateRequired();
    return checkWaTemplate(db as Db, tenantId, pool.templateChannelId, m.waTemplate, m.media !== null);
  }
  if (m.waTemplate) throw campaignErrors.waTemplateUnsupported();
  assertValidMessage(m.body, m.media);
  return null;
}
