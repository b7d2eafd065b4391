import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { campaigns, channels, notifications, type NotificationKind } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { notificationErrors } from "./errors.js";
import type { NotificationDto } from "./schemas.js";

/** What happened, for {@link NotificationService.notify}. */
export interface NewNotification {
  tenantId: string;
  kind: NotificationKind;
  severity: "error" | "warning" | "info";
  channelId?: string | null;
  campaignId?: string | null;
  reason?: string | null;
}

/** An unread notification of the same kind and subject within this window is not repeated (ms). */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Notifications: stored per tenant, pushed to the tenant's sockets (`notification.new`),
 * listed with the channel / campaign names, marked read by anyone of the tenant.
 */
export function createNotificationService(db: Db, bus: Bus) {
  const select = () =>
    db
      .select({ n: notifications, channelName: channels.name, campaignName: campaigns.name })
      .from(notifications)
      .leftJoin(channels, eq(channels.id, notifications.channelId))
      .leftJoin(campaigns, eq(campaigns.id, notifications.campaignId));

  return {
    /**
     * Records a notification and pushes it, unless the same one (kind, channel, campaign) is
     * still unread from the last 10 minutes: a channel flapping between states tells once.
     * @returns the stored notification, or null when it was a repeat.
     */
    async notify(n: NewNotification): Promise<NotificationDto | null> {
      const channelId = n.channelId ?? null;
      const campaignId = n.campaignId ?? null;
      const r = await db.execute<{ id: string }>(sql`
        INSERT INTO notifications (tenant_id, kind, severity, channel_id, campaign_id, reason)
        SELECT ${n.tenantId}::uuid, ${n.kind}, ${n.severity}, ${channelId}::uuid, ${campaignId}::uuid, ${n.reason ?? null}
        WHERE NOT EXISTS (
          SELECT 1 FROM notifications
          WHERE tenant_id = ${n.tenantId}::uuid AND kind = ${n.kind} AND read_at IS NULL
            AND channel_id IS NOT DISTINCT FROM ${channelId}::uuid AND campaign_id IS NOT DISTINCT FROM ${campaignId}::uuid
            AND created_at > now() - make_interval(secs => ${REPEAT_WINDOW_MS / 1000}))
        RETURNING id`);
      const id = r.rows[0]?.id;
      if (!id) return null;
      const [row] = await select().where(eq(notifications.id, id));
      const dto = toDto(row!);
      bus.emit("notification.new", { tenantId: n.tenantId, notification: dto });
      return dto;
    },

    /** Newest first, with the count of unread ones. */
    async list(
      actor: Actor,
      opts: { unread: boolean; limit: number },
    ): Promise<{ items: NotificationDto[]; unread: number }> {
      const mine = eq(notifications.tenantId, actor.tenantId);
      const rows = await select()
        .where(opts.unread ? and(mine, isNull(notifications.readAt)) : mine)
        .orderBy(desc(notifications.createdAt))
        .limit(opts.limit);
      const [c] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)));
      return { items: rows.map(toDto), unread: c?.n ?? 0 };
    },

    /** @throws KabarError 404 */
    async markRead(actor: Actor, id: string): Promise<NotificationDto> {
      await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.tenantId, actor.tenantId), eq(notifications.id, id)));
      const [row] = await select().where(
        and(eq(notifications.tenantId, actor.tenantId), eq(notifications.id, id)),
      );
      if (!row) throw notificationErrors.notFound();
      return toDto(row);
    },

    /** @returns how many were unread */
    async markAllRead(actor: Actor): Promise<{ marked: number }> {
      const r = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.tenantId, actor.tenantId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return { marked: r.length };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

function toDto({
  n,
  channelName,
  campaignName,
}: {
  n: typeof notifications.$inferSelect;
  channelName: string | null;
  campaignName: string | null;
}): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    severity: n.severity,
    channelId: n.channelId,
    channelName,
    campaignId: n.campaignId,
    campaignName,
    reason: n.reason,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
