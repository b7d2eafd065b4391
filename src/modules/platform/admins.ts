/**
 * Platform admins (issue 14, SaaS mode): the first one made on the first start, sign-in with
 * its own throttle, and sessions kept apart from shops' (`platform_sessions`, cookie
 * `kabar_platform`). A platform session opens only /platform/* routes; a shop's session or API
 * key never opens them (src/http/auth.ts).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { authErrors, createSignInThrottle, hashPassword, verifyPassword } from "../auth/index.js";
import {
  adminByEmail,
  adminCount,
  deletePlatformSession,
  insertAdmin,
  insertPlatformSession,
  type PlatformAdmin,
  platformSessionAdmin,
} from "./queries.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The throttle key of a platform admin's e-mail: apart from a shop user's with the same e-mail. */
const throttleKey = (email: string) => `platform:${email}`;

/** A hash no password fits, checked when the e-mail is unknown so both answers take as long. */
let dummyHash: Promise<string> | null = null;

/**
 * Makes the first platform admin on the first start in SaaS mode: `email`, the given password
 * or a generated one (12 random bytes, base64url). Later starts change nothing.
 * @returns the admin's e-mail and, when generated, the password to print once; null when an
 *   admin already existed.
 */
export async function ensurePlatformAdmin(
  db: Db,
  opts: { email: string; password?: string },
): Promise<{ email: string; password?: string } | null> {
  if ((await adminCount(db)) > 0) return null;
  const password = opts.password ?? randomBytes(12).toString("base64url");
  const email = opts.email.trim().toLowerCase();
  const id = await insertAdmin(db, {
    email,
    name: "Admin Platform",
    passwordHash: await hashPassword(password),
  });
  if (!id) return null; // another process made it first
  return { email, password: opts.password ? undefined : password };
}

/**
 * Platform admins' sign-in, sessions and sign-out. Tokens are 32 random bytes (base64url)
 * given once; only their SHA-256 is stored. `ttlHours` like shops' sessions.
 */
export function createPlatformAuth(
  db: Db,
  ttlHours: number,
  log?: Pick<Logger, "info" | "warn">,
  throttleOptions?: { baseMs?: number },
) {
  const throttle = createSignInThrottle(db, throttleOptions);
  return {
    /**
     * Checks e-mail + password and opens a platform session. Counts against the e-mail's
     * throttle (keyed `platform:<email>`, so a shop user's failures never lock an admin).
     * @throws KabarError 401 `invalid_credentials`; SignInLockedError 429 `sign_in_locked`.
     */
    async signIn(
      email: string,
      password: string,
    ): Promise<{ token: string; expiresAt: Date; admin: PlatformAdmin }> {
      const key = email.trim().toLowerCase();
      await throttle.attempt(throttleKey(key));
      const admin = await adminByEmail(db, key);
      dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
      const fits = await verifyPassword(admin?.passwordHash ?? (await dummyHash), password);
      if (!admin || !fits) {
        log?.warn({ platform: true }, "platform admin sign-in failed");
        throw authErrors.invalidCredentials();
      }
      await throttle.succeeded(throttleKey(key));
      const token = randomBytes(32).toString("base64url");
      const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
      await insertPlatformSession(db, { key: sha256(token), adminId: admin.id, expiresAt });
      log?.info({ platformAdminId: admin.id }, "platform admin signed in");
      return { token, expiresAt, admin: { id: admin.id, email: admin.email, name: admin.name } };
    },
    /** The admin of a platform session token, or null when unknown or expired. */
    authenticate(token: string): Promise<PlatformAdmin | null> {
      return platformSessionAdmin(db, sha256(token));
    },
    /** Ends a platform session (idempotent). */
    async signOut(token: string): Promise<void> {
      await deletePlatformSession(db, sha256(token));
    },
  };
}

/** The platform admins' auth (the composition root makes one). */
export type PlatformAuth = ReturnType<typeof createPlatformAuth>;
