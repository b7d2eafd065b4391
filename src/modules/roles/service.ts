import type { Db } from "../../db/client.js";
import { type Actor, permissionsOf, requirePermission } from "../../lib/actor.js";
import {
  BUILT_IN_ROLE_SPECS,
  BUILT_IN_ROLES,
  type BuiltInRole,
  builtInPermissions,
  isBuiltInRole,
  isPermission,
  type Permission,
  PERMISSIONS,
} from "../../lib/permissions.js";
import { changesBetween, recordAudit } from "../audit/index.js";
import { roleErrors } from "./errors.js";
import { deleteRole, holdersOf, insertRole, roleOf, type RoleRow, rolesOf, updateRole } from "./queries.js";
import type { CreateRoleInput, RoleDto, UpdateRoleInput } from "./schemas.js";

/** Keys in registry order, unknown ones dropped, each once. */
const ordered = (keys: readonly string[]): Permission[] => {
  const set = new Set(keys.filter(isPermission));
  return PERMISSIONS.filter((p) => set.has(p));
};

const builtInDto = (key: BuiltInRole): RoleDto => ({
  id: null,
  key,
  name: key,
  builtIn: true,
  permissions: [...BUILT_IN_ROLE_SPECS[key].permissions],
  clonedFrom: null,
});

const customDto = (r: RoleRow): RoleDto => ({
  id: r.id,
  key: "custom",
  name: r.name,
  builtIn: false,
  permissions: ordered(r.permissions),
  clonedFrom: r.clonedFrom && isBuiltInRole(r.clonedFrom) ? r.clonedFrom : null,
});

/**
 * The rule "nobody grants a permission they do not hold": every key of `granting` must be
 * the actor's, except those in `already` (keys the role had before this change).
 * @throws KabarError 403 `permission_not_held` naming the keys
 */
function assertMayGrant(actor: Actor, granting: readonly Permission[], already: readonly string[] = []) {
  const held = permissionsOf(actor);
  const had = new Set(already);
  const missing = granting.filter((p) => !held.has(p) && !had.has(p));
  if (missing.length > 0) throw roleErrors.notHeld({ permissions: missing.join(", ") });
}

/** A role as a user holds it: the column values and what they open. */
interface ResolvedRole {
  role: BuiltInRole | "custom";
  roleId: string | null;
  permissions: Permission[];
}

/**
 * The shop's roles: the built-in ones (in the code, src/lib/permissions.ts, read-only) and
 * its custom roles (`roles` table). Writes need `roles.*` and the granting rule.
 */
