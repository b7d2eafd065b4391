import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../../db/client.js";
import type { Actor, Role } from "../../lib/actor.js";
import {
  BUILT_IN_ROLE_SPECS,
  isBuiltInRole,
  isPermission,
  type Permission,
  PERMISSIONS,
} from "../../lib/permissions.js";
import { disabledSet, withoutDisabled } from "../../lib/modules.js";
import { recordAudit } from "../audit/index.js";
import { authErrors } from "./errors.js";
import {
  deleteSession,
  deleteSessionsOfUser,
  insertSession,
  liveSessionRows,
  sessionUser,
  type UserRow,
  usersByEmail,
} from "./queries.js";
import { createSignInThrottle, SignInLockedError, type ThrottleOptions } from "./throttle.js";

/** A signed-in user as the API shows it. */
export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  /** A built-in role's key, or `custom` (then `roleId` and `roleName` name the shop's role). */
  role: Role;
  roleId: string | null;
  /** The custom role's name; null for a built-in role (the web app names those). */
  roleName: string | null;
  /** Every permission the user holds, in registry order (src/lib/permissions.ts). */
  permissions: Permission[];
  /** The outlets the user is limited to (issue 13); `[]`: every outlet. */
  outletIds: string[];
  /** Signed in with a temporary password: every route but sign-out, session and change-password answers 403 `password_change_required`. */
  mustChangePassword: boolean;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The key of a session: the SHA-256 (hex) of its token, as stored in `sessions.token_hash`. */
export const sessionKey = (token: string): string => sha256(token);

/** What a live session is now: whose it is and until when (the realtime layer re-checks its sockets with it). */
interface LiveSession {
  tenantId: string;
  userId: string;
  role: Role;
  roleId: string | null;
  /** What the user may do now, in registry order. */
  permissions: Permission[];
  /** The outlets the user works in now, sorted; null: every outlet. */
  outletIds: string[] | null;
  expiresAt: Date;
}

/** Hashes a password with Argon2id (the library's defaults follow OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` is the one hashed in `passwordHash` (an unreadable hash: false). */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/**
 * Sign-in, sessions and sign-out. Session tokens are 32 random bytes (base64url) given to
 * the client once; only their SHA-256 is stored, so a database leak reveals no session.
 */
