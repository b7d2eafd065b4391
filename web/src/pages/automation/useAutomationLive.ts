import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { keys } from "../../api/keys";
import { useRealtimeEvent } from "../../realtime/RealtimeProvider";

/**
 * Refreshes the rules (trigger counts, last triggered) and their logs on every
 * `message.new` event while an automation page is shown: an incoming message may fire a
 * rule, and the auto-reply going out (`direction: out`) marks its log line sent.
 */
export function useAutomationLive(): void {
  const qc = useQueryClient();
  useRealtimeEvent(
    "message.new",
    useCallback(() => void qc.invalidateQueries({ queryKey: keys.automationAll }), [qc]),
  );
}