export function createRoleService(db: Db) {
  return {
    /** Built-in roles first (most powerful first), then the shop's custom roles by name. @throws KabarError 403 */
    async list(actor: Actor): Promise<RoleDto[]> {
      requirePermission(actor, "roles.read");
      return [...BUILT_IN_ROLES.map(builtInDto), ...(await rolesOf(db, actor.tenantId)).map(customDto)];
    },

    /** One custom role. @throws KabarError 403, 404 `role_not_found` */
    async get(actor: Actor, id: string): Promise<RoleDto> {
      requirePermission(actor, "roles.read");
      const row = await roleOf(db, actor.tenantId, id);
      if (!row) throw roleErrors.notFound();
      return customDto(row);
    },

    /**
     * Creates a custom role: the built-in `clonedFrom` role's permissions (if given) plus
     * `permissions`. The caller must hold every one of them.
     * @throws KabarError 403 `forbidden` / `permission_not_held`, 409 `role_name_taken`
     */
    async create(actor: Actor, input: CreateRoleInput): Promise<RoleDto> {
      requirePermission(actor, "roles.create");
      const base = input.clonedFrom ? [...builtInPermissions(input.clonedFrom)] : [];
      const permissions = ordered([...base, ...input.permissions]);
      assertMayGrant(actor, permissions);
      // The role and its audit entry commit together.
      const row = await db.transaction(async (tx) => {
        const made = await insertRole(tx, {
          tenantId: actor.tenantId,
          name: input.name,
          permissions,
          clonedFrom: input.clonedFrom ?? null,
        });
        if (!made) throw roleErrors.nameTaken();
        await recordAudit(tx, actor, {
          action: "role.create",
          target: { type: "role", id: made.id, name: made.name },
          changes: changesBetween(
            {},
            { name: made.name, permissions: made.permissions, clonedFrom: made.clonedFrom },
          ),
        });
        return made;
      });
      return customDto(row);
    },

    /**
     * Renames a custom role and/or replaces its permissions; its holders get the new set
     * with their next request (sessions rebuild the actor each time).
     * @throws KabarError 403 `forbidden` / `permission_not_held` (adding keys the caller lacks),
     *   404 `role_not_found`, 409 `role_name_taken`
     */
    async update(actor: Actor, id: string, input: UpdateRoleInput): Promise<RoleDto> {
      requirePermission(actor, "roles.update");
      const row = await roleOf(db, actor.tenantId, id);
      if (!row) throw roleErrors.notFound();
      const permissions = input.permissions && ordered(input.permissions);
      if (permissions) assertMayGrant(actor, permissions, row.permissions);
      try {
        const next = await db.transaction(async (tx) => {
          const changed = await updateRole(tx, actor.tenantId, id, { name: input.name, permissions });
          if (!changed) throw roleErrors.notFound();
          await recordAudit(tx, actor, {
            action: "role.update",
            target: { type: "role", id, name: changed.name },
            changes: changesBetween(
              { name: row.name, permissions: row.permissions },
              { name: changed.name, permissions: changed.permissions },
            ),
          });
          return changed;
        });
        return customDto(next);
      } catch (err) {
        if (
          (err as { code?: string }).code === "23505" ||
          (err as { cause?: { code?: string } }).cause?.code === "23505"
        )
          throw roleErrors.nameTaken();
        throw err;
      }
    },

    /** Deletes a custom role nobody holds. @throws KabarError 403, 404 `role_not_found`, 409 `role_in_use` */
    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, "roles.delete");
      const users = await holdersOf(db, actor.tenantId, id);
      if (users > 0) throw roleErrors.inUse({ users });
      const row = await roleOf(db, actor.tenantId, id);
      try {
        await db.transaction(async (tx) => {
          if (!row || !(await deleteRole(tx, actor.tenantId, id))) throw roleErrors.notFound();
          await recordAudit(tx, actor, {
            action: "role.delete",
            target: { type: "role", id, name: row.name },
            changes: changesBetween(
              { name: row.name, permissions: row.permissions },
              { name: null, permissions: null },
            ),
          });
        });
      } catch (err) {
        // A user was given the role between the count and the delete.
        if (
          (err as { code?: string }).code === "23503" ||
          (err as { cause?: { code?: string } }).cause?.code === "23503"
        )
          throw roleErrors.inUse({ users: await holdersOf(db, actor.tenantId, id) });
        throw err;
      }
    },

    /**
     * What giving someone `role` (a built-in key) or `roleId` (a custom role) means, checked
     * for the actor: only an owner gives the owner role, and nobody gives permissions they
     * lack. Used by the users module.
     * @throws KabarError 400 `unknown_role`, 403 `owner_role_owner_only` / `permission_not_held`
     */
    async resolveForGrant(
      actor: Actor,
      choice: { role?: BuiltInRole | undefined; roleId?: string | undefined },
    ): Promise<ResolvedRole> {
      let resolved: ResolvedRole;
      if (choice.roleId) {
        const row = await roleOf(db, actor.tenantId, choice.roleId);
        if (!row) throw roleErrors.unknownRole();
        resolved = { role: "custom", roleId: row.id, permissions: ordered(row.permissions) };
      } else {
        const role = choice.role ?? "agent";
        resolved = { role, roleId: null, permissions: [...builtInPermissions(role)] };
      }
      if (resolved.role === "owner" && actor.role !== "owner") throw roleErrors.ownerOnly();
      assertMayGrant(actor, resolved.permissions);
      return resolved;
    },
  };
}

/** The role service (see {@link createRoleService}). */
export type RoleService = ReturnType<typeof createRoleService>;
