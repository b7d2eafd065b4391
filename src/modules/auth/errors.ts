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
  passwordChangeRequired: {
    code: "password_change_required",
    status: 403,
    when: "A user signed in with a temporary password (given when added, or reset by staff) calls any route but sign-out, session and change-password.",
    message: {
      id: "Ganti kata sandi sementara Anda dulu",
      en: "Change your temporary password first",
    },
  },
  currentPasswordWrong: {
    code: "current_password_wrong",
    status: 400,
    when: "Changing one's own password with a wrong current password.",
    message: {
      id: "Kata sandi saat ini salah",
      en: "The current password is wrong",
      fields: { currentPassword: "wrong" },
    },
  },
});
