/** Statements of the roles module (the `roles` table's owner). */
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { roles, users } from "../../db/schema/index.js";

/** A stored custom role. */
export type RoleRow = typeof roles.$inferSelect;

/** The shop's custom roles, by name. */
export function rolesOf(db: Db, tenantId: string): Promise<RoleRow[]> {
  return db.select().from(roles).where(eq(roles.tenantId, tenantId)).orderBy(asc(roles.name));
}

/** One custom role of the shop, or undefined. */
export async function roleOf(db: Db, tenantId: string, id: string): Promise<RoleRow | undefined> {
  const [row] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
  return row;
}

/** Inserts a role unless the shop has one of that name. @returns the row, or null when the name is taken */
export async function insertRole(
  db: Db,
  input: { tenantId: string; name: string; permissions: string[]; clonedFrom: string | null },
): Promise<RoleRow | null> {
  const [row] = await db
    .insert(roles)
    .values(input)
    .onConflictDoNothing({ target: [roles.tenantId, roles.name] })
    .returning();
  return row ?? null;
}

/** Changes a role. @throws the database's unique violation (23505) when the new name is taken */
export async function updateRole(
  db: Db,
  tenantId: string,
  id: string,
  patch: { name?: string; permissions?: string[] },
): Promise<RoleRow | undefined> {
  const [row] = await db
    .update(roles)
    .set(patch)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)))
    .returning();
  return row;
}

/** How many users hold the role. */
export async function holdersOf(db: Db, tenantId: string, id: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.roleId, id)));
  return row?.n ?? 0;
}

/** Deletes a role. @returns whether it existed. @throws the database's foreign-key violation (23503) while a user holds it */
export async function deleteRole(db: Db, tenantId: string, id: string): Promise<boolean> {
  const gone = await db
    .delete(roles)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)))
    .returning({ id: roles.id });
  return gone.length > 0;
}
