/** The shop's API keys (`/api-keys`, src/modules/api-keys): owners make, list and revoke them. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Schemas } from "./types";

/** A key as listed: its prefix, never the key. */
export type ApiKey = Schemas["ApiKey"];
/** A key just made: the listed fields and, this once, the whole `key`. */
export type CreatedApiKey = Schemas["CreatedApiKey"];
/** What a new key needs: a name and its scopes. */
type ApiKeyInput = Schemas["CreateApiKeyInput"];
/** One scope a key may have. */
export type ApiScope = ApiKey["scopes"][number];

/** Every scope, in the order the create dialog offers them (src/lib/actor.ts API_SCOPES). */
export const API_SCOPES: readonly ApiScope[] = [
  "orders:write",
  "orders:read",
  "contacts:read",
  "contacts:write",
  "messages:send",
];

/** The shop's keys, newest first, revoked ones too (owner only; pass `enabled: false` for an agent). */
export function useApiKeys(enabled = true) {
  return useQuery({ queryKey: keys.apiKeys, queryFn: () => api<ApiKey[]>("GET", "/api-keys"), enabled });
}

/** Makes a key; the answer holds the whole key, shown once. @throws ApiError 400 naming `name` or `scopes` */
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiKeyInput) => api<CreatedApiKey>("POST", "/api-keys", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

/** Revokes a key: requests with it are refused from now on. */
export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/api-keys/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}
