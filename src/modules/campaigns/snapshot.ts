import { createHash } from "node:crypto";
import type { Db, Tx } from "../../db/client.js";
import { poolWriters } from "../inbox/index.js";
import { tenantCampaignSettings } from "../tenants/index.js";
import { renderTemplate } from "../templates/index.js";
import { renderWaTemplate, type WaTemplateTexts } from "./wa-template.js";
import { audiencePage } from "./queries/audience.js";
import type { Audience, WaTemplateRef } from "./queries/campaigns.js";
import type { CampaignRouting } from "./queries/campaigns.js";
import { createSplitter, type PoolMember } from "./routing.js";
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
 * Each recipient gets its number from the pool (routing.ts: the number the customer last
 * wrote to, else by weight × health; hybrid: warm over WhatsApp Web, cold over Cloud API) and
 * is classified once, here: `warm` when the contact has written to that number ever or to
 * any of the shop's numbers within its `warm_days` (inbox `poolWriters`), else cold (a new
 * chat). A contact who writes while the campaign runs stays as classified.
 * With a WhatsApp template, its parameter values are rendered per recipient into
 * `template_params`, and `text` holds the approved body as the customer reads it; in a
 * hybrid campaign a recipient on a WhatsApp Web number gets the campaign's own text instead
 * (the template's values are kept, so a Cloud API number can take it over).
 * @returns how many recipients were written.
 */
export async function snapshotAudience(
  tx: Db | Tx,
  campaign: {
    id: string;
    tenantId: string;
    body: string;
    audience: Audience;
    routing: CampaignRouting;
    waTemplate?: { ref: WaTemplateRef; texts: WaTemplateTexts } | null;
  },
  members: PoolMember[],
): Promise<number> {
  const { id: campaignId, tenantId } = campaign;
  let after = "00000000-0000-0000-0000-000000000000";
  let written = 0;
  const days = (await tenantCampaignSettings(tx as Db, tenantId))?.warmDays ?? 90;
  const split = createSplitter(members, campaign.routing);
  const cloud = new Set(members.filter((m) => m.rail === "cloud").map((m) => m.channelId));
  for (;;) {
    const rows = await audiencePage(tx, tenantId, campaign.audience, after, CHUNK);
    if (rows.length === 0) return written;
    after = rows[rows.length - 1]!.id;
    const writers = await poolWriters(tx, {
      tenantId,
      channelIds: members.map((m) => m.channelId),
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
      const w = writers.get(c.id);
      const to = split({ wroteTo: w?.channelId ?? null, recent: w?.recent ?? false });
      const wa = campaign.waTemplate
        ? renderWaTemplate(campaign.waTemplate.ref, campaign.waTemplate.texts, ctx, messageId)
        : null;
      const text =
        wa && (campaign.routing !== "hybrid" || cloud.has(to.channelId))
          ? wa.text
          : renderTemplate(campaign.body, ctx, messageId).text;
      return {
        contact_id: c.id,
        channel_id: to.channelId,
        phone: c.phone,
        text,
        template_params: wa?.params ?? null,
        message_id: messageId,
        warm: to.warm,
        status: c.opted_out ? "skipped" : "pending",
        failure_code: c.opted_out ? "opted_out" : null,
        failure_reason: c.opted_out ? "The contact opted out of messages" : null,
      };
    });
    written += await insertRecipients(tx, tenantId, campaignId, recipients);
  }
}
