import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { userErrors } from "./errors.js";
import { insertUserIfNew, updateUserLocked, type UserRow, usersOf } from "./queries.js";
import { hashPassword } from "../auth/index.js";
import { roleErrors, type RoleService } from "../roles/index.js";
import type { CreateUserInput, UpdateUserInput, UserDto } from "./schemas.js";

const toDto = (row: UserRow): UserDto => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  roleId: row.roleId,
  createdAt: row.createdAt.toISOString(),
});

/**
 * The shop's users and their roles. Giving a role follows the rules of issue 13: nobody
 * gives permissions they lack, only an owner gives or takes the owner role, and the last
 * owner keeps it. Agents' presence and load live in the assignment module.
 */
export function createUserService(db: Db, roles: RoleService) {
  return {
    /** The shop's users by name. @throws KabarError 403 without `users.read` */
    async list(actor: Actor): Promise<UserDto[]> {
      requirePermission(actor, "users.read");
      return (await usersOf(db, actor.tenantId)).map(toDto);
    },

    /**
     * Adds a user to the caller's shop with a built-in role (default agent) or a custom
     * role. The email is stored lower-cased; the password only as its Argon2id hash.
     * @throws KabarError 403 `forbidden` without `users.create`, 403 `owner_role_owner_only`,
     *   403 `permission_not_held`, 400 `unknown_role`; 409 `email_taken` when a user of the
     *   same shop already has that email. E-mails are unique per shop only (sign-in picks the
     *   account by password, src/modules/auth/service.ts), so a user of another shop with
     *   the same e-mail changes nothing: the answer never tells who uses Kabar elsewhere.
     */
    async create(actor: Actor, input: CreateUserInput): Promise<UserDto> {
      requirePermission(actor, "users.create");
      const { role, roleId } = await roles.resolveForGrant(actor, input);
      const row = await insertUserIfNew(db, {
        tenantId: actor.tenantId,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        passwordHash: await hashPassword(input.password),
        role,
        roleId,
      });
      if (!row) {
        throw userErrors.emailTaken();
      }
      return toDto(row);
    },

    /**
     * Renames a user and/or gives them another role; the new role applies from their next
     * request (their sockets are closed: src/realtime/sessions.ts).
     * @throws KabarError 403 `forbidden` without `users.update`, 403 `owner_role_owner_only`
     *   (a non-owner changing an owner or giving the owner role), 403 `permission_not_held`,
     *   400 `unknown_role`, 404 `user_not_found`, 409 `last_owner`
     */
    async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserDto> {
      requirePermission(actor, "users.update");
      const changesRole = input.role !== undefined || input.roleId !== undefined;
      const next = changesRole ? await roles.resolveForGrant(actor, input) : undefined;
      const row = await updateUserLocked(
        db,
        actor.tenantId,
        id,
        { name: input.name, ...(next && { role: next.role, roleId: next.roleId }) },
        (before, owners) => {
          if (before.role === "owner" && actor.role !== "owner") throw roleErrors.ownerOnly();
          if (before.role === "owner" && next && next.role !== "owner" && owners <= 1)
            throw roleErrors.lastOwner();
        },
      );
      if (!row) throw userErrors.notFound();
      return toDto(row);
    },
  };
}
