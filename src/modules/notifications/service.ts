import type { Db } from "../../db/client.js";
import type { Actor } from "../../lib/actor.js";
import type { Bus } from "../../lib/bus.js";
import { notificationErrors } from "./errors.js";
import {
  insertUnlessRepeated,
  latestNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationRow,
  notificationById,
  type NotificationKind,
  unreadCount,
} from "./queries.js";
import type { NotificationDto } from "./schemas.js";

/** What happened, for {@link NotificationService.notify}. */
export interface NewNotification {
  tenantId: string;
  kind: NotificationKind;
  severity: "error" | "warning" | "info";
  channelId?: string | null;
  campaignId?: string | null;
  reason?: string | null;
  /** Until when it lasts (channel_restricted: the cap cycle's or the timelock's end), when known. */
  until?: Date | null;
}

/** An unread notification of the same kind and subject within this window is not repeated (ms). */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * Notifications: stored per tenant, pushed to the tenant's sockets (`notification.new`),
 * listed with the channel / campaign names, marked read by anyone of the tenant.
 */
export function createNotificationService(db: Db, bus: Bus) {
  return {
    /**
     * Records a notification and pushes it, unless the same one (kind, channel, campaign) is
     * still unread from the last 10 minutes: a channel flapping between states tells once.
     * @returns the stored notification, or null when it was a repeat.
     */
    async notify(n: NewNotification): Promise<NotificationDto | null> {
      const id = await insertUnlessRepeated(
        db,
        {
          tenantId: n.tenantId,
          kind: n.kind,
          severity: n.severity,
          channelId: n.channelId ?? null,
          campaignId: n.campaignId ?? null,
          reason: n.reason ?? null,
          until: n.until ?? null,
        },
        REPEAT_WINDOW_MS,
      );
      if (!id) return null;
      const dto = toDto((await notificationById(db, id))!);
      bus.emit("notification.new", { tenantId: n.tenantId, notification: dto });
      return dto;
    },

    /** Newest first, with the count of unread ones. */
    async list(
      actor: Actor,
      opts: { unread: boolean; limit: number },
    ): Promise<{ items: NotificationDto[]; unread: number }> {
      const rows = await latestNotifications(db, actor.tenantId, opts);
      return { items: rows.map(toDto), unread: await unreadCount(db, actor.tenantId) };
    },

    /** @throws KabarError 404 */
    async markRead(actor: Actor, id: string): Promise<NotificationDto> {
      await markNotificationRead(db, actor.tenantId, id);
      const row = await notificationById(db, id, actor.tenantId);
      if (!row) throw notificationErrors.notFound();
      return toDto(row);
    },

    /** @returns how many were unread */
    async markAllRead(actor: Actor): Promise<{ marked: number }> {
      return { marked: await markAllNotificationsRead(db, actor.tenantId) };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

function toDto({ n, channelName, campaignName }: NotificationRow): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    severity: n.severity,
    channelId: n.channelId,
    channelName,
    campaignId: n.campaignId,
    campaignName,
    reason: n.reason,
    until: n.until?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
