import { createHash } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import { contactsWhoWrote } from "../inbox/index.js";
import { tenantCampaignSettings } from "../tenants/index.js";
import { renderTemplate } from "../templates/index.js";
import { renderWaTemplate, type WaTemplateTexts } from "./wa-template.js";
import { audiencePage } from "./queries/audience.js";
import type { Audience, WaTemplateRef } from "./queries/campaigns.js";
import { insertRecipients, type RecipientInsert } from "./queries/recipients.js";

/**
 * The stable message id of a recipient: the same campaign and contact always give the
 * same id, so a resend after a crash is recognised as a duplicate by the network.
 * Shaped like WhatsApp Web's own ids ("3EB0" + upper-case hex, 22 characters), which
 * Baileys accepts as a custom message id.
 */
export function recipientMessageId(campaignId: string, contactId: string): string {
  return (
    "3EB0" +
    createHash("sha256").update(`${campaignId}:${contactId}`).digest("hex").slice(0, 18).toUpperCase()
  );
}

const CHUNK = 5000;

/**
 * Snapshots the audience into campaign_recipients (inside the caller's transaction):
 * renders each contact's text, and records opted-out contacts as skipped(opted_out) so the
 * report shows them. Contacts are read in id order by keyset pages, never all at once.
 * With a WhatsApp template (Cloud API), its parameter values are rendered per recipient
 * into `template_params`, and `text` holds the approved body as the customer reads it.
 * Each recipient is classified once, here: `warm` when the contact has written to the
 * campaign's number ever or to any of the shop's numbers within its `warm_days`
 * (inbox `contactsWhoWrote`), else cold (a new chat). A contact who writes while the
 * campaign runs stays as classified.
 * @returns how many recipients were written.
 */
export async function snapshotAudience(
  tx: Db | Tx,
  campaign: {
    id: string;
    tenantId: string;
    channelId: string;
    body: string;
    audience: Audience;
    waTemplate?: { ref: WaTemplateRef; texts: WaTemplateTexts } | null;
  },
): Promise<number> {
  const { id: campaignId, tenantId } = campaign;
  let after = "00000000-0000-0000-0000-000000000000";
  let written = 0;
  const days = (await tenantCampaignSettings(tx as Db, tenantId))?.warmDays ?? 90;
  for (;;) {
    const rows = await audiencePage(tx, tenantId, campaign.audience, after, CHUNK);
    if (rows.length === 0) return written;
    after = rows[rows.length - 1]!.id;
    const warm = await contactsWhoWrote(tx, {
      tenantId,
      channelId: campaign.channelId,
      contactIds: rows.map((c) => c.id),
      days,
    });
    const recipients = rows.map((c): RecipientInsert => {
      const messageId = recipientMessageId(campaignId, c.id);
      const ctx = {
        name: c.name ?? undefined,
        phone: c.phone,
        attributes: c.attributes,
        columns: c.columns ?? undefined,
      };
      const wa = campaign.waTemplate
        ? renderWaTemplate(campaign.waTemplate.ref, campaign.waTemplate.texts, ctx, messageId)
        : null;
      const text = wa ? wa.text : renderTemplate(campaign.body, ctx, messageId).text;
      return {
        contact_id: c.id,
        phone: c.phone,
        text,
        template_params: wa?.params ?? null,
        message_id: messageId,
        warm: warm.has(c.id),
        status: c.opted_out ? "skipped" : "pending",
        failure_code: c.opted_out ? "opted_out" : null,
        failure_reason: c.opted_out ? "The contact opted out of messages" : null,
      };
    });
    written += await insertRecipients(tx, tenantId, campaignId, recipients);
  }
}
