/**
 * The auth module's statements: sessions (stored by the SHA-256 of their token, never the
 * token) and the sign-in throttle (one row per normalised e-mail). Users are read here to
 * sign in; they are written only by the users module.
 */
import { and, asc, eq, getTableColumns, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { roles, sessions, signInThrottle, tenants, users } from "../../db/schema/index.js";
import { outletIdsOfUser } from "../outlets/index.js";

/**
 * A user row as stored, with its custom role's name and permission keys (null for a built-in
 * role) and its shop's switched-off modules (src/lib/modules.ts).
 */
export type UserRow = typeof users.$inferSelect & {
  roleName: string | null;
  rolePermissions: string[] | null;
  disabledModules: string[];
  /** The outlets the user is limited to (issue 13); null: every outlet. */
  outletIds: string[] | null;
};

const userWithRole = {
  ...getTableColumns(users),
  roleName: roles.name,
  rolePermissions: roles.permissions,
  disabledModules: tenants.disabledModules,
  outletIds: outletIdsOfUser(users.id),
};

/** Active (not deactivated) users with this (normalised) e-mail, oldest first: one per shop that has it. */
export function usersByEmail(db: Db, email: string): Promise<UserRow[]> {
  return db
    .select(userWithRole)
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .leftJoin(roles, and(eq(roles.id, users.roleId), eq(roles.tenantId, users.tenantId)))
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)))
    .orderBy(asc(users.createdAt), asc(users.id));
}

/** Stores a session (`key`: SHA-256 of the token) and drops every expired one. */
export async function insertSession(
  db: Db,
  session: { key: string; userId: string; tenantId: string; expiresAt: Date },
): Promise<void> {
  const { key, ...rest } = session;
  await db.insert(sessions).values({ tokenHash: key, ...rest });
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

/** The user of a live (unexpired) session of an active user, and its expiry; undefined when there is none. */
export async function sessionUser(
  db: Db,
  key: string,
): Promise<{ user: UserRow; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ user: userWithRole, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .leftJoin(roles, and(eq(roles.id, users.roleId), eq(roles.tenantId, users.tenantId)))
    .where(and(eq(sessions.tokenHash, key), gt(sessions.expiresAt, new Date()), isNull(users.deactivatedAt)));
  return row;
}

/** Of these session keys, the live ones with their user's current tenant and role (built-in key and custom role id). */
export function liveSessionRows(db: Db, keys: readonly string[]) {
  return db
    .select({
      key: sessions.tokenHash,
      tenantId: users.tenantId,
      userId: users.id,
      role: users.role,
      roleId: users.roleId,
      rolePermissions: roles.permissions,
      disabledModules: tenants.disabledModules,
      outletIds: outletIdsOfUser(users.id),
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.tenantId, sessions.tenantId)))
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .leftJoin(roles, and(eq(roles.id, users.roleId), eq(roles.tenantId, users.tenantId)))
    .where(
      and(
        inArray(sessions.tokenHash, [...keys]),
        gt(sessions.expiresAt, new Date()),
        isNull(users.deactivatedAt),
      ),
    );
}

/**
 * Ends every session of a user, but the one keyed `exceptKey` when given.
 * @returns the keys of the sessions ended
 */
export async function deleteSessionsOfUser(db: Db, userId: string, exceptKey?: string): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptKey ? ne(sessions.tokenHash, exceptKey) : undefined))
    .returning({ key: sessions.tokenHash });
  return rows.map((r) => r.key);
}

/** Ends a session (idempotent). */
export async function deleteSession(db: Db, key: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, key));
}

/** The throttle's knobs, all in ms except `free` (attempts before the first lock). */
interface ThrottleRule {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetMs: number;
}

/**
 * Counts one failed-or-pending attempt for `email` in one statement: failures older than
 * `forgetMs` start again at 1; from the `free`-th on, the e-mail is locked for `baseMs`
 * doubling per failure, at most `maxMs`. An e-mail locked right now is not counted.
 * @returns false when the e-mail is locked (nothing was counted)
 */
export async function countAttempt(db: Db, email: string, rule: ThrottleRule): Promise<boolean> {
  const { free, baseMs, maxMs, forgetMs } = rule;
  const n = sql`CASE WHEN ${signInThrottle.lastFailureAt} < now() - ${forgetMs}::float8 * interval '1 millisecond' THEN 1 ELSE ${signInThrottle.failures} + 1 END`;
  const lockMs = sql`least(${maxMs}::float8, ${baseMs}::float8 * power(2, greatest(${n} - ${free}, 0)))`;
  const counted = await db
    .insert(signInThrottle)
    .values({
      email,
      failures: 1,
      lockedUntil: free <= 1 ? sql`now() + ${baseMs}::float8 * interval '1 millisecond'` : null,
    })
    .onConflictDoUpdate({
      target: signInThrottle.email,
      set: {
        failures: n,
        lastFailureAt: sql`now()`,
        lockedUntil: sql`CASE WHEN ${n} >= ${free} THEN now() + ${lockMs} * interval '1 millisecond' ELSE NULL END`,
      },
      setWhere: sql`${signInThrottle.lockedUntil} IS NULL OR ${signInThrottle.lockedUntil} <= now()`,
    })
    .returning({ failures: signInThrottle.failures });
  return counted.length > 0;
}

/** How long `email` stays locked, ms (0 when it is not, undefined when it has no row). */
export async function lockRemainingMs(db: Db, email: string): Promise<number | undefined> {
  const [row] = await db
    .select({
      ms: sql<number>`greatest(extract(epoch from ${signInThrottle.lockedUntil} - now()) * 1000, 0)::float8`,
    })
    .from(signInThrottle)
    .where(eq(signInThrottle.email, email));
  return row === undefined ? undefined : Number(row.ms);
}

/** Forgets the failures of `email`. */
export async function forgetAttempts(db: Db, email: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.email, email));
}
