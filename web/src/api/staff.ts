/**
 * The shop's staff and roles (`/users`, `/roles`; src/modules/users, src/modules/roles):
 * people with `users.*` add staff, change their role, reset their password and
 * (de)activate them; people with `roles.*` make the shop's custom roles.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import { keys } from "./keys";
import type { Role, Schemas, StaffUser } from "./types";

/** A user just added or reset: the listed fields and, this once, a generated `temporaryPassword`. */
type StaffWithPassword = StaffUser & { temporaryPassword: string | null };
type AddStaffInput = Schemas["CreateUserInput"];
type UpdateStaffInput = Schemas["UpdateUserInput"];
type CreateRoleInput = Schemas["CreateRoleInput"];
type UpdateRoleInput = Schemas["UpdateRoleInput"];

/** The shop's users by name (`users.read`; pass `enabled: false` without it). */
export function useStaff(enabled = true) {
  return useQuery({ queryKey: keys.staff, queryFn: () => api<StaffUser[]>("GET", "/users"), enabled });
}

/**
 * Adds a user with a built-in `role` or a custom `roleId`; the answer holds the generated
 * temporary password, shown once.
 * @throws ApiError 409 `email_taken`, 403 `permission_not_held` / `owner_role_owner_only`, 400 naming a field
 */
export function useAddStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AddStaffInput) => api<StaffWithPassword>("POST", "/users", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.staff }),
  });
}

/**
 * Changes a user: role, `active` (false ends their sessions and hands their open
 * conversations back to the queue) or `resetPassword` (answers a temporary password once).
 * @throws ApiError 409 `not_on_self` / `last_owner`, 403 `owner_role_owner_only` / `permission_not_held`
 */
export function useUpdateStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateStaffInput & { id: string }) =>
      api<StaffWithPassword>("PATCH", `/users/${id}`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.staff }),
  });
}

/** Built-in roles (most powerful first, the owner's holding every permission) then the shop's own (`roles.read`). */
export function useRoles(enabled = true) {
  return useQuery({ queryKey: keys.roles, queryFn: () => api<Role[]>("GET", "/roles"), enabled });
}

/** Makes a custom role, from scratch or from a built-in one (`clonedFrom`). @throws ApiError 409 `role_name_taken`, 403 `permission_not_held` */
export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRoleInput) => api<Role>("POST", "/roles", input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.roles }),
  });
}

/** Renames a custom role and/or replaces its permissions. @throws ApiError 409 `role_name_taken`, 403 `permission_not_held` */
export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateRoleInput & { id: string }) =>
      api<Role>("PATCH", `/roles/${id}`, input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.roles }),
  });
}

/** Deletes a custom role nobody holds. @throws ApiError 409 `role_in_use` (its message says how many hold it) */
export function useDeleteRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>("DELETE", `/roles/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.roles }),
  });
}
