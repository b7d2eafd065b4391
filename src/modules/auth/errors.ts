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
});
