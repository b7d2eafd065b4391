/** Statements of the users module (the `users` table's owner); the demo seed uses `insertUser`. */
import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Actor } from "../../lib/actor.js";
import { userInScope } from "../outlets/index.js";

/** The users the actor sees (the outlets module's `userInScope` on `users.id`): every one for an actor of every outlet. */
export const usersOfActor = (actor: Actor): SQL => userInScope(actor, users.id);

/** A new user; the password only as its hash (auth module's `hashPassword`). */
interface UserInsert {
  tenantId: string;
  /** Stored as given: lower-case it first. */
  email: string;
  name: string;
  passwordHash: string;
  role: (typeof users.$inferInsert)["role"];
  /** The custom role (role `custom` only). */
  roleId?: string | null;
  /** A temporary password: the user must change it at their next sign-in. */
  mustChangePassword?: boolean;
}

/** Inserts a user. @throws the database's unique violation when the shop already has the e-mail */
export async function insertUser(db: Db, input: UserInsert): Promise<void> {
  await db.insert(users).values(input);
}

/** A stored user. */
export type UserRow = typeof users.$inferSelect;

/** Inserts a user unless the shop already has one with that e-mail. @returns the new row, or null when the e-mail is taken */
export async function insertUserIfNew(db: Db, input: UserInsert): Promise<UserRow | null> {
  const [row] = await db
    .insert(users)
    .values(input)
    .onConflictDoNothing({ target: [users.tenantId, users.email] })
    .returning();
  return row ?? null;
}

/** The shop's users within `scope` (every user when absent; the outlets module's `userInScope`), by name. */
export function usersOf(db: Db, tenantId: string, scope: SQL = sql`TRUE`): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), scope))
    .orderBy(asc(users.name), asc(users.id));
}

/** What staff may change of a user (their own password goes through `setOwnPassword`). */
export type UserPatch = Partial<
  Pick<UserRow, "name" | "role" | "roleId" | "deactivatedAt" | "passwordHash" | "mustChangePassword">
>;

/**
 * Changes a user in one transaction that first locks the shop's active owners, so two owners
 * demoting (or deactivating) each other at once cannot leave the shop without one. `check`
 * sees the user before the change and the number of active owners, and may throw to change nothing.
 * `scope` (the outlets module's `userInScope`) hides a user outside the caller's outlets.
 * @returns the changed row, or undefined when the shop has no such user (within `scope`)
 */
export async function updateUserLocked(
  db: Db,
  tenantId: string,
  id: string,
  patch: UserPatch,
  check: (before: UserRow, owners: number) => void,
  written?: (tx: Db, before: UserRow, after: UserRow) => Promise<void>,
  scope: SQL = sql`TRUE`,
): Promise<UserRow | undefined> {
  return db.transaction(async (tx) => {
    const owners = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.role, "owner"), isNull(users.deactivatedAt)))
      .for("update");
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id), scope))
      .for("update");
    if (!before) return undefined;
    check(before, owners.length);
    // Nothing of the row to change (only the user's outlets, which `written` writes): no UPDATE.
    const changed = Object.values(patch).some((v) => v !== undefined);
    const [row] = changed
      ? await tx
          .update(users)
          .set(patch)
          .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
          .returning()
      : [before];
    await written?.(tx, before, row!);
    return row;
  });
}

/** A user of the shop within `scope` (its password hash included, for checking it); undefined when none. */
export async function userById(
  db: Db,
  tenantId: string,
  id: string,
  scope: SQL = sql`TRUE`,
): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id), scope));
  return row;
}

/** Stores a user's own new password (hash) and clears `must_change_password`. */
export async function setOwnPassword(
  db: Db,
  tenantId: string,
  id: string,
  passwordHash: string,
): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, mustChangePassword: false })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}
