import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { campaigns, channels, conversations } from "../db/schema/index.js";

/** The tenant of a channel, by its id or (sandbox channels) by its number; null when unknown. */
export async function channelTenant(
  db: Db,
  by: { id: string } | { sandboxPhone: string },
): Promise<{ channelId: string; tenantId: string } | null> {
  const where =
    "id" in by
      ? eq(channels.id, by.id)
      : and(eq(channels.kind, "sandbox"), eq(channels.phone, by.sandboxPhone));
  const [row] = await db
    .select({ channelId: channels.id, tenantId: channels.tenantId })
    .from(channels)
    .where(where)
    .limit(1);
  return row ?? null;
}

/** A uuid (the lookups below skip anything else: an event may name an id that is no row). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outlet of a number; null when there is no such number. */
export async function channelOutlet(db: Db, channelId: string): Promise<string | null> {
  if (!UUID.test(channelId)) return null;
  const [row] = await db
    .select({ outletId: channels.outletId })
    .from(channels)
    .where(eq(channels.id, channelId))
    .limit(1);
  return row?.outletId ?? null;
}

/** A conversation's number and agent, by its id or by its number and contact; null when none. */
export async function conversationWhere(
  db: Db,
  by: { id: string } | { channelId: string; contactId: string },
): Promise<{ channelId: string; assigneeId: string | null } | null> {
  const ids = "id" in by ? [by.id] : [by.channelId, by.contactId];
  if (!ids.every((id) => UUID.test(id))) return null;
  const where =
    "id" in by
      ? eq(conversations.id, by.id)
      : and(eq(conversations.channelId, by.channelId), eq(conversations.contactId, by.contactId));
  const [row] = await db
    .select({ channelId: conversations.channelId, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(where)
    .limit(1);
  return row ?? null;
}

/** The main number of a campaign (the one its outlet scope reads); null when none. */
export async function campaignChannel(db: Db, campaignId: string): Promise<string | null> {
  if (!UUID.test(campaignId)) return null;
  const [row] = await db
    .select({ channelId: campaigns.channelId })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .limit(1);
  return row?.channelId ?? null;
}
