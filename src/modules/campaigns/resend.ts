/**
 * "Resend through another number" (the delivery ledger, issue 15 §2): a new draft campaign
 * with the same message to exactly the contacts whose recipients are suspected drops, on
 * another number the owner picks. Never the same number: WhatsApp accepted those messages
 * there and did not deliver them (a reach-out timelock drops them silently).
 */
import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { channelErrors, channelKind } from "../channels/index.js";
import { campaignErrors } from "./errors.js";
import { campaignOfTenant } from "./queries/campaigns.js";
import { countsFor } from "./queries/recipients.js";
import type { CampaignDto, CreateCampaignInput, ResendDropsInput } from "./schemas.js";
import { templateBodyOf } from "./wa-template.js";

/** What the verb needs: the database and the campaign service's `create` (its checks are reused). */
interface ResendDeps {
  db: Db;
  create(actor: Actor, input: CreateCampaignInput): Promise<CampaignDto>;
}

/**
 * Creates the resend draft of campaign `id`: the same text, media and WhatsApp template
 * (a Cloud API number needs one: the campaign's own, or `input.waTemplate`; another kind
 * sends text, never a template: a template campaign's draft gets the template's text with
 * the campaign's values in place of its parameters), audience `drops` of `id` (the contacts still
 * suspected drops when the draft starts, so one a late receipt settled is not sent twice).
 * @throws KabarError 404 `campaign_not_found` (also another shop's), 400 `same_channel`
 *   (field channelId), 400 `unknown_channel`, 409 `no_suspected_drops`, and create's 400s
 *   (`wa_template_required`, `wa_template_not_found`, …)
 */
export async function resendDrops(
  { db, create }: ResendDeps,
  actor: Actor,
  id: string,
  input: ResendDropsInput,
): Promise<CampaignDto> {
  requirePermission(actor, "campaigns.start");
  const c = await campaignOfTenant(db, actor.tenantId, id, actor);
  if (!c) throw campaignErrors.notFound();
  if (input.channelId === c.channelId) throw campaignErrors.sameChannel();
  const kind = await channelKind(db, actor.tenantId, input.channelId, actor);
  if (!kind) throw channelErrors.unknownChannel({ field: "channelId" });
  const drops = (await countsFor(db, [c.id])).get(c.id)!.suspected_drop;
  if (drops === 0) throw campaignErrors.noSuspectedDrops();
  const waTemplate =
    kind === "cloud_api" ? (input.waTemplate ?? c.waTemplate ?? undefined) : input.waTemplate;
  // A template campaign resent as free text says what the template said, with the
  // campaign's own values ({{1}} → {{name|Kak}}), not the template's placeholders.
  const body =
    !waTemplate && c.waTemplate
      ? ((await templateBodyOf(db, actor.tenantId, c.channelId, c.waTemplate)) ?? c.body)
      : c.body;
  return create(actor, {
    name: input.name ?? `${c.name} (kirim ulang)`.slice(0, 200),
    channelId: input.channelId,
    ...(c.templateId ? { templateId: c.templateId } : {}),
    body,
    media: c.media ?? null,
    audience: { type: "drops", campaignId: c.id },
    ...(waTemplate ? { waTemplate } : {}),
  });
}
