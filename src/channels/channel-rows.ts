/**
 * The statements of the WhatsApp layer on the `channels` table (owned by the channels
 * module, DESIGN.md §3.4): the layer reads a channel's row to attach it and writes the
 * connection state it learns from the network, the columns no module writes: `status`,
 * `status_since`, `last_error`, `link` (the QR or pairing code on screen), `phone` (the
 * number a WhatsApp Web link revealed) and `restrictions` (the number's new-chat cap and
 * reach-out timelock). The layer is below the modules and may not import
 * them (rule 2), so these statements live here, and the channels module's queries take
 * the row type from this file rather than declaring a second one.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { channels, tenants, type ChannelLink } from "../db/schema/index.js";
import type { ChannelStatus, E164, Restrictions } from "./transport.js";

/** A stored channel row. */
export type ChannelRow = typeof channels.$inferSelect;

/** A channel's row by id, any tenant (the manager attaching it); null when there is none. */
export async function channelRowById(db: Db, channelId: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId));
  return row ?? null;
}

/** The IANA time zone of a channel's tenant (`tenants.time_zone`, for its dispatcher); undefined when there is no such tenant. */
export async function tenantTimeZoneOf(db: Db, tenantId: string): Promise<string | undefined> {
  const [tenant] = await db
    .select({ timeZone: tenants.timeZone })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return tenant?.timeZone;
}

/** A channel's stored pacing policy (jsonb, not yet validated); undefined when there is no such channel. */
export async function channelPacing(db: Db, channelId: string): Promise<unknown> {
  const [row] = await db.select({ pacing: channels.pacing }).from(channels).where(eq(channels.id, channelId));
  return row?.pacing;
}

/** Stores the QR or pairing code a channel shows now (`channels.link`, read by GET /channels/:id/link). */
export async function storeChannelLink(db: Db, channelId: string, link: ChannelLink): Promise<void> {
  await db.update(channels).set({ link }).where(eq(channels.id, channelId));
}

/**
 * Stores a channel's new connection status (since now) and its reason (`last_error`, null
 * without one), clearing the link unless the status is `qr`; no write when the status is
 * already that.
 */
export async function storeChannelStatus(
  db: Db,
  channelId: string,
  status: ChannelStatus,
  reason?: string,
): Promise<void> {
  await db
    .update(channels)
    .set({
      status,
      statusSince: new Date(),
      lastError: reason ?? null,
      ...(status === "qr" ? {} : { link: null }),
    })
    .where(sql`${channels.id} = ${channelId} AND ${channels.status} IS DISTINCT FROM ${status}`);
}

/**
 * Moves a channel nobody holds to `status` (since now), unless its status is one of
 * `unless` (the channel API of a process without channels, remote.ts).
 */
export async function setUnheldChannelStatus(
  db: Db,
  channelId: string,
  status: string,
  unless: readonly string[],
): Promise<void> {
  await db.execute(sql`
      UPDATE channels SET status = ${status}, status_since = now()
      WHERE id = ${channelId} AND status <> ALL(${sql.param([...unless])}::text[])`);
}

/** Stores the number a WhatsApp Web link revealed (`channels.phone`, E.164); no write when unchanged. */
export async function storeChannelPhone(db: Db, channelId: string, phone: E164): Promise<void> {
  await db
    .update(channels)
    .set({ phone })
    .where(and(eq(channels.id, channelId), sql`${channels.phone} IS DISTINCT FROM ${phone}`));
}

/**
 * Stores what WhatsApp restricts a channel's number to now (`channels.restrictions`, the
 * whole picture as read or pushed), unless a picture read later (`at`) is stored already.
 */
export async function storeChannelRestrictions(
  db: Db,
  channelId: string,
  restrictions: Restrictions,
): Promise<void> {
  await db
    .update(channels)
    .set({ restrictions })
    .where(
      and(
        eq(channels.id, channelId),
        sql`(${channels.restrictions} IS NULL OR (${channels.restrictions}->>'at')::bigint <= ${restrictions.at})`,
      ),
    );
}
