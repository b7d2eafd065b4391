/** Changing the shop's settings (`PATCH /tenant`, src/modules/tenants); reading them is `useTenant` in ./session. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas, Tenant } from "./types";

/** What the settings page may change; omitted fields stay as they are. */
export type TenantInput = Schemas["UpdateTenantInput"];

/**
 * Saves the shop's settings (owner only). The saved shop replaces the cached one at once, so
 * the header's name and every time shown through `useFormat` follow the new zone; the
 * dashboard's per-day counts (days in the shop's zone) are fetched again.
 * @throws ApiError 400 with `fields.name`, `fields.optOutKeywords…`, or code `invalid_time_zone`; 403 for an agent
 */
export function useUpdateTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TenantInput) => api<Tenant>("PATCH", "/tenant", input),
    onSuccess: (saved) => {
      qc.setQueryData(keys.tenant, saved);
      void qc.invalidateQueries({ queryKey: keys.tenant });
      void qc.invalidateQueries({ queryKey: keys.statsAll });
    },
  });
}
