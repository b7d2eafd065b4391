import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useRealtimeEvent } from "../realtime/RealtimeProvider";
import { api } from "./client";
import { keys } from "./keys";
import type { StatsOverview } from "./types";

/** Least time between two refreshes of the dashboard figures while campaigns run. */
const REFRESH_MS = 5000;

/**
 * Per-day counts of the last `days` days (7 or 30) on the shop's calendar days, of one
 * outlet with `outletId` (else the user's outlets combined). Fetched
 * afresh each time the dashboard opens (events that came while it was closed changed
 * them), then kept current by `useStatsLiveRefresh`.
 */
export function useStatsOverview(days: 7 | 30, outletId: string | null = null) {
  return useQuery({
    queryKey: keys.statsOverview(days, outletId),
    queryFn: () =>
      api<StatsOverview>("GET", `/stats/overview?days=${days}${outletId ? `&outletId=${outletId}` : ""}`),
    refetchOnMount: "always",
  });
}

/**
 * Refreshes the dashboard figures — and the channels' health, whose send counts move with
 * them — when the dashboard opens and when the server reports campaign progress or a
 * message (Socket.IO events, no polling), at most once every 5 s, the last event always honoured.
 */
export function useStatsLiveRefresh(): void {
  const qc = useQueryClient();
  useEffect(() => void qc.invalidateQueries({ predicate: isChannelHealth }), [qc]);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const refresh = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      void qc.invalidateQueries({ queryKey: keys.statsAll });
      void qc.invalidateQueries({ predicate: isChannelHealth });
    }, wait);
  }, [qc]);
  useRealtimeEvent("campaign.progress", refresh);
  useRealtimeEvent("message.new", refresh);
}

/** A `keys.channelHealth(id)` query. */
function isChannelHealth(q: { queryKey: readonly unknown[] }): boolean {
  const [a, id, b] = q.queryKey;
  return a === keys.channels[0] && typeof id === "string" && b === keys.channelHealth(id)[2];
}
