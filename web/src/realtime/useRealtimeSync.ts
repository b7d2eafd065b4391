import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { storeCampaign } from "../api/campaigns";
import { keys } from "../api/keys";
import { useOrdersLive } from "../api/orders";
import { useInboxSync } from "./useInboxSync";
import { useRealtime, useRealtimeEvent } from "./RealtimeProvider";

/** Least time between two refreshes of a campaign's recipient table while it runs. */
const RECIPIENTS_REFRESH_MS = 2000;

/**
 * Keeps React Query's cache in step with the server's events: campaign progress is put
 * into the cache as it comes (no request), other events refresh what they touch, and a
 * (re)connection refreshes what was fetched before it (events may have been missed meanwhile).
 */
export function useRealtimeSync(): void {
  const qc = useQueryClient();
  const { connected } = useRealtime();
  const refreshRecipients = useThrottledByKey(
    RECIPIENTS_REFRESH_MS,
    (id) => void qc.invalidateQueries({ queryKey: keys.recipientsOf(id) }),
  );

  // Events are pushed only to connected sockets: whatever was fetched before this
  // connection (the page's first requests, or everything before a reconnect) may have
  // missed some, so it is fetched again; data fetched since stays.
  useEffect(() => {
    if (!connected) return;
    const since = Date.now();
    void qc.invalidateQueries({
      predicate: (q) => q.state.dataUpdatedAt > 0 && q.state.dataUpdatedAt < since,
    });
  }, [connected, qc]);

  useRealtimeEvent(
    "campaign.progress",
    useCallback(
      ({ campaign }) => {
        storeCampaign(qc, campaign);
        refreshRecipients(campaign.id);
      },
      [qc, refreshRecipients],
    ),
  );
  useRealtimeEvent(
    "campaign.status",
    useCallback(() => void qc.invalidateQueries({ queryKey: keys.campaigns }), [qc]),
  );
  useRealtimeEvent(
    "channel.status",
    useCallback(() => void qc.invalidateQueries({ queryKey: keys.channels }), [qc]),
  );
  useRealtimeEvent(
    "channel.restrictions",
    useCallback(() => void qc.invalidateQueries({ queryKey: keys.channels }), [qc]),
  );
  useInboxSync();
  useOrdersLive();
  useRealtimeEvent(
    "sandbox.message",
    useCallback(
      ({ phones }) => {
        for (const phone of phones) void qc.invalidateQueries({ queryKey: keys.phoneMessages(phone) });
        // A number the shop writes to for the first time has just got its phone.
        const listed = qc.getQueryData<Array<{ phone: string }>>(keys.sandboxPhones);
        if (listed && phones.some((phone) => !listed.some((p) => p.phone === phone)))
          void qc.invalidateQueries({ queryKey: keys.sandboxPhones });
      },
      [qc],
    ),
  );
}

/** `fn(key)` at most once per `ms` per key, the last call always honoured. */
function useThrottledByKey(ms: number, fn: (key: string) => void): (key: string) => void {
  const state = useRef(new Map<string, { last: number; timer: ReturnType<typeof setTimeout> | null }>());
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const timers = state.current;
    return () => {
      for (const s of timers.values()) if (s.timer) clearTimeout(s.timer);
    };
  }, []);
  return useCallback(
    (key: string) => {
      const s = state.current.get(key) ?? { last: 0, timer: null };
      state.current.set(key, s);
      if (s.timer) return;
      const wait = Math.max(0, s.last + ms - Date.now());
      s.timer = setTimeout(() => {
        s.timer = null;
        s.last = Date.now();
        fnRef.current(key);
      }, wait);
    },
    [ms],
  );
}
