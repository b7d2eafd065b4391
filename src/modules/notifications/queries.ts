/** Statements of the notifications module (the `notifications` table's owner). */
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { campaigns, channels, type NotificationKind, notifications } from "../../db/schema/index.js";

/** What a notification is about (`channel_blocked`, `campaign_paused`, …). */
export type { NotificationKind };

/** A notification with the names of its channel and campaign (null when none or deleted). */
export interface NotificationRow {
  n: typeof notifications.$inferSelect;
  channelName: string | null;
  campaignName: string | null;
}

/** A notification to store: which shop, what, how serious, about what. */
interface NotificationInsert {
  tenantId: string;
  kind: NotificationKind;
  severity: "error" | "warning" | "info";
  channelId: string | null;
  campaignId: string | null;
  reason: string | null;
  /** Until when what it tells lasts (channel_restricted), when known. */
  until?: Date | null;
}

const withNames = (db: Db) =>
  db
    .select({ n: notifications, channelName: channels.name, campaignName: campaigns.name })
    .from(notifications)
    .leftJoin(channels, eq(channels.id, notifications.channelId))
    .leftJoin(campaigns, eq(campaigns.id, notifications.campaignId));

/**
 * Stores `n` unless the same one (shop, kind, channel, campaign) is still unread and younger
 * than `repeatWindowMs` (ms) — for a WhatsApp template's review also with the same reason
 * (which names the template), for `channel_restricted` with the same reason and end, since
 * each change of a number's restrictions is news — in one statement so two processes never
 * both store it.
 * @returns the new notification's id, or null when it was a repeat
 */
export async function insertUnlessRepeated(
  db: Db,
  n: NotificationInsert,
  repeatWindowMs: number,
): Promise<string | null> {
  const r = await db.execute<{ id: string }>(sql`
    INSERT INTO notifications (tenant_id, kind, severity, channel_id, campaign_id, reason, until)
    SELECT ${n.tenantId}::uuid, ${n.kind}, ${n.severity}, ${n.channelId}::uuid, ${n.campaignId}::uuid, ${n.reason},
      ${n.until?.toISOString() ?? null}::timestamptz
    WHERE NOT EXISTS (
      SELECT 1 FROM notifications
      WHERE tenant_id = ${n.tenantId}::uuid AND kind = ${n.kind} AND read_at IS NULL
        AND channel_id IS NOT DISTINCT FROM ${n.channelId}::uuid AND campaign_id IS NOT DISTINCT FROM ${n.campaignId}::uuid
        AND (kind NOT LIKE 'wa\_template\_%' OR reason IS NOT DISTINCT FROM ${n.reason})
        AND created_at > now() - make_interval(secs => ${repeatWindowMs / 1000})
        AND (kind <> 'channel_restricted' OR (reason IS NOT DISTINCT FROM ${n.reason}
          AND until IS NOT DISTINCT FROM ${n.until?.toISOString() ?? null}::timestamptz)))
    RETURNING id`);
  return r.rows[0]?.id ?? null;
}

/** Notification `id` with names; `tenantId` scopes it when given. */
export async function notificationById(
  db: Db,
  id: string,
  tenantId?: string,
): Promise<NotificationRow | undefined> {
  const byId = eq(notifications.id, id);
  const [row] = await withNames(db).where(
    tenantId === undefined ? byId : and(eq(notifications.tenantId, tenantId), byId),
  );
  return row;
}

/** The shop's newest `limit` notifications (only unread ones when `unread`), with names. */
export function latestNotifications(
  db: Db,
  tenantId: string,
  opts: { unread: boolean; limit: number },
): Promise<NotificationRow[]> {
  const mine = eq(notifications.tenantId, tenantId);
  return withNames(db)
    .where(opts.unread ? and(mine, isNull(notifications.readAt)) : mine)
    .orderBy(desc(notifications.createdAt))
    .limit(opts.limit);
}

/** How many of the shop's notifications are unread. */
export async function unreadCount(db: Db, tenantId: string): Promise<number> {
  const [c] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), isNull(notifications.readAt)));
  return c?.n ?? 0;
}

/** Marks notification `id` of the shop read (once: a second time keeps the first moment). */
export async function markNotificationRead(db: Db, tenantId: string, id: string): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.id, id)));
}

/** Marks every unread notification of the shop read. @returns how many were unread */
export async function markAllNotificationsRead(db: Db, tenantId: string): Promise<number> {
  const r = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.tenantId, tenantId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return r.length;
}
