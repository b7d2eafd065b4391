import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas } from "./types";

/** Something the shop must know (src/modules/notifications/schemas.ts). */
export type Notification = Schemas["Notification"];

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
