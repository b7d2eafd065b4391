import type { TFunction } from "i18next";
import type { Permission } from "../../api/session";
import type { Role, User } from "../../api/types";

/** A module's permission keys (`orders` → `orders.read`, `orders.create`…), in the API's order. */
interface PermissionGroup {
  module: string;
  keys: Permission[];
}

/** A role's permission keys (the DTO types them as strings; they are registry keys, docs/permissions.md). */
export const permissionsOf = (role: Pick<Role, "permissions">): Permission[] =>
  role.permissions as Permission[];

/**
 * Every permission key the roles name, in the registry's order: the built-in owner role
 * (listed first by GET /roles) holds them all, so the web app keeps no copy of the registry.
 */
export function allPermissions(roles: readonly Role[]): Permission[] {
  return [...new Set(roles.flatMap(permissionsOf))];
}

/** `keys` grouped by module, the module being the key's prefix before the dot (`module.verb`). */
export function groupPermissions(keys: readonly Permission[]): PermissionGroup[] {
  const groups = new Map<string, Permission[]>();
  for (const key of keys) {
    const module = key.split(".")[0] ?? key;
    groups.set(module, [...(groups.get(module) ?? []), key]);
  }
  return [...groups].map(([module, list]) => ({ module, keys: list }));
}

/** A module's name in the interface language (the module key when the catalogue lacks it). */
export function moduleLabel(t: TFunction, module: string): string {
  return t(`permissions.module.${module}`, { defaultValue: module });
}

/** A permission's description in the interface language (the key itself when the catalogue lacks it). */
export function permissionLabel(t: TFunction, key: string): string {
  return t(`permissions.key.${key}`, { defaultValue: key });
}

/** A role's name: a built-in role by the catalogue, a custom one by the name the shop gave it. */
export function roleLabel(t: TFunction, role: Pick<Role, "key" | "name">): string {
  return role.key === "custom" ? role.name : t(`auth.role.${role.key}`);
}

/**
 * Whether `me` may give someone `role`: only an owner gives the owner role, and nobody
 * gives a permission they do not hold (the API refuses both, src/modules/roles/service.ts).
 */
export function mayGive(me: Pick<User, "role" | "permissions">, role: Role): boolean {
  if (role.key === "owner" && me.role !== "owner") return false;
  return permissionsOf(role).every((p) => me.permissions.includes(p));
}

/** A role picker's value for a role: the built-in key, or `custom:<id>`. */
export const roleValue = (role: Pick<Role, "key" | "id">): string =>
  role.key === "custom" ? `custom:${role.id}` : role.key;

/** A built-in role's key. */
type BuiltInRole = NonNullable<Role["clonedFrom"]>;

/** What POST /users or PATCH /users/:id takes for a picker value (nothing for an unknown one). */
export function roleChoice(value: string, roles: readonly Role[]): { role?: BuiltInRole; roleId?: string } {
  const role = roles.find((r) => roleValue(r) === value);
  if (!role) return {};
  return role.key === "custom" ? { roleId: role.id ?? undefined } : { role: role.key };
}
