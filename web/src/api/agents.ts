/** Agents (presence and load) and manual assignment (src/modules/assignment/schemas.ts). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas } from "./types";

/** A user of the shop as an agent (owners answer conversations too), with presence and load. */
export type Agent = Schemas["Agent"];

/** The answer of going online or offline: the caller as an agent, and how many conversations it gave them. */
type PresenceAnswer = Schemas["Presence"];

/** Every agent of the shop (`agent.presence` events refresh it). */
export function useAgents() {
  return useQuery({ queryKey: keys.agents, queryFn: () => api<Agent[]>("GET", "/agents") });
}

/** Sets the signed-in user online (takes waiting conversations) or offline (hands theirs over). */
export function useSetPresence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (online: boolean) =>
      api<PresenceAnswer>("PUT", "/agents/me/presence", { online } satisfies Schemas["SetPresenceInput"]),
    onSuccess: (me) => {
      const { assigned: _, ...agent } = me;
      qc.setQueryData<Agent[]>(keys.agents, (old) => old?.map((a) => (a.id === me.id ? agent : a)));
      void qc.invalidateQueries({ queryKey: keys.agents });
      void qc.invalidateQueries({ queryKey: keys.conversationLists });
    },
  });
}

/** Gives a conversation to an agent, or back to the waiting queue (`userId` null). */
export function useAssign(conversationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) =>
      api<{ conversationId: string; assigneeId: string | null }>(
        "POST",
        `/conversations/${conversationId}/assign`,
        { userId } satisfies Schemas["AssignConversationInput"],
      ),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.inbox });
      void qc.invalidateQueries({ queryKey: keys.agents });
    },
  });
}
