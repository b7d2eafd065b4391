/** The shop's outlets (`/outlets`, src/modules/outlets, issue 13): reading, adding and editing. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Schemas } from "./types";

/** An outlet as the API shows it (province: a Kemendagri code; phone: E.164). */
export type Outlet = Schemas["Outlet"];
/** What the outlet form sends. */
export type OutletInput = Schemas["CreateOutletInput"];

const outletKeys = { all: ["outlets"] as const };

/** The outlets the user works in, oldest first. Needs `outlets.read`: pass `enabled: false` for others. */
export function useOutlets(enabled = true) {
  return useQuery({ queryKey: outletKeys.all, queryFn: () => api<Outlet[]>("GET", "/outlets"), enabled });
}

/**
 * Adds an outlet (`id` absent) or changes one; the list is fetched again after.
 * @throws ApiError 400 naming `name`, `province` or `phone`; 409 `outlet_name_taken`; 403 without `outlets.manage`
 */
export function useSaveOutlet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: OutletInput }) =>
      id ? api<Outlet>("PATCH", `/outlets/${id}`, input) : api<Outlet>("POST", "/outlets", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: outletKeys.all }),
  });
}
