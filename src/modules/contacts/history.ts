/**
 * A contact's history for its detail page: conversations, latest messages and the
 * campaigns it was a recipient of, read through the inbox and campaigns modules (they own
 * those tables), always scoped to the tenant (the contact's own tenant check is done by the
 * caller).
 */
import type { Db } from "../../db/client.js";
import type {
  HistoryCampaignStatus,
  HistoryConversationStatus,
  HistoryMessageRow,
  HistoryRecipientRow,
} from "./queries/history.js";
import type { ContactHistoryDto } from "./schemas.js";
import type { Actor } from "../../lib/actor.js";
import { channelIdsInScope } from "../outlets/index.js";

/**
 * Where a contact's history is read: the inbox's and the campaigns' own queries (they own
 * those tables). The composition root (src/services.ts) passes them in, so the contacts
 * module depends on neither (both depend on it: the inbox stores customers as contacts,
 * campaigns pick their audience from them).
 */
export interface ContactHistorySources {
  /** The contact's conversations, one per channel, latest first. */
  conversationsOfContact(
    db: Db,
    tenantId: string,
    contactId: string,
  ): Promise<
    Array<{
      id: string;
      channelId: string;
      channelName: string;
      status: HistoryConversationStatus;
      unreadCount: number;
      lastMessageAt: Date;
    }>
  >;
  /** How many messages the contact has per channel. */
  messageCountsOfContact(
    db: Db,
    tenantId: string,
    contactId: string,
  ): Promise<Array<{ channelId: string; n: number }>>;
  /** The contact's latest `limit` messages, newest first. */
  latestMessagesOfContact(
    db: Db,
    tenantId: string,
    contactId: string,
    limit: number,
  ): Promise<HistoryMessageRow[]>;
  /** The latest `limit` campaigns the contact was a recipient of, newest first. */
  campaignsOfContact(
    db: Db,
    tenantId: string,
    contactId: string,
    limit: number,
  ): Promise<
    Array<{
      r: HistoryRecipientRow;
      name: string;
      campaignStatus: HistoryCampaignStatus;
      startedAt: Date | null;
    }>
  >;
}

/** Messages shown on the detail page (the full thread is in the inbox). */
const LATEST_MESSAGES = 30;
/** Campaigns shown on the detail page, newest first. */
const LATEST_CAMPAIGNS = 100;

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

/**
 * The history of one contact of the actor's shop; empty lists when it has none. For an actor
 * limited to outlets (issue 13) only what happened on their outlets' numbers: the latest
 * messages are those among the contact's latest that were on them.
 */
export async function contactHistory(
  db: Db,
  sources: ContactHistorySources,
  actor: Actor,
  contactId: string,
): Promise<ContactHistoryDto> {
  const tenantId = actor.tenantId;
  const mine = await channelIdsInScope(db, actor);
  const onMine = <T extends { channelId: string }>(rows: T[]) =>
    mine ? rows.filter((x) => mine.has(x.channelId)) : rows;
  // The latest messages are read first, the rest after them (each query sees the database
  // of its own moment): a message arriving meanwhile can only add to the conversations and
  // counts, so nothing beside the messages shown is older than they are.
  const latest = onMine(await sources.latestMessagesOfContact(db, tenantId, contactId, LATEST_MESSAGES));
  const [threads, counts, recipientOf] = await Promise.all([
    sources.conversationsOfContact(db, tenantId, contactId).then(onMine),
    sources.messageCountsOfContact(db, tenantId, contactId).then(onMine),
    sources
      .campaignsOfContact(db, tenantId, contactId, LATEST_CAMPAIGNS)
      .then((rows) => (mine ? rows.filter((x) => mine.has(x.r.channelId)) : rows)),
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
