import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../db/schema/notifications.js";

/** One notification as the API and the socket event `notification.new` carry it. */
export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  severity: z.enum(["error", "warning", "info"]),
  channelId: z.uuid().nullable(),
  channelName: z.string().nullable(),
  campaignId: z.uuid().nullable(),
  campaignName: z.string().nullable(),
  reason: z.string().nullable(),
  /** channel_restricted: until when new chats are slowed or held (ISO), null when not known or not such. */
  until: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

declare module "../../lib/bus.js" {
  interface BusEvents {
    /** Something the shop must know (a channel stopped, a campaign paused or ended); see modules/notifications. */
    "notification.new": { tenantId: string; notification: NotificationDto };
  }
}

export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  /** Unread notifications of the tenant (all of them, not only this page). */
  unread: z.number().int(),
});

export const notificationsQuery = z.object({
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .describe("Only unread ones"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Names in the OpenAPI document (`components.schemas`), which the web app's generated types use. */
z.globalRegistry.add(notificationSchema, { id: "Notification" });
