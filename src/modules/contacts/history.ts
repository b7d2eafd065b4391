/**
 * A contact's history for its detail page: conversations, latest messages and the
 * campaigns it was a recipient of. Read-only queries over the inbox and campaign tables,
 * always scoped to the tenant (the contact's own tenant check is done by the caller).
 */
import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { campaignRecipients, campaigns, channels, conversations, messages } from "../../db/schema/index.js";
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
    db
      .select({
        id: conversations.id,
        channelId: conversations.channelId,
        channelName: channels.name,
        status: conversations.status,
        unreadCount: conversations.unreadCount,
        lastMessageAt: conversations.lastMessageAt,
      })
      .from(conversations)
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .where(and(eq(conversations.tenantId, tenantId), eq(conversations.contactId, contactId)))
      .orderBy(desc(conversations.lastMessageAt)),
    db
      .select({ channelId: messages.channelId, n: count() })
      .from(messages)
      .where(and(eq(messages.tenantId, tenantId), eq(messages.contactId, contactId)))
      .groupBy(messages.channelId),
    db
      .select()
      .from(messages)
      .where(and(eq(messages.tenantId, tenantId), eq(messages.contactId, contactId)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(LATEST_MESSAGES),
    db
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
      .limit(LATEST_CAMPAIGNS),
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
