/**
 * The shared inbox: conversations, their threads, notes, labels and state, and quick
 * replies (src/modules/inbox/schemas.ts). Realtime events (useRealtimeSync) refresh
 * these queries; nothing here polls.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas } from "./types";

export const CONVERSATION_STATUSES = ["open", "snoozed", "resolved"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** One conversation of the list (GET /conversations). */
export type Conversation = Schemas["Conversation"];

/** A message of a thread. */
export type InboxMessage = Schemas["InboxMessage"];

/** A message's state: agents' messages go pending → sent → delivered → read (or failed); customers' are `received`. */
export type MessageStatus = InboxMessage["status"];

/** An internal note: agents only, never sent to the customer. */
export type Note = Schemas["Note"];

/** GET /conversations/:id: the conversation and its contact panel (the contact's latest campaigns, newest first). */
export type ConversationDetail = Schemas["ConversationDetail"];

/** A saved answer typed after "/" in the composer; `body` may hold {{name}}, {{attribute}} and {a|b} spintax. */
export type QuickReply = Schemas["QuickReply"];

/** The list's filters (GET /conversations query). */
export interface ConversationFilters {
  assignee: "all" | "mine" | "unassigned";
  status?: ConversationStatus;
  label?: string;
  channelId?: string;
  search?: string;
}

/** POST /conversations/:id/media: the stored file and its size in bytes. */
type UploadedInboxMedia = Schemas["UploadedMedia"];

/** What POST /conversations/:id/messages takes: text, or an approved WhatsApp template (Cloud API). */
export type SendInput = Schemas["SendMessageInput"];

function query(filters: ConversationFilters): string {
  const q = new URLSearchParams({ assignee: filters.assignee, limit: "100" });
  for (const k of ["status", "label", "channelId", "search"] as const) {
    const v = filters[k]?.trim();
    if (v) q.set(k, v);
  }
  return q.toString();
}

/** The conversations matching `filters`, latest activity first (the first 100). */
export function useConversations(filters: ConversationFilters) {
  return useQuery({
    queryKey: keys.conversationList(filters),
    queryFn: () => api<Conversation[]>("GET", `/conversations?${query(filters)}`),
  });
}

/** One conversation with its contact, notes and campaigns. */
export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: keys.conversation(id ?? ""),
    queryFn: () => api<ConversationDetail>("GET", `/conversations/${id}`),
    enabled: !!id,
  });
}

/** The latest messages of a conversation, oldest first. */
export function useThread(id: string | undefined) {
  return useQuery({
    queryKey: keys.thread(id ?? ""),
    queryFn: () => api<InboxMessage[]>("GET", `/conversations/${id}/messages`),
    enabled: !!id,
  });
}

/** Refreshes the lists and this conversation (the realtime event does too, for the other agents). */
function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.conversationLists });
    void qc.invalidateQueries({ queryKey: keys.conversation(id) });
  };
}

/** Sends a message; it shows at once as `pending` and its ticks follow by realtime events. */
export function useSendMessage(id: string) {
  const qc = useQueryClient();
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (input: SendInput) => api<InboxMessage>("POST", `/conversations/${id}/messages`, input),
    onSuccess: (message) => {
      qc.setQueryData<InboxMessage[]>(keys.thread(id), (old) =>
        old && !old.some((m) => m.id === message.id) ? [...old, message] : old,
      );
      void qc.invalidateQueries({ queryKey: keys.thread(id) });
      refresh();
    },
  });
}

/**
 * Uploads a file an agent attaches to a conversation (multipart field "file"); the server
 * picks the media type from its MIME type and checks WhatsApp's size limit (image 5 MB,
 * video and audio 16 MB, document 100 MB). Send the answer (without `size`) as `media`.
 * @throws ApiError with `fields.file` for a refused file
 */
export function useUploadConversationMedia(id: string) {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return api<UploadedInboxMedia>("POST", `/conversations/${id}/media`, form);
    },
  });
}

/** Marks the customer's messages read (the unread count drops to 0). */
export function useMarkRead(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: () => api<Conversation>("POST", `/conversations/${id}/read`),
    onSuccess: refresh,
  });
}

/** Resolve, reopen, or snooze until a time (ISO 8601). */
export function useConversationState(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (action: { type: "resolve" } | { type: "reopen" } | { type: "snooze"; until: string }) =>
      action.type === "snooze"
        ? api<Conversation>("POST", `/conversations/${id}/snooze`, {
            until: action.until,
          } satisfies Schemas["SnoozeConversationInput"])
        : api<Conversation>("POST", `/conversations/${id}/${action.type}`),
    onSuccess: refresh,
  });
}

/** Replaces the conversation's labels. */
export function useSetConversationLabels(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (labels: string[]) =>
      api<Conversation>("PUT", `/conversations/${id}/labels`, {
        labels,
      } satisfies Schemas["SetConversationLabelsInput"]),
    onSuccess: refresh,
  });
}

/** Adds an internal note. */
export function useAddNote(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (body: string) =>
      api<Note>("POST", `/conversations/${id}/notes`, { body } satisfies Schemas["CreateNoteInput"]),
    onSuccess: refresh,
  });
}

/** The shop's quick replies. */
export function useQuickReplies() {
  return useQuery({
    queryKey: keys.quickReplies,
    queryFn: () => api<QuickReply[]>("GET", "/quick-replies"),
    staleTime: 60_000,
  });
}

/**
 * A quick reply rendered by the server for a conversation's contact (`missing`: variables
 * the contact lacks; `media`: its file, sent with the text).
 */
export function useRenderQuickReply() {
  return useMutation({
    mutationFn: (input: { quickReplyId: string; conversationId: string }) =>
      api<{ text: string; missing: string[]; media: QuickReply["media"] }>(
        "POST",
        `/quick-replies/${input.quickReplyId}/render`,
        { conversationId: input.conversationId } satisfies Schemas["RenderQuickReplyInput"],
      ),
  });
}
