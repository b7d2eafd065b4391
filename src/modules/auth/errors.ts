/** Errors of signing in. */
import { defineErrors } from "../../lib/errors.js";

/** The auth module's catalogue. */
export const authErrors = defineErrors({
  invalidCredentials: {
    code: "invalid_credentials",
    status: 401,
    when: "Signing in with an unknown email or a wrong password (the same answer for both).",
    message: { id: "Email atau kata sandi salah", en: "Wrong email or password" },
  },
  signInLocked: {
    code: "sign_in_locked",
    status: 429,
    when: "Too many failed sign-ins for this email (known or not: the same answer); the lock doubles with each further failure, and the answer carries Retry-After.",
    message: (p: { seconds: number }) => ({
      id: `Terlalu banyak percobaan masuk untuk email ini. Coba lagi dalam ${p.seconds} detik`,
      en: `Too many sign-in attempts for this email. Try again in ${p.seconds} seconds`,
    }),
  },
});
