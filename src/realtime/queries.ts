import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { campaignRecipients, campaigns, channels } from '../db/schema/index.js';

/** The tenant of a channel, by its id or (sandbox channels) by its number; null when unknown. */
export async function channelTenant(db: Db, by: { id: string } | { sandboxPhone: string }): Promise<{ channelId: string; tenantId: string } | null> {
  const where = 'id' in by ? eq(channels.id, by.id) : and(eq(channels.kind, 'sandbox'), eq(channels.phone, by.sandboxPhone));
  const [row] = await db.select({ channelId: channels.id, tenantId: channels.tenantId }).from(channels).where(where).limit(1);
  return row ?? null;
}

/**
 * The campaign a customer's message was just counted as a reply to (the inbox marks the
 * latest campaign message of the channel to that contact), or null. When the message was
 * no reply, this may name an earlier campaign: harmless, its counts are only sent again.
 */
export async function repliedCampaign(db: Db, tenantId: string, channelId: string, contactId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: campaignRecipients.campaignId })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
    .where(
      and(
        eq(campaignRecipients.tenantId, tenantId),
        eq(campaignRecipients.contactId, contactId),
        eq(campaigns.channelId, channelId),
        isNotNull(campaignRecipients.repliedAt),
      ),
    )
    .orderBy(desc(campaignRecipients.repliedAt))
    .limit(1);
  return row?.id ?? null;
}
