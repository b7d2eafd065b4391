import type { Db } from "../../db/client.js";
import { KabarError } from "../../lib/errors.js";
import { authErrors } from "./errors.js";
import { countAttempt, forgetAttempts, lockRemainingMs } from "./queries.js";

/** Per-account sign-in backoff: how many failures are free, then how long the lock grows. */
export interface ThrottleOptions {
  /** Failures (in a row) before the first lock. Default 5. */
  freeAttempts?: number;
  /** Lock after the first failure past the free ones, ms; doubles with each further failure. Default 1 000. */
  baseMs?: number;
  /** Longest lock, ms. Default 15 minutes. */
  maxMs?: number;
  /** Failures older than this are forgotten (the count starts again), ms. Default 1 hour. */
  forgetAfterMs?: number;
}

/**
 * 429 `sign_in_locked` for an account (or an e-mail no account has: the same answer) locked by
 * too many failed sign-ins; a class of its own so the route can send Retry-After.
 */
export class SignInLockedError extends KabarError {
  constructor(readonly retryAfterSeconds: number) {
    const e = authErrors.signInLocked({ seconds: retryAfterSeconds });
    super(e.code, e.status, e.messages, e.fields);
  }
}

/**
 * Sign-in throttle per account, in PostgreSQL (table `sign_in_throttle`) so every process
 * shares it and a restart keeps it. Keyed by the normalised e-mail whether or not an
 * account has it: a locked unknown e-mail answers exactly like a locked account.
 *
 * Each attempt is counted before the password is checked, in one statement that also
 * refuses it while the e-mail is locked, so parallel attempts cannot slip past the count;
 * a success then clears the row. After `freeAttempts` failures the e-mail is locked for
 * `baseMs`, doubling with each further failure up to `maxMs`.
 */
export function createSignInThrottle(db: Db, opts: ThrottleOptions = {}) {
  const free = opts.freeAttempts ?? 5;
  const baseMs = opts.baseMs ?? 1_000;
  const maxMs = opts.maxMs ?? 15 * 60_000;
  const forgetMs = opts.forgetAfterMs ?? 3_600_000;
  return {
    /**
     * Counts one attempt for `email` (normalised) and, past the free ones, locks it.
     * @throws SignInLockedError (429, with the seconds to wait) while the e-mail is locked.
     */
    async attempt(email: string): Promise<void> {
      if (await countAttempt(db, email, { free, baseMs, maxMs, forgetMs })) return;
      const ms = (await lockRemainingMs(db, email)) ?? baseMs;
      throw new SignInLockedError(Math.max(1, Math.ceil(ms / 1000)));
    },

    /** Forgets the failures of `email` (a successful sign-in). */
    async succeeded(email: string): Promise<void> {
      await forgetAttempts(db, email);
    },
  };
}
