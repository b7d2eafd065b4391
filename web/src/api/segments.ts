import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** Each RFM segment with its customers, the thresholds and when they were computed. */
export type SegmentsOverview = Schemas["SegmentsOverview"];
/** One of the named RFM segments. */
export type RfmSegment = SegmentsOverview["segments"][number]["segment"];
/** The shop's thresholds (days and scores 1–5). */
export type RfmThresholds = SegmentsOverview["thresholds"];
/** A customer's RFM figures. */
type ContactRfm = Schemas["ContactRfm"];

const segmentKeys = {
  all: ["segments"] as const,
  contact: (id: string) => ["segments", "contact", id] as const,
};

/** The segments overview (GET /segments). */
export function useSegments() {
  return useQuery({ queryKey: segmentKeys.all, queryFn: () => api<SegmentsOverview>("GET", "/segments") });
}

/** Recomputes the segments now; the answer replaces the overview. */
export function useRefreshSegments() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<SegmentsOverview>("POST", "/segments/refresh"),
    onSuccess: (data) => {
      qc.setQueryData(segmentKeys.all, data);
      void qc.invalidateQueries({ queryKey: ["segments", "contact"] });
    },
  });
}

/** Saves thresholds (owners) and recomputes; field problems come back in `ApiError.fields`. */
export function useSaveThresholds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (t: Partial<RfmThresholds>) => api<SegmentsOverview>("PUT", "/segments/settings", t),
    onSuccess: (data) => {
      qc.setQueryData(segmentKeys.all, data);
      void qc.invalidateQueries({ queryKey: ["segments", "contact"] });
    },
  });
}

/** A contact's RFM figures, or null when they have no order. */
export function useContactRfm(contactId: string) {
  return useQuery({
    queryKey: segmentKeys.contact(contactId),
    queryFn: () => api<ContactRfm | null>("GET", `/contacts/${contactId}/rfm`),
  });
}
