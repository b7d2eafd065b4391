import { randomBytes } from "node:crypto";
import type { PackageLimits } from "../../lib/package-limits.js";
import type { Db } from "../../db/client.js";
import { requirePermission, type Actor } from "../../lib/actor.js";
import { commonErrors } from "../../lib/common-errors.js";
import { changesBetween, recordAudit } from "../audit/index.js";
import { userErrors } from "./errors.js";
import {
  insertUserIfNew,
  setOwnPassword,
  updateUserLocked,
  userById,
  type UserPatch,
  type UserRow,
  usersOf,
  usersOfActor,
} from "./queries.js";
import { authErrors, type AuthService, hashPassword, verifyPassword } from "../auth/index.js";
import { roleErrors, type RoleService } from "../roles/index.js";
import { checkGivenOutlets, outletErrors, outletsOfUsers, setUserOutlets } from "../outlets/index.js";
import type {
  ChangePasswordInput,
  CreateUserInput,
  UpdateUserInput,
  UserDto,
  UserWithPasswordDto,
} from "./schemas.js";

/** What the users service needs of other modules (wired in src/services.ts). */
interface UserServiceDeps {
  /** Ends a user's sessions (and so their sockets, in every process). */
  auth: Pick<AuthService, "endSessionsOf" | "userChanged">;
  /** A user was deactivated: the assignment module hands their open conversations back to the queue. */
  deactivated?: (tenantId: string, userId: string) => Promise<void>;
  /** The package's staff limit (SaaS mode), checked when a user is added or reactivated. */
  limits?: PackageLimits;
}

/** A generated temporary password: 12 random bytes, base64url (16 characters). */
const generatePassword = (): string => randomBytes(12).toString("base64url");

const toDto = (row: UserRow, outletIds: readonly string[] = []): UserDto => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  roleId: row.roleId,
  outletIds: [...outletIds],
  mustChangePassword: row.mustChangePassword,
  deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** What the audit log shows of a user: never the password or its hash. */
const audited = (row: UserRow) => ({
  name: row.name,
  email: row.email,
  role: row.role,
  roleId: row.roleId,
  active: row.deactivatedAt === null,
  mustChangePassword: row.mustChangePassword,
});

/** The audit action of an update: what matters most of what it did. */
function updateAction(before: UserRow, after: UserRow, reset: boolean): string {
  if ((before.deactivatedAt === null) !== (after.deactivatedAt === null))
    return after.deactivatedAt ? "user.deactivate" : "user.reactivate";
  if (reset) return "user.reset_password";
  if (before.role !== after.role || before.roleId !== after.roleId) return "user.update_role";
  return "user.update";
}

/**
 * The shop's users and their roles. Giving a role follows the rules of issue 13: nobody
 * gives permissions they lack, only an owner gives or takes the owner role, and the last
 * owner keeps it. Agents' presence and load live in the assignment module.
 */