export function createAuthService(db: Db, ttlHours: number, throttleOptions?: ThrottleOptions) {
  const signOutListeners = new Set<(tokenHash: string) => void>();
  const userChangedListeners = new Set<(userId: string) => void>();
  const throttle = createSignInThrottle(db, throttleOptions);
  return {
    /**
     * Checks email + password and opens a session. E-mails are unique per shop, so several
     * shops' users may share one: the password picks the account (every candidate is
     * checked, in parallel; when the password fits several, the oldest account wins).
     * Each attempt counts against the e-mail's throttle (src/modules/auth/throttle.ts).
     * @returns the token for the cookie, its expiry and the user.
     * @throws KabarError 401 `invalid_credentials` (same answer for unknown email and wrong
     *   password); SignInLockedError 429 `sign_in_locked` while the e-mail is locked (known or not),
     *   recorded in the audit log as `auth.sign_in_locked` for each account with the e-mail.
     */
    async signIn(
      email: string,
      password: string,
    ): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
      const key = email.trim().toLowerCase();
      const locked = await throttle.attempt(key).then(
        () => null,
        (err: unknown) => err,
      );
      const candidates = await usersByEmail(db, key);
      if (locked) {
        // A refused attempt is a failed sign-in too: in the log of each shop that has the e-mail.
        if (locked instanceof SignInLockedError)
          for (const c of candidates)
            await recordAudit(db, actorOf(c), signInEntry("auth.sign_in_locked", c));
        throw locked;
      }
      const fits = candidates.length
        ? await Promise.all(candidates.map((u) => verify(u.passwordHash, password).catch(() => false)))
        : [await hash(password).then(() => false)];
      const user = candidates.find((_, i) => fits[i]);
      if (!user) {
        // In each shop that has the e-mail: a wrong password for that person (an e-mail no
        // shop has belongs to no shop's log).
        for (const c of candidates) await recordAudit(db, actorOf(c), signInEntry("auth.sign_in_failed", c));
        throw authErrors.invalidCredentials();
      }
      await throttle.succeeded(key);
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      await insertSession(db, { key: sha256(token), userId: user.id, tenantId: user.tenantId, expiresAt });
      await recordAudit(db, actorOf(user), signInEntry("auth.sign_in", user));
      return { token, expiresAt, user: toSessionUser(user) };
    },

    /**
     * Opens a session for a user who just proved who they are another way: the owner a
     * sign-up created (src/modules/platform/signup.ts), whose e-mail may also be a staff
     * member's in another shop, so `signIn`'s "oldest account with the password" could pick
     * that one. Recorded like a sign-in.
     * @returns what `signIn` returns.
     * @throws Error when the user does not exist or is deactivated (the caller just made it).
     */
    async openSession(
      userId: string,
      tenantId: string,
    ): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      await insertSession(db, { key: sha256(token), userId, tenantId, expiresAt });
      const row = await sessionUser(db, sha256(token));
      if (!row) throw new Error("the new session has no active user");
      await recordAudit(db, actorOf(row.user), signInEntry("auth.sign_in", row.user));
      return { token, expiresAt, user: toSessionUser(row.user) };
    },

    /**
     * The user behind a session token, or null when unknown or expired. `session` names the
     * session (its key, see `sessionKey`) and its expiry.
     */
    async authenticate(
      token: string,
    ): Promise<{ actor: Actor; user: SessionUser; session: { key: string; expiresAt: Date } } | null> {
      const key = sessionKey(token);
      const row = await sessionUser(db, key);
      if (!row) return null;
      const user = toSessionUser(row.user);
      return {
        actor: {
          tenantId: user.tenantId,
          userId: user.id,
          role: user.role,
          permissions: new Set(user.permissions),
          disabledModules: disabledSet(row.user.disabledModules),
          ...(row.user.outletIds ? { outletIds: row.user.outletIds } : {}),
        },
        user,
        session: { key, expiresAt: row.expiresAt },
      };
    },

    /**
     * Which of these sessions (keys, see `sessionKey`) are still live (not signed out, not
     * expired, their user not removed), with their user's current tenant and role. Keys are
     * unguessable, so the lookup needs no tenant; callers compare the tenant they hold.
     * @returns live session by key; a key missing from the map has ended.
     */
    async liveSessions(keys: readonly string[]): Promise<Map<string, LiveSession>> {
      const live = new Map<string, LiveSession>();
      if (keys.length === 0) return live;
      const rows = await liveSessionRows(db, keys);
      for (const { key, rolePermissions, disabledModules, ...session } of rows)
        live.set(key, {
          ...session,
          permissions: permissionsOfRow({ role: session.role, rolePermissions, disabledModules }),
        });
      return live;
    },

    /** Ends the session (idempotent; the audit log records a live one's end) and tells the `onSignOut` listeners its key. */
    async signOut(token: string): Promise<void> {
      const key = sha256(token);
      const live = await sessionUser(db, key);
      await deleteSession(db, key);
      if (live) await recordAudit(db, actorOf(live.user), signInEntry("auth.sign_out", live.user));
      for (const listener of signOutListeners) listener(key);
    },

    /**
     * Ends every session of a user (deactivated, password reset or changed, "sign out
     * everywhere"), but the one keyed `exceptKey`, and tells the `onSignOut` listeners each
     * key: their sockets close at once in every process.
     * @returns how many sessions ended
     */
    async endSessionsOf(userId: string, exceptKey?: string): Promise<number> {
      const keys = await deleteSessionsOfUser(db, userId, exceptKey);
      for (const key of keys) for (const listener of signOutListeners) listener(key);
      return keys.length;
    },

    /**
     * Calls `listener` with the key of each session signed out in this process (the
     * realtime layer closes that session's sockets in every process).
     * @returns a function that stops listening
     */
    onSignOut(listener: (key: string) => void): () => void {
      signOutListeners.add(listener);
      return () => void signOutListeners.delete(listener);
    },

    /**
     * Tells the `onUserChanged` listeners that a user's sessions now act differently (their
     * outlets changed): the realtime layer closes their sockets in every process, which
     * reopen with the new scope.
     */
    userChanged(userId: string): void {
      for (const listener of userChangedListeners) listener(userId);
    },

    /**
     * Calls `listener` with the id of each user changed in this process ({@link userChanged}).
     * @returns a function that stops listening
     */
    onUserChanged(listener: (userId: string) => void): () => void {
      userChangedListeners.add(listener);
      return () => void userChangedListeners.delete(listener);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * A user's permissions: its built-in role's set, or its custom role's stored keys (unknown
 * keys, dropped from the registry, are ignored), without the keys of the modules its shop
 * switched off (src/lib/modules.ts): the web app hides them and sockets leave their rooms.
 */
function permissionsOfRow(u: Pick<UserRow, "role" | "rolePermissions" | "disabledModules">): Permission[] {
  const off = disabledSet(u.disabledModules);
  if (isBuiltInRole(u.role)) return withoutDisabled(BUILT_IN_ROLE_SPECS[u.role].permissions, off);
  const held = new Set((u.rolePermissions ?? []).filter(isPermission));
  return withoutDisabled(
    PERMISSIONS.filter((p) => held.has(p)),
    off,
  );
}

/** The actor of a sign-in, failed sign-in or sign-out: the person whose account it is. */
function actorOf(u: UserRow): Actor {
  return { tenantId: u.tenantId, userId: u.id, role: u.role };
}

/** The audit entry of a sign-in, failed sign-in or sign-out of `u`. */
function signInEntry(action: string, u: UserRow) {
  return { action, target: { type: "user", id: u.id, name: u.name } };
}

function toSessionUser(u: UserRow): SessionUser {
  return {
    id: u.id,
    tenantId: u.tenantId,
    email: u.email,
    name: u.name,
    role: u.role,
    roleId: u.roleId,
    roleName: u.roleName,
    permissions: permissionsOfRow(u),
    outletIds: u.outletIds ?? [],
    mustChangePassword: u.mustChangePassword,
  };
}
