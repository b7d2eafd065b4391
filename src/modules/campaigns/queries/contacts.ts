/** Reads of campaign recipients that other modules need (a contact's history and panel). */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { campaignRecipients, campaigns } from "../../../db/schema/index.js";

/** A campaign the contact was a recipient of: the recipient row, with its campaign's name, status and times. */
interface ContactCampaignRow {
  r: typeof campaignRecipients.$inferSelect;
  name: string;
  campaignStatus: (typeof campaigns.$inferSelect)["status"];
  startedAt: Date | null;
  createdAt: Date;
}

/** The latest `limit` campaigns of `tenantId` the contact was a recipient of, newest campaign first. */
export function campaignsOfContact(
  db: Db,
  tenantId: string,
  contactId: string,
  limit: number,
): Promise<ContactCampaignRow[]> {
  return db
    .select({
      r: campaignRecipients,
      name: campaigns.name,
      campaignStatus: campaigns.status,
      startedAt: campaigns.startedAt,
      createdAt: campaigns.createdAt,
    })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
    .where(
      and(
        eq(campaignRecipients.tenantId, tenantId),
        eq(campaigns.tenantId, tenantId),
        eq(campaignRecipients.contactId, contactId),
      ),
    )
    .orderBy(desc(campaigns.createdAt))
    .limit(limit);
}

/**
 * The latest `limit` campaign recipients of the contact in `tenantId`, with the campaign's
 * name, latest send first (a recipient not sent yet counts from its campaign's creation).
 */
export function latestCampaignsOfContact(
  db: Db,
  tenantId: string,
  contactId: string,
  limit: number,
): Promise<Array<{ r: typeof campaignRecipients.$inferSelect; name: string }>> {
  return db
    .select({ r: campaignRecipients, name: campaigns.name })
    .from(campaignRecipients)
    .innerJoin(campaigns, eq(campaigns.id, campaignRecipients.campaignId))
    .where(and(eq(campaignRecipients.tenantId, tenantId), eq(campaignRecipients.contactId, contactId)))
    .orderBy(desc(sql`coalesce(${campaignRecipients.sentAt}, ${campaigns.createdAt})`))
    .limit(limit);
}
