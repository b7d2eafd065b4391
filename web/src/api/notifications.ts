import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";

export type NotificationKind =
  | "channel_blocked"
  | "channel_logged_out"
  | "channel_needs_token"
  | "channel_replaced"
  | "campaign_paused"
  | "campaign_completed"
  | "campaign_failed";

/** Something the shop must know (mirrors src/modules/notifications/schemas.ts). */
export interface Notification {
  id: string;
  kind: NotificationKind;
  severity: "error" | "warning" | "info";
  channelId: string | null;
  channelName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  reason: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The latest notifications and the unread count (refreshed by `notification.new` events). */
export function useNotifications() {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () => api<{ items: Notification[]; unread: number }>("GET", "/notifications?limit=20"),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | "all") =>
      id === "all" ? api("POST", "/notifications/read-all") : api("POST", `/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.notifications }),
  });
}
