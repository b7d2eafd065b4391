import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sessions, users } from '../../db/schema/index.js';
import type { Actor, Role } from '../../lib/actor.js';
import { KabarError } from '../../lib/errors.js';

/** A signed-in user as the API shows it. */
export interface SessionUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Hashes a password with Argon2id (the library's defaults follow OWASP's recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Sign-in, sessions and sign-out. Session tokens are 32 random bytes (base64url) given to
 * the client once; only their SHA-256 is stored, so a database leak reveals no session.
 */
export function createAuthService(db: Db, ttlHours: number) {
  return {
    /**
     * Checks email + password and opens a session.
     * @returns the token for the cookie, its expiry and the user.
     * @throws KabarError 401 `invalid_credentials` (same answer for unknown email and wrong password).
     */
    async signIn(email: string, password: string): Promise<{ token: string; expiresAt: Date; user: SessionUser }> {
      const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      const ok = user ? await verify(user.passwordHash, password) : await hash(password).then(() => false);
      if (!user || !ok) {
        throw new KabarError('invalid_credentials', 401, {
          id: 'Email atau kata sandi salah',
          en: 'Wrong email or password',
        });
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      await db.insert(sessions).values({ tokenHash: sha256(token), userId: user.id, tenantId: user.tenantId, expiresAt });
      await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
      return { token, expiresAt, user: toSessionUser(user) };
    },

    /** The user behind a session token, or null when unknown or expired. */
    async authenticate(token: string): Promise<{ actor: Actor; user: SessionUser } | null> {
      const [row] = await db
        .select({ user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())));
      if (!row) return null;
      const user = toSessionUser(row.user);
      return { actor: { tenantId: user.tenantId, userId: user.id, role: user.role }, user };
    },

    /** Ends the session (idempotent). */
    async signOut(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

function toSessionUser(u: typeof users.$inferSelect): SessionUser {
  return { id: u.id, tenantId: u.tenantId, email: u.email, name: u.name, role: u.role };
}
