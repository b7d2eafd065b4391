/** Errors of a shop's users. */
import { defineErrors } from "../../lib/errors.js";

/** The users module's catalogue. */
export const userErrors = defineErrors({
  emailTaken: {
    code: "email_taken",
    status: 409,
    when: "Adding a user with an email another user of the shop has.",
    message: {
      id: "Email ini sudah dipakai pengguna lain di toko ini",
      en: "This email is already used by another user of this shop",
      fields: { email: "already used" },
    },
  },
  notOnSelf: {
    code: "not_on_self",
    status: 409,
    when: "Deactivating oneself or resetting one's own password through the staff route: one changes one's own password with POST /auth/password, and another person deactivates.",
    message: {
      id: "Anda tidak bisa menonaktifkan akun sendiri atau mereset sandi sendiri di sini: ganti sandi lewat menu akun",
      en: "You cannot deactivate your own account or reset your own password here: change your password from the account menu",
    },
  },
  notFound: {
    code: "user_not_found",
    status: 404,
    when: "The user in the path does not exist in the shop.",
    message: { id: "Pengguna tidak ditemukan", en: "User not found" },
  },
});
