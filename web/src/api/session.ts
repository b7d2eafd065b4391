import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Channel, Schemas, Tenant, User } from "./types";

/** The signed-in user, or null when nobody is (asked without a failed request on a first visit). */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => api<{ user: User | null }>("GET", "/auth/session").then((r) => r.user),
    retry: false,
    staleTime: Infinity,
  });
}

/** A permission key (docs/permissions.md). */
export type Permission = User["permissions"][number];

/**
 * Permissions over what acts for the whole shop (API keys, webhook endpoints): the server
 * refuses them to someone limited to outlets (403 `all_outlets_only`), so they count as not held.
 */
const SHOP_WIDE = /^(api_keys|webhooks)\./;

/**
 * `can(key)`: whether the signed-in user holds a permission, to hide what the API would
 * refuse (the server checks every request anyway).
 */
export function useCan(): (key: Permission) => boolean {
  const me = useMe().data;
  const limited = (me?.outletIds?.length ?? 0) > 0;
  return (key) => (me?.permissions.includes(key) ?? false) && !(limited && SHOP_WIDE.test(key));
}

/** A module the owner can switch off (src/lib/modules.ts). */
export type ShopModule = Tenant["disabledModules"][number];

/** The shop: name and time zone. */
export function useTenant() {
  return useQuery({
    queryKey: keys.tenant,
    queryFn: () => api<Tenant>("GET", "/tenant"),
    staleTime: 5 * 60_000,
  });
}

/** The shop's WhatsApp numbers. */
export function useChannels() {
  return useQuery({ queryKey: keys.channels, queryFn: () => api<Channel[]>("GET", "/channels") });
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas["SignInInput"]) => api<{ user: User }>("POST", "/auth/sign-in", input),
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(keys.me, user);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("POST", "/auth/sign-out"),
    onSettled: () => qc.clear(),
  });
}

/**
 * Changes the signed-in user's own password (current + new): their other sessions end,
 * this one stays, and a temporary password no longer holds the app back.
 */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas["ChangePasswordInput"]) => api<void>("POST", "/auth/password", input),
    onSuccess: () =>
      qc.setQueryData<User | null>(keys.me, (u) => (u ? { ...u, mustChangePassword: false } : u)),
  });
}

/** Ends every session of the signed-in user, this one too. */
export function useSignOutEverywhere() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("POST", "/auth/sign-out-everywhere"),
    onSettled: () => qc.clear(),
  });
}
