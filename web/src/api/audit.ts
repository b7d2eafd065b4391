/** The shop's audit log (`/audit`, src/modules/audit): who did what, filtered, paged, exported. */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** One entry: who (name and role as they were), what, to what, the changes before → after. */
export type AuditEntry = Schemas["AuditEntry"];
type AuditPage = Schemas["AuditPage"];

/** The page's filters; empty string: not filtered. `from`/`to` are ISO instants (`to` excluded). */
export interface AuditFilters {
  userId: string;
  action: string;
  targetType: string;
  /** Entries about one outlet (its things, its staff's doings); shown when the shop has two or more. */
  outletId: string;
  from: string;
  to: string;
}

/** No filter set. */
export const NO_AUDIT_FILTERS: AuditFilters = {
  userId: "",
  action: "",
  targetType: "",
  outletId: "",
  from: "",
  to: "",
};

/** The kinds of target the filter offers (entries of other kinds still show, unfiltered). */
export const AUDIT_TARGET_TYPES = [
  "user",
  "role",
  "tenant",
  "api_key",
  "channels",
  "contacts",
  "campaigns",
  "orders",
  "products",
  "templates",
  "automation",
  "conversations",
  "webhook-endpoints",
] as const;

function params(f: AuditFilters): URLSearchParams {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) qs.set(k, v);
  return qs;
}

/** Entries matching `filters`, newest first, 50 a page; `fetchNextPage` reads the next one. */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam }) => {
      const qs = params(filters);
      if (pageParam) qs.set("cursor", pageParam);
      return api<AuditPage>("GET", `/audit?${qs}`);
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The download address of the entries matching `filters`, as CSV or Excel. */
export function auditExportUrl(filters: AuditFilters, format: "csv" | "xlsx"): string {
  const qs = params(filters);
  qs.set("format", format);
  return `/api/v1/audit/export?${qs}`;
}

/**
 * The people the log names (deactivated and deleted ones too: their entries stay), for the
 * person filter; needs `audit.read` only.
 */
export function useAuditPeople() {
  return useQuery({
    queryKey: ["audit", "people"],
    queryFn: () => api<Schemas["AuditPeople"]>("GET", "/audit/people"),
    staleTime: 5 * 60_000,
  });
}
