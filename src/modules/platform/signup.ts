/**
 * Sign-up (issue 14, SaaS mode; docs/billing.md "Sign-up"): a new shop on the trial package.
 * One transaction makes the shop (Asia/Jakarta), its first outlet named after it, its owner
 * (no temporary password) and the trial, so a failure leaves nothing half made; then the
 * owner is signed in like `POST /auth/sign-in`. No demo data.
 */
import type { Logger } from "pino";
import type { Db } from "../../db/client.js";
import { commonErrors } from "../../lib/common-errors.js";
import { normalizePhone } from "../../lib/phone/normalize.js";
import { type AuthService, hashPassword } from "../auth/index.js";
import { type BillingService, startTrial, trialPackage } from "../billing/index.js";
import { platformErrors } from "./errors.js";
import { insertShop, lockEmail, ownerHasEmail } from "./queries.js";

/** What the sign-up form sends (already shaped by the route's schema). */
interface SignUpInput {
  shopName: string;
  ownerName: string;
  email: string;
  /** A WhatsApp number as typed: `0812…`, `+62 812…`, `62812…` (Indonesian rules). */
  phone: string;
  /** At least 8 characters. */
  password: string;
}

/** Sign-up's verbs; `enabled` is SaaS mode. */
export function createSignUp(
  db: Db,
  auth: Pick<AuthService, "openSession">,
  billing: Pick<BillingService, "enabled" | "now">,
  log?: Pick<Logger, "info">,
) {
  return {
    /** What the sign-up page shows: whether it is open and what the trial gives. */
    async info(): Promise<{ enabled: boolean; trialDays: number | null; trialMessages: number | null }> {
      if (!billing.enabled) return { enabled: false, trialDays: null, trialMessages: null };
      const trial = await trialPackage(db);
      return {
        enabled: true,
        trialDays: trial ? (trial.trialDays ?? 14) : null,
        trialMessages: trial?.messageQuota ?? null,
      };
    },

    /**
     * Creates the shop, its outlet, owner and trial, then a session for the owner.
     * @returns what `AuthService.signIn` returns (token for the cookie, expiry, user).
     * @throws 404 `not_found` in single mode; 400 `invalid_phone` (field `phone`);
     *   409 `email_taken` when a shop's owner has the e-mail.
     */
    async signUp(input: SignUpInput) {
      if (!billing.enabled) throw platformErrors.signUpClosed();
      const phone = normalizePhone(input.phone, "ID");
      if (!phone.ok) throw commonErrors.invalidPhone({ reason: phone.reason, field: "phone" });
      const email = input.email.trim().toLowerCase();
      if (await ownerHasEmail(db, email)) throw platformErrors.emailTaken();
      const passwordHash = await hashPassword(input.password);
      const now = billing.now();
      const shop = await db.transaction(async (tx) => {
        // Two sign-ups with one e-mail at once: the second waits here and then sees the first.
        await lockEmail(tx, email);
        if (await ownerHasEmail(tx, email)) throw platformErrors.emailTaken();
        const made = await insertShop(tx, {
          shopName: input.shopName.trim(),
          ownerName: input.ownerName.trim(),
          email,
          phone: phone.e164,
          passwordHash,
        });
        await startTrial(tx, made.tenantId, now);
        return made;
      });
      log?.info({ tenantId: shop.tenantId }, "a shop signed up");
      return auth.openSession(shop.userId, shop.tenantId);
    },
  };
}
