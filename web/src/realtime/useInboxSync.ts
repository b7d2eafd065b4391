import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ConversationDetail, Note } from "../api/inbox";
import { keys } from "../api/keys";
import { useRealtimeEvent } from "./RealtimeProvider";

/**
 * The inbox's share of the realtime sync: a message, tick, state change, assignment or
 * note refreshes what it touches (only queries on screen refetch; others are marked stale).
 */
export function useInboxSync(): void {
  const qc = useQueryClient();
  const lists = useCallback(() => void qc.invalidateQueries({ queryKey: keys.conversationLists }), [qc]);
  const one = useCallback(
    (id: string) => void qc.invalidateQueries({ queryKey: keys.conversation(id) }),
    [qc],
  );

  useRealtimeEvent(
    "message.new",
    useCallback(
      ({ conversationId }) => {
        lists();
        if (conversationId) {
          void qc.invalidateQueries({ queryKey: keys.thread(conversationId) });
          one(conversationId);
        }
      },
      [qc, lists, one],
    ),
  );
  // The event names the message, not its conversation: refresh the threads on screen.
  useRealtimeEvent(
    "message.status",
    useCallback(() => {
      void qc.invalidateQueries({ queryKey: keys.threads });
      lists();
    }, [qc, lists]),
  );
  const changed = useCallback(
    ({ conversationId }: { conversationId: string }) => {
      lists();
      one(conversationId);
    },
    [lists, one],
  );
  useRealtimeEvent("conversation.opened", changed);
  useRealtimeEvent("conversation.updated", changed);
  useRealtimeEvent(
    "conversation.assigned",
    useCallback(
      (p: { conversationId: string }) => {
        changed(p);
        void qc.invalidateQueries({ queryKey: keys.agents });
      },
      [qc, changed],
    ),
  );
  useRealtimeEvent(
    "conversation.note",
    useCallback(
      ({ conversationId, note }: { conversationId: string; note: Note }) => {
        qc.setQueryData<ConversationDetail>(keys.conversation(conversationId), (old) =>
          old && !old.notes.some((n) => n.id === note.id) ? { ...old, notes: [...old.notes, note] } : old,
        );
      },
      [qc],
    ),
  );
  useRealtimeEvent(
    "agent.presence",
    useCallback(() => void qc.invalidateQueries({ queryKey: keys.agents }), [qc]),
  );
}
