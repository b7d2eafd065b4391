/** Reads of a conversation's thread and of the contact panel beside it. */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import {
  type campaignRecipients,
  contacts,
  messages,
  type MediaAttachment,
} from "../../../db/schema/index.js";
import type { MessageRow } from "./outgoing.js";

/**
 * A campaign recipient row, as the contact panel receives it from the campaigns module's
 * query (`PanelCampaignSource` in `../thread.ts`, passed in by the composition root).
 */
export type PanelRecipientRow = typeof campaignRecipients.$inferSelect;

/**
 * The latest `limit` messages between a channel and a contact of `tenantId` (or those
 * before message `before`), newest first.
 */
export function threadPage(
  db: Db,
  tenantId: string,
  thread: { channelId: string; contactId: string },
  opts: { before?: string; limit: number },
): Promise<MessageRow[]> {
  const where = [
    eq(messages.tenantId, tenantId),
    eq(messages.channelId, thread.channelId),
    eq(messages.contactId, thread.contactId),
  ];
  if (opts.before) {
    where.push(
      sql`(${messages.createdAt}, ${messages.id}) < (SELECT created_at, id FROM messages WHERE id = ${opts.before} AND tenant_id = ${tenantId})`,
    );
  }
  return db
    .select()
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(opts.limit);
}

/**
 * The messages of one thread (channel and contact of `tenantId`) whose network ids are
 * `externalIds`: the messages customers' answers answer. Only the same thread's, so an
 * answer naming another customer's message shows nothing of it.
 */
export function threadMessagesByExternalId(
  db: Db,
  tenantId: string,
  thread: { channelId: string; contactId: string },
  externalIds: string[],
): Promise<MessageRow[]> {
  if (externalIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.channelId, thread.channelId),
        eq(messages.contactId, thread.contactId),
        inArray(messages.externalId, externalIds),
      ),
    );
}

/**
 * The media of message `messageId` between a channel and a contact of `tenantId`: null when
 * there is no such message there, or it carries no media.
 */
export async function mediaOfMessage(
  db: Db,
  tenantId: string,
  thread: { channelId: string; contactId: string },
  messageId: string,
): Promise<MediaAttachment | null> {
  const [row] = await db
    .select({ media: messages.media })
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.channelId, thread.channelId),
        eq(messages.contactId, thread.contactId),
        eq(messages.id, messageId),
      ),
    );
  return row?.media ?? null;
}

/** The contact of a conversation as the contact panel shows it (a read of the contacts module's table); null when it is not the tenant's. */
export async function panelContact(db: Db, tenantId: string, contactId: string) {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  return contact ?? null;
}
