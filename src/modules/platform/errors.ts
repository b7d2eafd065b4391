/** Errors of the platform console, its admins and sign-up (issue 14, SaaS mode). */
import { defineErrors } from "../../lib/errors.js";

/** The platform module's catalogue. */
export const platformErrors = defineErrors({
  sessionRequired: {
    code: "platform_session_required",
    status: 401,
    when: "A platform console route (/platform/*) called without a platform admin's session: no session, a shop's session or an API key (a shop's credentials never open the console).",
    message: {
      id: "Masuk sebagai admin platform terlebih dahulu",
      en: "Sign in as a platform admin first",
    },
  },
  shopNotFound: {
    code: "shop_not_found",
    status: 404,
    when: "The shop in the platform console's path does not exist.",
    message: { id: "Toko tidak ditemukan", en: "Shop not found" },
  },
  shopWithoutSubscription: {
    code: "shop_without_subscription",
    status: 409,
    when: "Suspending or resuming a shop that has no subscription (a shop made before SaaS mode, unmetered), or resuming one that is not suspended / suspending one already suspended.",
    message: {
      id: "Status langganan toko ini tidak bisa diubah begitu",
      en: "This shop's subscription cannot change that way",
    },
  },
  packageNotFound: {
    code: "package_not_found",
    status: 404,
    when: "The package in the path or body does not exist (or is not offered to shops).",
    message: { id: "Paket tidak ditemukan", en: "Package not found" },
  },
  trialNotGranted: {
    code: "trial_package_not_granted",
    status: 409,
    when: "Putting a shop on the trial package from the platform console: the trial is only for new shops at sign-up.",
    message: {
      id: "Paket percobaan hanya untuk toko baru saat mendaftar",
      en: "The trial package is only for new shops at sign-up",
      fields: { packageId: "the trial package" },
    },
  },
  topupPackNotFound: {
    code: "topup_pack_not_found",
    status: 404,
    when: "The top-up pack in the platform console's path does not exist.",
    message: { id: "Paket top-up tidak ditemukan", en: "Top-up pack not found" },
  },
  codeTaken: {
    code: "code_taken",
    status: 409,
    when: "Creating a package or top-up pack with a code another one has.",
    message: {
      id: "Kode ini sudah dipakai",
      en: "This code is already used",
      fields: { code: "already used" },
    },
  },
  oneTrial: {
    code: "one_trial_package",
    status: 409,
    when: "Creating or changing a package so that the platform would have two trial packages (sign-up puts every new shop on the one trial).",
    message: {
      id: "Hanya boleh ada satu paket percobaan",
      en: "There can be only one trial package",
      fields: { isTrial: "another package is the trial" },
    },
  },
  emailTaken: {
    code: "email_taken",
    status: 409,
    when: "Sign-up with an e-mail a shop's owner already signs in with (docs/billing.md, Sign-up: why this answer is allowed to reveal it).",
    message: {
      id: "Email ini sudah dipakai pemilik toko lain. Masuk dengan email itu, atau pakai email lain.",
      en: "This email already belongs to a shop's owner. Sign in with it, or use another email.",
      fields: { email: "already used" },
    },
  },
  signUpClosed: {
    code: "not_found",
    status: 404,
    when: "POST /signup when Kabar runs as a single shop (KABAR_MODE=single): there is no sign-up.",
    message: { id: "Tidak ditemukan", en: "Not found" },
  },
});
