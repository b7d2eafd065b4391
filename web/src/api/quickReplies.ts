/** Managing quick replies (src/modules/inbox/quick-replies.ts); the list is `useQuickReplies` in ./inbox. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { QuickReply } from "./inbox";
import { keys } from "./keys";
import type { Schemas } from "./types";

/** What a quick reply is saved with: its `/shortcut`, its text (template markup) and an optional file. */
type QuickReplyInput = Schemas["SaveQuickReplyInput"];

/**
 * Creates a quick reply (`id` null) or replaces one; the list (also the composer's "/")
 * refreshes. @throws ApiError with `fields.shortcut`, `fields.body` or `fields["media.id"]`
 */
export function useSaveQuickReply(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: QuickReplyInput) =>
      id
        ? api<QuickReply>("PUT", `/quick-replies/${id}`, input)
        : api<QuickReply>("POST", "/quick-replies", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.quickReplies }),
  });
}

/** Deletes a quick reply; the list refreshes. */
export function useDeleteQuickReply() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>("DELETE", `/quick-replies/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.quickReplies }),
  });
}