export function createUserService(db: Db, roles: RoleService, deps: UserServiceDeps) {
  /**
   * The outlets user `id` keeps when a limited actor gives them `given` (checked: the actor's
   * own): `given` plus the user's outlets outside the actor's, which the actor can neither see
   * nor take away. An actor of every outlet sets `given` as is.
   * @throws KabarError 404 `user_not_found` for a user outside the actor's outlets; 403
   *   `all_outlets_only` when the user works in every outlet (limiting them takes away outlets
   *   the actor does not hold)
   */
  async function keptOutlets(actor: Actor, id: string, given: string[]): Promise<string[]> {
    if (!actor.outletIds) return given;
    if (!(await userById(db, actor.tenantId, id, usersOfActor(actor)))) throw userErrors.notFound();
    const before = (await outletsOfUsers(db, [id])).get(id);
    if (!before) throw outletErrors.allOutletsOnly();
    const mine = new Set(actor.outletIds);
    return [...new Set([...given, ...before.filter((o) => !mine.has(o))])];
  }

  return {
    /**
     * The shop's users by name; for an actor limited to outlets, those who work in one of
     * them, and those of every outlet (they work there too).
     * @throws KabarError 403 without `users.read`
     */
    async list(actor: Actor): Promise<UserDto[]> {
      requirePermission(actor, "users.read");
      const rows = await usersOf(db, actor.tenantId, usersOfActor(actor));
      const outlets = await outletsOfUsers(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toDto(r, outlets.get(r.id)));
    },

    /**
     * Adds a user to the caller's shop with a built-in role (default agent) or a custom
     * role, and a temporary password (given, or generated and answered once) the user must
     * change at their next sign-in. The email is stored lower-cased; the password only as its
     * Argon2id hash.
     * @throws KabarError 402 `package_limit_reached` (SaaS staff limit), 403 `forbidden` without `users.create`, 403 `owner_role_owner_only`,
     *   403 `permission_not_held`, 400 `unknown_role`, 400 `unknown_outlet` / 403 `all_outlets_only` (`outletIds`); 409 `email_taken` when a user of the
     *   same shop already has that email. E-mails are unique per shop only (sign-in picks the
     *   account by password, src/modules/auth/service.ts), so a user of another shop with
     *   the same e-mail changes nothing: the answer never tells who uses Kabar elsewhere.
     */
    async create(actor: Actor, input: CreateUserInput): Promise<UserWithPasswordDto> {
      requirePermission(actor, "users.create");
      const { role, roleId } = await roles.resolveForGrant(actor, input);
      const outletIds = await checkGivenOutlets(
        db,
        actor,
        input.outletIds ?? actor.outletIds ?? [],
        "outletIds",
      );
      const generated = input.password === undefined ? generatePassword() : null;
      const passwordHash = await hashPassword(input.password ?? (generated as string));
      // The user and their outlets together: never a user of every outlet by a failed second write.
      const row = await db.transaction(async (tx) => {
        // The package's staff limit, counted in this transaction (billing/limits.ts).
        await deps.limits?.assertRoom(tx, actor.tenantId, "staff");
        const r = await insertUserIfNew(tx as unknown as Db, {
          tenantId: actor.tenantId,
          email: input.email.trim().toLowerCase(),
          name: input.name,
          passwordHash,
          role,
          roleId,
          mustChangePassword: true,
        });
        if (r) {
          await setUserOutlets(tx, actor.tenantId, r.id, outletIds);
          await recordAudit(tx, actor, {
            action: "user.create",
            target: { type: "user", id: r.id, name: r.name },
            changes: changesBetween({}, { ...audited(r), outletIds }),
          });
        }
        return r;
      });
      if (!row) {
        throw userErrors.emailTaken();
      }
      return { ...toDto(row, outletIds), temporaryPassword: generated };
    },

    /**
     * Renames a user, gives them another role (applies from their next request; their
     * sockets are closed: src/realtime/sessions.ts), deactivates or reactivates them, and/or
     * resets their password to a temporary one (given, or generated and answered once) they
     * must change at next sign-in. Deactivating or resetting ends all their sessions and
     * sockets at once; deactivating also hands their open conversations back to the queue.
     * @throws KabarError 402 `package_limit_reached` (reactivating beyond the SaaS staff limit), 403 `forbidden` without `users.update`, 403 `owner_role_owner_only`
     *   (a non-owner changing an owner or giving the owner role), 403 `permission_not_held`,
     *   400 `unknown_role`, 400 `unknown_outlet` / 403 `all_outlets_only` (`outletIds`), 404 `user_not_found`
     *   (also a user outside the caller's outlets), 409 `last_owner` (demoting or deactivating
     *   the shop's last active owner), 409 `not_on_self` (deactivating oneself or resetting
     *   one's own password: POST /auth/password is the way)
     */
    async update(actor: Actor, id: string, input: UpdateUserInput): Promise<UserWithPasswordDto> {
      requirePermission(actor, "users.update");
      // A reset or a deactivation of oneself would end this very session mid-request.
      if (id === actor.userId && (input.resetPassword || input.active === false))
        throw userErrors.notOnSelf();
      const changesRole = input.role !== undefined || input.roleId !== undefined;
      const given = input.outletIds && (await checkGivenOutlets(db, actor, input.outletIds, "outletIds"));
      const outletIds = given && (await keptOutlets(actor, id, given));
      const next = changesRole ? await roles.resolveForGrant(actor, input) : undefined;
      const reset = input.resetPassword;
      const generated = reset && reset.password === undefined ? generatePassword() : null;
      const patch: UserPatch = { name: input.name, ...(next && { role: next.role, roleId: next.roleId }) };
      if (reset) {
        patch.passwordHash = await hashPassword(reset.password ?? (generated as string));
        patch.mustChangePassword = true;
      }
      const deactivating = input.active === false;
      if (input.active !== undefined) patch.deactivatedAt = deactivating ? new Date() : null;
      const row = await updateUserLocked(
        db,
        actor.tenantId,
        id,
        patch,
        (before, owners) => {
          if (before.role === "owner" && actor.role !== "owner") throw roleErrors.ownerOnly();
          const activeOwner = before.role === "owner" && before.deactivatedAt === null;
          const losesOwner = (next && next.role !== "owner") || deactivating;
          if (activeOwner && losesOwner && owners <= 1) throw roleErrors.lastOwner();
          // Deactivating again keeps the first date.
          if (deactivating && before.deactivatedAt) patch.deactivatedAt = before.deactivatedAt;
        },
        async (tx, before, after) => {
          // A reactivation counts against the package's staff limit (the row is already active here).
          if (before.deactivatedAt !== null && after.deactivatedAt === null)
            await deps.limits?.assertRoom(tx, actor.tenantId, "staff", 0);
          // The outlets change with the rest, in the same transaction (the session reads them each request).
          const wasIn = outletIds && ((await outletsOfUsers(tx, [id])).get(id) ?? []);
          if (outletIds) await setUserOutlets(tx, actor.tenantId, id, outletIds);
          const movedOutlets = wasIn && [...wasIn].sort().join() !== [...outletIds].sort().join();
          // A reset shows as a changed password, its value redacted (never the password itself).
          const changes = {
            ...changesBetween(audited(before), audited(after)),
            ...(movedOutlets ? { outletIds: [wasIn, outletIds] as [unknown, unknown] } : {}),
            ...(reset ? { password: ["[redacted]", "[redacted]"] as [unknown, unknown] } : {}),
          };
          await recordAudit(tx, actor, {
            action: updateAction(before, after, reset !== undefined),
            target: { type: "user", id: after.id, name: after.name },
            changes,
          });
        },
        usersOfActor(actor),
      );
      if (!row) throw userErrors.notFound();
      // Their sockets reopen in their new outlets' rooms (the session reads the outlets each request).
      if (outletIds) deps.auth.userChanged(id);
      if (deactivating || reset) await deps.auth.endSessionsOf(id);
      if (deactivating) await deps.deactivated?.(actor.tenantId, id);
      const outlets = await outletsOfUsers(db, [id]);
      return { ...toDto(row, outlets.get(id)), temporaryPassword: generated };
    },

    /**
     * The caller changes their own password (current + new, Argon2id) and ends their other
     * sessions (this one stays); a temporary password is thereby changed.
     * `sessionKey`: the caller's session (src/modules/auth `sessionKey`).
     * @throws KabarError 400 `current_password_wrong`; 403 `forbidden` for a caller that is no user
     */
    async changeOwnPassword(actor: Actor, sessionKey: string, input: ChangePasswordInput): Promise<void> {
      if (!actor.userId) throw commonErrors.forbidden();
      const me = await userById(db, actor.tenantId, actor.userId);
      if (!me || !(await verifyPassword(me.passwordHash, input.currentPassword)))
        throw authErrors.currentPasswordWrong();
      await setOwnPassword(db, actor.tenantId, me.id, await hashPassword(input.newPassword));
      await recordAudit(db, actor, {
        action: "user.change_own_password",
        target: { type: "user", id: me.id, name: me.name },
        changes: { password: ["[redacted]", "[redacted]"] },
      });
      await deps.auth.endSessionsOf(me.id, sessionKey);
    },
  };
}
