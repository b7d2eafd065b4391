/**
 * A contact's history for its detail page: conversations, latest messages and the
 * campaigns it was a recipient of, read through the inbox and campaigns modules (they own
 * those tables), always scoped to the tenant (the contact's own tenant check is done by the
 * caller).
 */
import type { Db } from "../../db/client.js";
import { campaignsOfContact } from "../campaigns/index.js";
import { conversationsOfContact, latestMessagesOfContact, messageCountsOfContact } from "../inbox/index.js";
import type { ContactHistoryDto } from "./schemas.js";

/** Messages shown on the detail page (the full thread is in the inbox). */
const LATEST_MESSAGES = 30;
/** Campaigns shown on the detail page, newest first. */
const LATEST_CAMPAIGNS = 100;

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/** The history of one contact of `tenantId`; empty lists when it has none. */
export async function contactHistory(
  db: Db,
  tenantId: string,
  contactId: string,
): Promise<ContactHistoryDto> {
  const [threads, counts, latest, recipientOf] = await Promise.all([
    conversationsOfContact(db, tenantId, contactId),
    messageCountsOfContact(db, tenantId, contactId),
    latestMessagesOfContact(db, tenantId, contactId, LATEST_MESSAGES),
    campaignsOfContact(db, tenantId, contactId, LATEST_CAMPAIGNS),
  ]);
  const perChannel = new Map(counts.map((c) => [c.channelId, c.n]));
  return {
    conversations: threads.map((c) => ({
      ...c,
      lastMessageAt: c.lastMessageAt.toISOString(),
      messageCount: perChannel.get(c.channelId) ?? 0,
    })),
    messages: latest.map((m) => ({
      id: m.id,
      channelId: m.channelId,
      direction: m.direction,
      text: m.text,
      hasMedia: m.media != null,
      status: m.status,
      campaignId: m.campaignId,
      createdAt: m.createdAt.toISOString(),
    })),
    campaigns: recipientOf.map(({ r, name, campaignStatus, startedAt }) => ({
      campaignId: r.campaignId,
      name,
      campaignStatus,
      status: r.status,
      failureCode: r.failureCode,
      sentAt: iso(r.sentAt),
      deliveredAt: iso(r.deliveredAt),
      readAt: iso(r.readAt),
      repliedAt: iso(r.repliedAt),
      startedAt: iso(startedAt),
    })),
  };
}
